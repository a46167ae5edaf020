import * as assert from 'node:assert/strict';
import { lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { accountNode, disconnectAll, flatten, gpuPods, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, sshTrue, type SshSandbox } from './support/sshSandbox';

const USER_CONFIG = [
  '# my ssh config — nothing here may change',
  'Include ~/.ssh/config.d/*',
  '',
  'Host github.com',
  '\tUser git',
  '\tIdentityFile ~/.ssh/id_github   # tab indented, trailing comment',
  '',
  'Host *',
  '  ServerAliveInterval 60',
  '',
].join('\r\n');

describe('one-click Remote-SSH and Jupyter against a real sshd', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let backend: RealPodBackend;
  let sandbox: SshSandbox;
  let dir: string;
  let userConfig: string;

  before(async () => {
    backend = await RealPodBackend.start();
    sim = await startSimulator({ timeScale: 0.02, backend });
    sim.sim.controls.yotta.setBudget(100_000);
    sandbox = await sshSandbox(USER_CONFIG, 0o640);
    ({ dir, userConfig } = sandbox);
    await disconnectAll();
  });
  after(async () => {
    await disconnectAll();
    await sandbox.dispose();
    await sim.dispose();
    await backend.stop();
  });

  it('creates the dedicated key only with consent', async () => {
    const declined = new AutoInput({ createSshKey: false });
    const { services } = await script(declined);
    await assert.rejects(services.ssh.ensureKey(declined));
    assert.throws(() => lstatSync(join(dir, 'id_gpupods')));
    const auto = new AutoInput({ createSshKey: true });
    const key = await services.ssh.ensureKey(auto);
    assert.match(key.publicKey, /^ssh-ed25519 /);
    // The user registers this public key in Yotta's console; the simulator's pods then accept it.
    sim.sim.controls.yotta.authorizeKey(key.publicKey);
  });

  it('connects a Yotta pod: entry written, Include added, Remote-SSH opened on the right URI, ssh logs in', async () => {
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'ssh', apiKey: 'k1' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    await script(new AutoInput({ gpu: 'RTX 4090', name: 'ssh-box' }));
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'));
    const pod = await waitForPodNode('yotta', 'ssh-box', 'running');

    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    assert.deepEqual(workbench.folders, [
      { uri: 'vscode-remote://ssh-remote+gpupods-yotta-ssh-box/root', newWindow: true },
    ]);

    const text = readFileSync(userConfig, 'utf8');
    const block = /# --- GPU Pods: begin[^\n]*\n[\s\S]*?# --- GPU Pods: end ---\r?\n/.exec(text);
    assert.ok(block, 'one managed block');
    assert.match(block[0], /^[^\n]*\r\n/, "our lines use the file's CRLF endings");
    assert.equal(text.replace(block[0], ''), USER_CONFIG, 'every byte of the user config survives');
    assert.ok(text.indexOf('Include') < text.indexOf('Host github.com'), 'the Include stands before the first Host');
    assert.equal(lstatSync(userConfig).mode & 0o777, 0o640, 'the file keeps its mode');
    const hostFile = readFileSync(join(dir, 'gpupods', 'config'), 'utf8');
    assert.match(hostFile, /Host gpupods-yotta-ssh-box/);
    assert.match(hostFile, /IdentitiesOnly yes/);

    const login = sshTrue(userConfig, 'gpupods-yotta-ssh-box');
    assert.equal(login.code, 0, `ssh failed: ${login.stderr}`);
  });

  it('opens Jupyter with the generated password applied, and the server accepts it', async () => {
    const { workbench } = await script(new AutoInput());
    const pod = await waitForPodNode('yotta', 'ssh-box', 'running');
    await vscode.commands.executeCommand('gpuPods.openJupyter', pod);
    assert.equal(workbench.opened.length, 1);
    const url = workbench.opened[0];
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/.*token=/);
    const ok = await fetch(url);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /JupyterLab/);
    const wrong = new URL(url);
    wrong.searchParams.set('token', 'nope');
    assert.equal((await fetch(wrong)).status, 403);
  });

  it('offers running pods to the Jupyter extension as servers, resolved to a URL and token the server accepts', async () => {
    const { services } = await gpuPods();
    const servers = services.jupyterServers.provider;
    const token = new vscode.CancellationTokenSource().token;
    const listed = await servers.provideJupyterServers(token);
    const box = listed.find((s) => s.label.startsWith('ssh-box'));
    assert.ok(box, `ssh-box is listed: ${listed.map((s) => s.label).join(', ')}`);
    assert.equal(box.connectionInformation, undefined, 'connection details are resolved only when picked');
    const resolved = await servers.resolveJupyterServer(box, token);
    const info = resolved.connectionInformation!;
    assert.match(info.baseUrl.toString(), /^http:\/\/127\.0\.0\.1:\d+\/.+\/$/);
    assert.ok(info.token);
    const status = await fetch(new URL('api/status', info.baseUrl.toString(true)), {
      headers: { Authorization: `token ${info.token}` },
    });
    assert.equal(status.status, 200);
  });

  it('copies an SSH command that only holds validated values', async () => {
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.copySshCommand', await waitForPodNode('yotta', 'ssh-box', 'running'));
    assert.equal(workbench.copied.length, 1);
    assert.match(workbench.copied[0], /^ssh -F .+ gpupods-yotta-ssh-box$/);
  });

  it('Copy SSH Command says what it copied: "SSH command for "ssh-box" copied."', async () => {
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.copySshCommand', await waitForPodNode('yotta', 'ssh-box', 'running'));
    assert.deepEqual(workbench.infos, ['SSH command for "ssh-box" copied.']);
  });

  it('removes the entry when the pod is terminated', async () => {
    await script(new AutoInput({ confirmTerminate: true }));
    await vscode.commands.executeCommand('gpuPods.terminatePod', await waitForPodNode('yotta', 'ssh-box', 'running'));
    assert.doesNotMatch(readFileSync(join(dir, 'gpupods', 'config'), 'utf8'), /gpupods-yotta-ssh-box/);
    assert.notEqual(sshTrue(userConfig, 'gpupods-yotta-ssh-box').code, 0);
  });

  it('Novita (password SSH): installs the key once with the password, then ssh needs none', async function () {
    if (backend.passwordUnavailable) this.skip();
    await script(new AutoInput({ cloud: 'Novita AI', label: 'ssh', apiKey: 'k2' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    sim.sim.controls.novita.seedInstance({ name: 'pw-box' });
    const pod = await waitForPodNode('novita', 'pw-box', 'running');
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    assert.equal(workbench.errors.length, 0, workbench.errors.join(' | '));
    assert.deepEqual(
      workbench.folders.map((f) => f.uri),
      ['vscode-remote://ssh-remote+gpupods-novita-pw-box/root'],
    );
    const login = sshTrue(userConfig, 'gpupods-novita-pw-box');
    assert.equal(login.code, 0, `ssh failed: ${login.stderr}`);
    const written = readFileSync(join(dir, 'gpupods', 'config'), 'utf8') + readFileSync(userConfig, 'utf8');
    const provider = await (await gpuPods()).services.providers.get(pod.account);
    const password = (await provider.getPod(pod.pod.id))?.ssh?.password;
    assert.ok(password, 'the cloud gave a password');
    assert.ok(!written.includes(password), 'the password never reaches a file');
    await screenshot('ssh-connected');
  });

  it("Novita (password SSH) behind the user's ProxyJump: no key installed, and the user is told Remote-SSH will ask for the password", async function () {
    if (backend.passwordUnavailable) this.skip();
    const original = readFileSync(userConfig);
    // the user's own rule for every pod: through a bastion (GPU Pods' client does not follow proxies)
    writeFileSync(
      userConfig,
      original
        .toString('latin1')
        .replace('Host *\r\n', 'Host gpupods-novita-*\r\n  ProxyJump bastion.invalid\r\n\r\nHost *\r\n'),
      'latin1',
    );
    try {
      backend.resetPasswordPod('pw-proxied'); // the pod's user holds no key yet
      sim.sim.controls.novita.seedInstance({ name: 'pw-proxied' });
      const pod = await waitForPodNode('novita', 'pw-proxied', 'running');
      const { workbench } = await script(new AutoInput());
      await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
      assert.equal(workbench.errors.length, 0, workbench.errors.join(' | '));
      assert.ok(
        workbench.warnings.some((w) =>
          /sends gpupods-novita-pw-proxied through ProxyJump, so GPU Pods did not install its key on "pw-proxied": Remote-SSH will ask for the pod's password/.test(
            w,
          ),
        ),
        workbench.warnings.join(' | '),
      );
      assert.deepEqual(
        workbench.folders.map((f) => f.uri),
        ['vscode-remote://ssh-remote+gpupods-novita-pw-proxied/root'],
        'Remote-SSH still opens',
      );
      // straight to the pod with our entry alone (no proxy): our key is not there
      const direct = sshTrue(sandbox.hostFile, 'gpupods-novita-pw-proxied');
      assert.notEqual(direct.code, 0);
      assert.match(direct.stderr, /Permission denied/);
    } finally {
      writeFileSync(userConfig, original);
    }
  });

  it('says "not reachable yet" for a running pod without SSH details, and writes nothing', async () => {
    const before = readFileSync(join(dir, 'gpupods', 'config'), 'utf8');
    const id = sim.sim.controls.novita.seedInstance({ name: 'no-ssh' });
    sim.sim.controls.novita.overrideFields(id, { connectComponentSSH: null, sshCommand: null });
    const pod = await waitForPodNode('novita', 'no-ssh', 'running');
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    assert.ok(
      workbench.errors.some((e) => /not reachable over SSH yet/.test(e)),
      workbench.errors.join(' | '),
    );
    assert.equal(readFileSync(join(dir, 'gpupods', 'config'), 'utf8'), before);
  });

  it('refuses a symlinked ssh config with a clear message and writes nothing through it', async () => {
    const real = join(dir, 'real-config');
    writeFileSync(real, 'Host a\n  User b\n');
    const link = join(dir, 'linked-config');
    symlinkSync(real, link);
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('ssh.configFile', link, vscode.ConfigurationTarget.Global);
    try {
      const { workbench } = await script(new AutoInput());
      await vscode.commands.executeCommand(
        'gpuPods.connectRemoteSsh',
        await waitForPodNode('novita', 'pw-box', 'running').catch(() => waitForPodNode('novita', 'no-ssh', 'running')),
      );
      assert.ok(
        workbench.errors.some((e) => /symbolic link|symlink/i.test(e)),
        workbench.errors.join(' | '),
      );
      assert.equal(readFileSync(real, 'utf8'), 'Host a\n  User b\n');
      assert.equal(workbench.folders.length, 0);
    } finally {
      await vscode.workspace
        .getConfiguration('gpuPods')
        .update('ssh.configFile', userConfig, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists the running pods when connecting from the command palette', async () => {
    const auto = new AutoInput({ pod: () => undefined });
    await script(auto);
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh');
    const offered = auto.asked.find((q) => q.id === 'pod')?.items ?? [];
    assert.ok(offered.length > 0);
    for (const o of offered) assert.match(String(o.description), /running/);
    assert.ok(!(await flatten(await accountNode('novita'))).some((n) => n.type === 'error'));
  });
});
