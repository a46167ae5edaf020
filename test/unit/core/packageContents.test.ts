import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOUD_IDS } from '../../../src/providers/clouds';

const root = join(__dirname, '../../../..');

describe('the packaged extension (.vsix contents)', function () {
  this.timeout(60_000);

  it('holds both bundles, the manifest and media, and no sources, tests or maps', function () {
    if (!existsSync(join(root, 'dist/clouds/yotta.js'))) this.skip(); // needs `npm run build` first (npm test does it)
    const files = execFileSync(join(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const needed of [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'dist/extension.js',
      'dist/gpuPods.js',
      'media/gpu-pods.svg',
      'l10n/bundle.l10n.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    // Exactly the registered clouds' bundles (src/providers/clouds.ts), no stale one from a removed cloud.
    assert.deepEqual(
      files.filter((f) => f.startsWith('dist/clouds/')).sort(),
      CLOUD_IDS.map((cloud) => `dist/clouds/${cloud}.js`).sort(),
    );
    const unwanted = files.filter((f) =>
      /^(src|test|out|scripts|node_modules|\.vscode-test|test-artifacts)\/|\.map$|\.ts$/.test(f),
    );
    assert.deepEqual(unwanted, []);
    // The integration suites run GPU Pods through a test entry that hands out its services; it must never ship.
    assert.ok(
      existsSync(join(root, 'test/integration/support/testExtension.ts')),
      'the test entry this test guards against has moved',
    );
    assert.deepEqual(
      files.filter((f) => /testExtension|(^|\/)main\.js$|extension\/package\.json$/.test(f)),
      [],
      'the test entry is packaged',
    );
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    assert.equal(manifest.main, './dist/extension.js', 'the packaged entry is the shipped bundle');
  });
});
