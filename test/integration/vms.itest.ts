import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { waitFor } from './support/extension';
import { accountNode, children, disconnectAll, flatten, gpuPods, item, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, sshTrue, type SshSandbox } from './support/sshSandbox';
import type { TreeNode } from '../../src/views/nodes';

type PodNode = TreeNode & { type: 'pod' };

/** The VM row named `name` once it is in `status` (refreshing the account while waiting). */
async function vmNode(name: string, status: string, timeoutMs = 30_000): Promise<PodNode> {
  const { services } = await gpuPods();
  const found = await waitFor(
    `VM "${name}" to be ${status}`,
    async () => {
      const account = await accountNode('yotta');
      await services.data.refresh(account.account!.id);
      return (await flatten(await accountNode('yotta'))).find(
        (n): n is PodNode => n.type === 'pod' && n.pod.kind === 'vm' && n.pod.name === name && n.pod.status === status,
      );
    },
    timeoutMs,
    300,
  );
  return found!;
}

describe('Yotta virtual machines next to pods', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let backend: RealPodBackend;
  let sandbox: SshSandbox;

  before(async () => {
    backend = await RealPodBackend.start();
    sim = await startSimulator({ timeScale: 0.02, backend });
    sim.sim.controls.yotta.setBudget(100_000);
    sandbox = await sshSandbox('Host *\n  ServerAliveInterval 60\n');
    await disconnectAll();
    const { services } = await script(
      new AutoInput({ cloud: 'Yotta Labs', label: 'vms', apiKey: 'vm-key', createSshKey: true }),
    );
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    // The user registers the key GPU Pods uses in Yotta's console; the simulated VMs then accept it.
    sim.sim.controls.yotta.authorizeKey(
      (await services.ssh.ensureKey(new AutoInput({ createSshKey: true }))).publicKey,
    );
  });
  after(async () => {
    await disconnectAll();
    await sandbox.dispose();
    await sim.dispose();
    await backend.stop();
  });

  it('shows a "Virtual machines" group under the Yotta account', async () => {
    const groups = (await children(await accountNode('yotta'))).map((n) => (n.type === 'group' ? n.group : n.type));
    assert.deepEqual(groups, ['pods', 'vms', 'volumes', 'endpoints']);
  });

  it('creates a VM through the shared wizard and shows it running with its facts', async () => {
    const auto = new AutoInput({ name: 'it-vm', pricing: 'Spot' });
    await script(auto);
    await vscode.commands.executeCommand('gpuPods.createVm', await accountNode('yotta'));
    assert.ok(
      auto.asked.some((q) => q.id === 'summary'),
      'a summary before creating',
    );
    const creates = sim.sim.requestsFor('yotta', 'POST').filter((r) => /^\/v2\/vms\/?$/.test(r.path));
    assert.equal(creates.length, 1);
    const vm = await vmNode('it-vm', 'running');
    const row = await item(vm);
    assert.match(String(row.contextValue), /^vm\b/);
    assert.match(String(row.contextValue), /\+canTerminate/);
    assert.match(String(row.description), /Spot/);
    const tooltip = (row.tooltip as vscode.MarkdownString).value;
    for (const fact of ['CPU', 'Memory', 'IP']) assert.match(tooltip, new RegExp(fact, 'i'));
    await screenshot('tree-yotta-vms');
  });

  it("connects with Remote-SSH from the VM's IP and SSH template; ssh logs in", async () => {
    const { workbench } = await script(new AutoInput());
    await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', await vmNode('it-vm', 'running'));
    assert.deepEqual(workbench.errors, []);
    const alias = /ssh-remote\+([^/]+)/.exec(workbench.folders[0]?.uri ?? '')?.[1];
    assert.equal(alias, 'gpupods-yotta-it-vm');
    const login = sshTrue(sandbox.userConfig, alias!);
    assert.equal(login.code, 0, `ssh failed: ${login.stderr}`);
  });

  it('renames the VM', async () => {
    await script(new AutoInput({ vmName: 'it-vm-renamed' }));
    await vscode.commands.executeCommand('gpuPods.renameVm', await vmNode('it-vm', 'running'));
    await vmNode('it-vm-renamed', 'running');
  });

  it("shows the cloud's reason when a VM may not be terminated (11002), and keeps it", async () => {
    const vm = await vmNode('it-vm-renamed', 'running');
    sim.sim.controls.yotta.setVmTerminable(vm.pod.id, false);
    const { workbench } = await script(new AutoInput({ confirmTerminateVm: true }));
    await vscode.commands.executeCommand('gpuPods.terminateVm', vm);
    assert.equal(workbench.errors.length, 1);
    assert.match(workbench.errors[0], /terminat/i);
    assert.ok(sim.sim.controls.yotta.vm(vm.pod.id), 'the VM is still there');
    sim.sim.controls.yotta.setVmTerminable(vm.pod.id, true);
  });

  it('does not offer terminate while a VM initializes', async () => {
    sim.sim.controls.yotta.setDelays({ vmStartMs: 600_000 });
    sim.sim.controls.yotta.addVm({ name: 'it-booting', status: 'initializing' });
    const booting = await vmNode('it-booting', 'provisioning');
    assert.doesNotMatch(String((await item(booting)).contextValue), /\+canTerminate/);
  });

  it('terminates the VM after confirmation and removes its SSH entry', async () => {
    await script(new AutoInput({ confirmTerminateVm: true }));
    await vscode.commands.executeCommand('gpuPods.terminateVm', await vmNode('it-vm-renamed', 'running'));
    await waitFor(
      'the VM to leave the tree',
      async () =>
        !(await flatten(await accountNode('yotta'))).some((n) => n.type === 'pod' && n.pod.name === 'it-vm-renamed'),
    );
    assert.notEqual(sshTrue(sandbox.userConfig, 'gpupods-yotta-it-vm').code, 0);
  });
});
