import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBaseUrl } from '../../../src/core/baseUrl';

interface Setting {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: string[];
  pattern?: string;
  patternErrorMessage?: string;
  scope?: string;
  ignoreSync?: boolean;
  description?: string;
  markdownDescription?: string;
}

// The manifest as the Settings editor shows it in English: `%key%` strings read from package.nls.json.
const nls = JSON.parse(readFileSync(join(__dirname, '../../../../package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'), (_key, value) =>
  typeof value === 'string' && /^%[\w.-]+%$/.test(value) ? (nls[value.slice(1, -1)] ?? value) : value,
) as {
  contributes: { configuration: Array<{ properties: Record<string, Setting> }> };
};
const settings = manifest.contributes.configuration.flatMap((c) => Object.entries(c.properties));

/** The Settings editor's check: VS Code compiles a setting's `pattern` with the `u` flag. */
const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);

function accepted(url: string): boolean {
  try {
    validateBaseUrl(url, 'the setting');
    return true;
  } catch {
    return false;
  }
}

/** Base URLs as people type them: GPU Pods accepts these (src/core/baseUrl.ts)… */
const GOOD_URLS = [
  'https://api.yottalabs.ai',
  'https://api.novita.ai/gpu-instance/openapi/v1',
  'https://api-cloud.gpugeek.com/',
  'https://proxy.example.com:8443/v1?region=eu#x',
  'HTTPS://Example.COM/api',
  'https://[2001:db8::1]:443/api',
  'https://example.com/path@with-at',
  '  https://pasted.example.com  ',
  'http://localhost',
  'http://localhost:8080/api',
  'http://LOCALHOST:1',
  'http://127.0.0.1:3000',
  'http://127.1.2.3/x',
  'http://[::1]:4000/',
];
/** …and refuses these. */
const BAD_URLS = [
  '',
  'not a url',
  'api.yottalabs.ai',
  'ftp://example.com',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://api.yottalabs.ai',
  'http://10.0.0.1:8080',
  'http://127.0.0.1.nip.io',
  'http://localhost.example.com',
  'http://[::2]/',
  'http://user@localhost',
  'https://user:secret@example.com',
  'https://token@example.com/v1',
  'https://',
  'https://exa mple.com',
];

describe('package.json: the settings as the Settings editor shows and checks them', () => {
  it('describes every choice of every enum', () => {
    const enums = settings.filter(([, s]) => s.enum);
    assert.ok(enums.length > 0, 'no enum setting left to check');
    for (const [name, s] of enums) {
      assert.equal(s.enumDescriptions?.length, s.enum?.length, `${name}: one enumDescription per value`);
      for (const text of s.enumDescriptions ?? []) assert.ok(text.trim(), `${name}: an empty enumDescription`);
    }
  });

  it('says what it expects wherever it checks a pattern', () => {
    for (const [name, s] of settings.filter(([, s]) => s.pattern)) {
      assert.ok(s.patternErrorMessage?.trim(), `${name} has a pattern and no patternErrorMessage`);
      // Otherwise the Settings editor warns about the value the setting starts with.
      if (typeof s.default === 'string') assert.ok(matches(s.pattern!, s.default), `${name}: its default is refused`);
    }
  });

  it('flags in the Settings editor exactly the base URLs GPU Pods refuses (the pattern and the code cannot drift)', () => {
    const urls = settings.filter(([name]) => /(Url|URL)$/.test(name));
    assert.ok(urls.length >= 4, 'the base URL settings have moved');
    assert.deepEqual(
      [...GOOD_URLS.filter((u) => !accepted(u)), ...BAD_URLS.filter((u) => accepted(u))],
      [],
      'the samples say something else than src/core/baseUrl.ts',
    );
    for (const [name, s] of urls) {
      assert.ok(s.pattern, `${name} has no pattern`);
      assert.deepEqual(
        GOOD_URLS.filter((u) => !matches(s.pattern!, u)),
        [],
        `${name}'s pattern flags URLs GPU Pods accepts`,
      );
      assert.deepEqual(
        BAD_URLS.filter((u) => matches(s.pattern!, u)),
        [],
        `${name}'s pattern lets through URLs GPU Pods refuses`,
      );
      assert.match(s.patternErrorMessage ?? '', /https:\/\//);
      assert.match(s.patternErrorMessage ?? '', /localhost/);
    }
  });

  it('keeps paths on this computer out of Settings Sync, and honours them in remote windows', () => {
    // A path setting: named …File/…Directory/…Path, or explained with a path in the home folder.
    const paths = settings.filter(
      ([name, s]) => /(File|Directory|Path)$/.test(name) || /`~\//.test(s.markdownDescription ?? s.description ?? ''),
    );
    assert.ok(
      paths.some(([name]) => name === 'gpuPods.ssh.identityFile'),
      'the path settings this test knows are gone',
    );
    for (const [name, s] of paths) {
      // A Windows key path synced to a Linux laptop would point nowhere.
      assert.equal(s.ignoreSync, true, `${name} follows the user to other computers through Settings Sync`);
      // `machine` would also keep it from syncing, but VS Code then ignores the user's value in every remote
      // window — where GPU Pods still runs on this computer (extensionKind ui) and needs these paths.
      assert.equal(s.scope, 'application', `${name} is not read from the user's settings in a remote window`);
    }
    assert.deepEqual(
      settings.filter(([, s]) => s.ignoreSync).map(([name]) => name),
      paths.map(([name]) => name),
      'only paths stay on one computer',
    );
  });
});
