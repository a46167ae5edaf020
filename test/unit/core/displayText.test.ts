import assert from 'node:assert/strict';
import { DEFAULT_MAX_LENGTH, displayMarkdown, displayText, escapeMarkdown } from '../../../src/core/displayText';

/** How VS Code finds links in notification text (vs/base/common/linkedText.ts): backslashes do not stop it. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const hasNotificationLink = (s: string) => new RegExp(NOTIFICATION_LINK.source, 'gi').test(s);

const RLO = '\u202e';
const hostile = `[x](command:workbench.action.quit)${RLO}evil\nline two\0`;

describe('displayText (cloud text shown to people)', () => {
  it('leaves ordinary names alone', () => {
    for (const name of [
      'llama-train-01',
      'A100 × 8',
      'Région de Paris',
      '训练任务',
      'pod (old)',
      'x [beta]',
      'cost $5',
      '👩‍💻 dev box',
    ]) {
      assert.equal(displayText(name), name);
    }
  });

  it('turns a command link into inert text that VS Code does not linkify', () => {
    assert.ok(hasNotificationLink('[x](command:workbench.action.quit)'), 'the check itself recognises a link');
    const shown = displayText('[x](command:workbench.action.quit)');
    assert.equal(hasNotificationLink(shown), false, shown);
    assert.equal(shown, '[x] (command:workbench.action.quit)');
    assert.equal(
      hasNotificationLink(displayText('see [docs](https://evil.example/) and [run](file:///etc/passwd)')),
      false,
    );
    // Hidden characters between "]" and "(" are gone before the check, so they cannot smuggle a link through.
    assert.equal(hasNotificationLink(displayText(`[x]\u200b(command:a)`)), false);
    assert.equal(hasNotificationLink(displayText(`[x]${RLO}(command:a)`)), false);
  });

  it('drops bidi overrides, isolates and zero-width characters, and keeps text on one line', () => {
    const shown = displayText(hostile);
    for (const c of [RLO, '\n', '\0'])
      assert.ok(!shown.includes(c), `still contains U+${c.codePointAt(0)!.toString(16)}`);
    assert.equal(shown, '[x] (command:workbench.action.quit)evil line two');
    assert.equal(displayText(`a\u202ab\u202cc\u2066d\u2069e\u200ef\u200fg\u061ch\ufeffi\u00adj`), 'abcdefghij');
    assert.equal(
      displayText('one\r\ntwo\u2028three\u2029four\tfive\u0085six\u001b[31m'),
      'one two three four five six [31m',
    );
    assert.equal(displayText('  padded   name  '), 'padded name');
  });

  it('keeps icon syntax from drawing an icon', () => {
    assert.equal(displayText('$(pass) healthy'), '$ (pass) healthy');
  });

  it('bounds the length without splitting a character', () => {
    const long = 'a'.repeat(5000);
    const shown = displayText(long);
    assert.equal(Array.from(shown).length, DEFAULT_MAX_LENGTH);
    assert.ok(shown.endsWith('…'));
    const emoji = displayText('😀'.repeat(50), { maxLength: 10 });
    assert.equal(emoji, `${'😀'.repeat(9)}…`);
    assert.equal(displayText('short', { maxLength: 10 }), 'short');
  });

  it('shows nothing for values that are not text', () => {
    assert.equal(displayText(undefined), '');
    assert.equal(displayText(null), '');
    assert.equal(displayText({ toString: () => '[x](command:y)' }), '');
    assert.equal(displayText(42), '42');
  });
});

describe('displayMarkdown (cloud text inside a MarkdownString tooltip)', () => {
  it('escapes everything that could form a link, image, autolink, HTML or icon', () => {
    const md = displayMarkdown(
      '![img](https://e.x/a.png) <command:workbench.action.quit> <b>bold</b> $(zap) [r]: command:x',
    );
    const unescaped = md.replace(/\\./g, ''); // what is left once every backslash-escaped character is removed
    for (const c of ['!', '[', ']', '(', ')', '<', '>'])
      assert.ok(!unescaped.includes(c), `an unescaped ${c} survived: ${md}`);
    assert.ok(!/(^|[^\\])\$\\?\(/.test(md), `an icon can form: ${md}`);
    assert.equal(escapeMarkdown('$(zap) costs $2.50'), '\\$\\(zap\\) costs $2\\.50');
    assert.ok(!displayMarkdown(hostile).includes(RLO));
  });

  it('escapes Markdown characters and nothing else', () => {
    assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
    assert.equal(escapeMarkdown('plain words'), 'plain words');
  });

  it('keeps bare URLs, www names and addresses from becoming links (GFM autolinks ignore escapes)', () => {
    const md = escapeMarkdown('http://127.0.0.1:38888/tok vscode://x www.evil.example root@pod.example');
    assert.doesNotMatch(md, /[a-z]+:\/\//i, 'a scheme:// stays whole');
    assert.doesNotMatch(md, /www\\?\./i, 'www. stays whole');
    assert.doesNotMatch(md, /@[^\u200b]/, 'an @ is followed by text');
    assert.equal(
      md.replace(/\u200b/g, '').replace(/\\/g, ''),
      'http://127.0.0.1:38888/tok vscode://x www.evil.example root@pod.example',
    );
  });
});
