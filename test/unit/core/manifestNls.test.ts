import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Manifest fields VS Code shows to a person: each must be a `%key%` of package.nls.json. */
const SHOWN = new Set([
  'displayName',
  'description',
  'title',
  'shortTitle',
  'category',
  'name',
  'contextualTitle',
  'contents',
  'markdownDescription',
  'patternErrorMessage',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'altText',
]);
const LISTS = new Set(['enumDescriptions', 'markdownEnumDescriptions']);

/** Every shown string with its path, from the top-level fields and `contributes`. */
function shownStrings(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (SHOWN.has(key)) found.push([path, value]);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) =>
        LISTS.has(key) ? typeof v === 'string' && found.push([`${path}[${i}]`, v]) : walk(v, `${path}[${i}]`, ''),
      );
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, k);
    }
  };
  walk({ displayName: manifest.displayName, description: manifest.description }, '', '');
  walk(manifest.contributes, 'contributes', '');
  return found;
}

describe('package.json: every string a person sees is localisable (package.nls.json)', () => {
  it('names a package.nls.json key for every title, description, message and welcome text', () => {
    const strings = shownStrings();
    assert.ok(strings.length > 50, `only ${strings.length} strings found: the walk missed the manifest's shape`);
    const plain = strings.filter(([, v]) => !/^%[\w.-]+%$/.test(v)).map(([p, v]) => `${p} = ${v}`);
    assert.deepEqual(plain, [], 'write these into package.nls.json and use %key% in package.json');
    const missing = strings.map(([, v]) => v.slice(1, -1)).filter((k) => !(k in nls));
    assert.deepEqual(missing, [], 'keys used in package.json but absent from package.nls.json');
  });

  it('keeps no unused or empty entry in package.nls.json', () => {
    const used = new Set(shownStrings().map(([, v]) => v.slice(1, -1)));
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'entries nothing in package.json uses',
    );
    assert.deepEqual(
      Object.entries(nls)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => k),
      [],
    );
  });

  it('every command shows a localised title under the one GPU Pods category', () => {
    const commands = (manifest.contributes as { commands: Array<{ command: string; title: string; category: string }> })
      .commands;
    for (const c of commands) {
      assert.match(nls[c.title.slice(1, -1)] ?? '', /\S/, `${c.command} has no English title`);
      assert.equal(nls[c.category.slice(1, -1)], 'GPU Pods', c.command);
    }
  });
});
