import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userScopeValue } from '../../../src/core/ssh/userScope';

const root = resolve(__dirname, '../../../..');
const codeServerMjs = join(root, 'test/integration/launch/codeServer.mjs');

/** What the launchers' shared helper gives for a sandbox folder, in a fresh Node with this environment. */
function sandboxSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const script = `import { sshSandboxSettings } from ${JSON.stringify(codeServerMjs)};
    console.log(JSON.stringify(sshSandboxSettings('/tmp/gpupods-launch-test/ssh')));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

describe('launchers keep the real ~/.ssh out of tests, the bench and npm start', () => {
  after(() => rmSync('/tmp/gpupods-launch-test', { recursive: true, force: true }));

  it("point every SSH setting, and Remote-SSH's config file, into the sandbox folder", () => {
    const s = sandboxSettings({});
    for (const key of [
      'gpuPods.ssh.directory',
      'gpuPods.ssh.configFile',
      'gpuPods.ssh.identityFile',
      'remote.SSH.configFile',
    ]) {
      assert.ok(s[key]?.startsWith('/tmp/gpupods-launch-test/ssh/'), `${key} = ${s[key]}`);
    }
  });

  it('GPU_PODS_REAL_SSH=1 writes them empty, which means the real ~/.ssh', () => {
    assert.deepEqual(Object.values(sandboxSettings({ GPU_PODS_REAL_SSH: '1' })), ['', '', '', '']);
  });

  it('every launcher that writes VS Code user settings includes the SSH sandbox', () => {
    for (const file of [
      'test/integration/launch/runCodeServer.mjs',
      'test/integration/launch/electron.mjs',
      'scripts/start.mjs',
    ]) {
      const text = readFileSync(join(root, file), 'utf8');
      assert.ok(/sshSandboxSettings\(/.test(text), `${file} uses sshSandboxSettings`);
      const bare = text.match(/writeUserSettings\(userDataDir, baseSettings\)/g);
      assert.equal(bare, null, `${file} writes settings without the sandbox`);
    }
  });
});

describe("a foreign setting (remote.SSH.configFile) is read from the user's scope only", () => {
  it('takes the user value, else the default; a folder value never counts', () => {
    const inspected = {
      defaultValue: '',
      globalValue: '/home/me/.ssh/work-config',
      workspaceValue: '/tmp/evil',
      workspaceFolderValue: '/tmp/evil2',
    };
    assert.equal(userScopeValue(inspected), '/home/me/.ssh/work-config');
    assert.equal(userScopeValue({ ...inspected, globalValue: undefined }), '');
    assert.equal(userScopeValue(undefined), undefined);
  });
});
