import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBaseUrl } from '../../../src/core/baseUrl';
import { Semaphore } from '../../../src/core/concurrency';
import { ConfigError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { remoteFolderUri } from '../../../src/core/ssh/commands';
import { checkPath } from '../../../src/core/ssh/validate';
import { createYottaProvider } from '../../../src/providers/yotta';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
const contributed = new Set(
  (manifest.contributes.configuration as Array<{ properties: object }>).flatMap((c) => Object.keys(c.properties)),
);

/** The setting the error thrown by `fn` names for "Open Setting" (fails when it is no ConfigError). */
function settingOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e.setting;
  }
  assert.fail('nothing was thrown');
}

describe('errors a setting fixes name that setting (for "Open Setting")', () => {
  it('an invalid base URL names the setting it came from', () => {
    for (const bad of ['not a url', 'http://api.example.com', 'https://user:pw@api.example.com']) {
      assert.equal(
        settingOf(() => validateBaseUrl(bad, 'gpuPods.novita.baseUrl')),
        'gpuPods.novita.baseUrl',
        bad,
      );
    }
  });

  it("Yotta's API version and its base URL name their settings", () => {
    const deps = { logger: silentLogger, limiter: new Semaphore(1) };
    const create = (base: string, apiVersion: string) =>
      createYottaProvider({ apiKey: 'k', baseUrls: base ? { base } : {}, options: { apiVersion } }, deps);
    assert.equal(
      settingOf(() => create('https://api.example', 'v3')),
      'gpuPods.yotta.apiVersion',
    );
    assert.equal(
      settingOf(() => create('', 'v2')),
      'gpuPods.yotta.baseUrl',
    );
  });

  it('an SSH path or the remote folder names the setting that sets it', () => {
    assert.equal(
      settingOf(() => checkPath('/home/me/"key"', 'identity file')),
      'gpuPods.ssh.identityFile',
    );
    assert.equal(
      settingOf(() => checkPath('/tmp/a\nb', 'GPU Pods ssh config')),
      'gpuPods.ssh.directory',
    );
    assert.equal(
      settingOf(() => remoteFolderUri('gpupods-x', 'workspace')),
      'gpuPods.remote.folder',
    );
  });

  it('every setting id written in src/ is one package.json contributes (a typo would open an empty editor)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const named = files(join(__dirname, '../../../../src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/['"`](gpuPods\.[a-z][\w]*\.[\w.]+)['"`]/g)].map((m) => m[1]),
    );
    const settings = named.filter((id) => !/^gpuPods\.(apiKey|accounts|pods|palette|walkthrough)\b/.test(id));
    assert.ok(settings.includes('gpuPods.ssh.identityFile') && settings.includes('gpuPods.yotta.apiVersion'));
    for (const setting of settings) assert.ok(contributed.has(setting), `${setting} is not a contributed setting`);
  });
});
