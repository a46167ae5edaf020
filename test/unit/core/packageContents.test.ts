import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');

describe('the packaged extension (.vsix contents)', function () {
  this.timeout(60_000);

  it('holds both bundles, the manifest and media, and no sources, tests or maps', function () {
    if (!existsSync(join(root, 'dist/clouds/yotta.js'))) this.skip(); // needs `npm run build` first (npm test does it)
    const files = execFileSync(join(root, 'node_modules/.bin/vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'media/gpu-pods.svg']) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    for (const cloud of ['yotta', 'novita', 'gpugeek', 'neevcloud']) assert.ok(files.includes(`dist/clouds/${cloud}.js`), `${cloud} bundle is packaged`);
    const unwanted = files.filter((f) => /^(src|test|out|scripts|node_modules|\.vscode-test|test-artifacts)\/|\.map$|\.ts$/.test(f));
    assert.deepEqual(unwanted, []);
  });
});
