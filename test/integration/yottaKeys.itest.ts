import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { accountNode, disconnectAll, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, sshTrue, type SshSandbox } from './support/sshSandbox';

/**
 * Yotta has no key API: GPU Pods sends the user's key with the create request (PUBLIC_KEY, installed by
 * Yotta's official images). A pod made elsewhere never got it; connecting says so instead of ending at a
 * password prompt. Real sshd behind the simulated pods; no key is registered in the "console".
 */
describe('Yotta SSH keys: sent at create, explained when missing', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let backend: RealPodBackend;
  let sandbox: SshSandbox;

  before(async () => {
    backend = await RealPodBackend.start({ passwordUser: false });
    sim = await startSimulator({ timeScale: 0.02, backend });
    sim.sim.controls.yotta.setBudget(100_000);
    sandbox = await sshSandbox('Host github.com\n  User git\n');
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'keys', apiKey: 'k-keys' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
  });
  after(async () => {
    await disconnectAll();
    await sandbox.dispose();
    await sim.dispose();
    await backend.stop();
  });

  it('declining to create an SSH key still creates the pod, once and without a key', async () => {
    const creates = () => sim.sim.requestsFor('yotta', 'POST').filter((r) => r.path === '/v2/pods').length;
    const before = creates();
    await script(new AutoInput({ gpu: 'RTX 4090', name: 'no-key', createSshKey: false }));
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'));
    const node = await waitForPodNode('yotta', 'no-key', 'running');
    assert.equal(creates() - before, 1);
    assert.equal(sim.sim.controls.yotta.pod(node.pod.id)?.publicKey, undefined);
  });

  it('a pod made in the Yotta console refuses the key: the user is told why, with the key to copy and where it goes', async () => {
    sim.sim.controls.yotta.addPod({ name: 'console-made' });
    const pod = await waitForPodNode('yotta', 'console-made', 'running');
    const { workbench, services } = await script(new AutoInput({ createSshKey: true }));
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    const { publicKey } = await services.ssh.ensureKey(new AutoInput());
    assert.equal(workbench.folders.length, 0, 'no remote window that would end at a password prompt');
    assert.equal(workbench.warnings.length, 1, workbench.warnings.join(' | '));
    assert.match(workbench.warnings[0], /"console-made" refused your SSH key/);
    assert.match(workbench.warnings[0], /Yotta console.*PUBLIC_KEY/);
    assert.ok(workbench.warnings[0].includes(publicKey), 'the public key to copy is in the message');
  });

  it('a pod created through GPU Pods on the official image accepts the key: Remote-SSH opens and ssh logs in', async () => {
    await script(new AutoInput({ gpu: 'RTX 4090', name: 'with-key', createSshKey: true }));
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'));
    const pod = await waitForPodNode('yotta', 'with-key', 'running');
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    assert.deepEqual(workbench.warnings, []);
    assert.equal(workbench.folders.length, 1);
    const login = sshTrue(sandbox.userConfig, 'gpupods-yotta-with-key');
    assert.equal(login.code, 0, `ssh failed: ${login.stderr}`);
  });
});
