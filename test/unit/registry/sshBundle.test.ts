// dist/ssh.js, GPU Pods' own SSH client: a bundle of its own (activation does not load ssh2), plain JavaScript
// (ssh2's optional native add-ons are left out), and working in plain Node without them.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeProcessRunner } from '../../../src/core/ssh/io';
import { checks, repoRoot } from './checks';

function metafile(outputs: Record<string, string[]>) {
  return {
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([file, inputs]) => [
        file,
        { inputs: Object.fromEntries(inputs.map((i) => [i, {}])) },
      ]),
    ),
  };
}

const clean = {
  'dist/extension.js': ['src/extension.ts'],
  'dist/gpuPods.js': ['src/gpuPods.ts'],
  'dist/ssh.js': ['src/ssh.ts', '../main/node_modules/ssh2/lib/client.js', 'native-addon:cpu-features'],
};

describe('the SSH client bundle (dist/ssh.js)', function () {
  this.timeout(120_000);

  it('the bundle guard refuses ssh2 in the bundles loaded at activation, and a native add-on anywhere', async () => {
    const { guardBundles, SSH_OUTPUT } = await checks();
    assert.equal(SSH_OUTPUT, 'dist/ssh.js');
    assert.deepEqual(guardBundles(metafile(clean), []), []);
    assert.deepEqual(
      guardBundles(
        metafile({
          ...clean,
          'dist/gpuPods.js': ['src/gpuPods.ts', 'node_modules/ssh2/lib/client.js'],
          'dist/ssh.js': ['src/ssh.ts', 'node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node'],
        }),
        [],
      ),
      [
        'dist/gpuPods.js carries node_modules/ssh2/lib/client.js: ssh2 belongs in dist/ssh.js, loaded on the first SSH use',
        'dist/ssh.js carries the native add-on node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node: every bundle must be plain JavaScript',
      ],
    );
  });

  it('the bundle guard refuses zod in the activation bundle (a spec schema there doubled activation time)', async () => {
    const { guardBundles } = await checks();
    assert.deepEqual(
      guardBundles(metafile({ ...clean, 'dist/extension.js': ['src/extension.ts', 'src/core/zod.ts'] }), []),
      ['dist/extension.js carries src/core/zod.ts: zod loads with dist/gpuPods.js, on first use, not at activation'],
    );
    assert.deepEqual(
      guardBundles(
        metafile({ ...clean, 'dist/gpuPods.js': ['src/gpuPods.ts', 'node_modules/zod/v4/core/core.js'] }),
        [],
      ),
      [],
      'the first-use bundle may carry it',
    );
  });

  it('is built apart from the main bundles, requires only Node itself and dist/gpuPods.js, and works in plain Node with no native add-on', async () => {
    const { buildAll } = await checks();
    const results = await buildAll(repoRoot, { write: false, sourcemap: false });
    const files = (results as unknown as Array<{ outputFiles: Array<{ path: string; text: string }> }>).flatMap(
      (r) => r.outputFiles,
    );
    const ssh = files.find((f) => f.path.endsWith('/dist/ssh.js'));
    assert.ok(ssh, 'the build wrote dist/ssh.js');
    for (const main of ['/dist/extension.js', '/dist/gpuPods.js']) {
      const text = files.find((f) => f.path.endsWith(main))!.text;
      assert.doesNotMatch(text, /node_modules\/ssh2\//, `${main} carries ssh2`);
    }
    const required = [...new Set([...ssh.text.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]))];
    const builtin = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    assert.deepEqual(
      required.filter((r) => !builtin.has(r)),
      ['./gpuPods.js'],
      'anything else would be missing from the .vsix (no node_modules there)',
    );

    // Loaded as the extension host would: beside a gpuPods.js that hands out the shared core modules.
    const dir = mkdtempSync(join(tmpdir(), 'gpupods-ssh-bundle-'));
    try {
      writeFileSync(join(dir, 'ssh.js'), ssh.text);
      writeFileSync(
        join(dir, 'gpuPods.js'),
        `module.exports = { coreModules: require(${JSON.stringify(join(repoRoot, 'out/src/core/modules.js'))}).coreModules };\n`,
      );
      const script = `
        const Module = require('node:module');
        const load = Module._load;
        const refused = [];
        Module._load = function (request, ...rest) {
          if (/\\.node$|^cpu-features$/.test(request)) { refused.push(request); throw new Error('no native add-ons here'); }
          return load.call(this, request, ...rest);
        };
        const client = require(${JSON.stringify(join(dir, 'ssh.js'))});
        const loadedWithout = refused.splice(0);
        const { Server, utils } = require(${JSON.stringify(join(repoRoot, 'node_modules/ssh2'))});
        const server = new Server({ hostKeys: [utils.generateKeyPairSync('ed25519').private] }, (c) => {
          c.on('authentication', (ctx) => (ctx.method === 'password' && ctx.password === 'pw-1234' ? ctx.accept() : ctx.reject(['password'])));
          c.on('ready', () => c.on('session', (accept) => accept().on('exec', (ok, _no, info) => {
            const ch = ok(); ch.write(info.command); ch.exit(0); ch.end();
          })));
        });
        server.listen(0, '127.0.0.1', async () => {
          const clock = { now: Date.now, setTimeout, clearTimeout };
          const fs = require(${JSON.stringify(join(repoRoot, 'out/src/core/ssh/io.js'))}).nodeSshFs;
          const session = await client.connectSsh({
            target: { host: '127.0.0.1', port: server.address().port, user: 'u' },
            login: { method: 'password', password: 'pw-1234' },
            hostKeys: { knownHostsFile: ${JSON.stringify(join(dir, 'known_hosts'))}, trustNew: true },
          }, { fs, clock });
          const r = await session.exec(['echo', 'hello world']);
          session.close();
          server.close();
          console.log(JSON.stringify({ exports: Object.keys(client).sort(), loadedWithout, stdout: r.stdout, code: r.code }));
          process.exit(0);
        });`;
      const run = await nodeProcessRunner.run(process.execPath, ['-e', script], { timeoutMs: 60_000 });
      assert.equal(run.code, 0, run.stderr);
      const out = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
      assert.deepEqual(out.loadedWithout, [], 'the bundle asked for no native add-on');
      assert.equal(out.stdout, "echo 'hello world'");
      assert.equal(out.code, 0);
      assert.deepEqual(out.exports, [
        'INSTALL_KEY_SCRIPT',
        'SshPool',
        'checkLogin',
        'connectSsh',
        'fingerprint',
        'forgetHostKeys',
        'installPublicKey',
        'isSshClientError',
        'replaceHostKey',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
