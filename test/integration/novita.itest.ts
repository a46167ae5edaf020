import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { disconnectAll, gpuPods, item, revealView, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/** Novita AI's pods as the tree shows them (its instance list carries no connection details). */
describe('Novita AI in the tree', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'novita', label: 'it', options: {} }, 'nk-tree');
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('a running pod whose SSH works shows its SSH address on hover, not "not reachable yet"', async () => {
    const id = sim.sim.controls.novita.seedInstance({ name: 'it-ssh-ready' });
    const ssh = sim.sim.controls.novita.instance(id)!.ssh!;
    const tooltip = (await item(await waitForPodNode('novita', 'it-ssh-ready', 'running')))
      .tooltip as vscode.MarkdownString;
    assert.doesNotMatch(tooltip.value, /not reachable yet/);
    assert.match(
      tooltip.value,
      new RegExp(`^SSH: ${ssh.user}@${ssh.host.replace(/\./g, '\\.')}:${ssh.port} {2}$`, 'm'),
    );
    // "not reachable yet" stays for a pod whose SSH Novita says is not running.
    const down = sim.sim.controls.novita.seedInstance({ name: 'it-ssh-down' });
    sim.sim.controls.novita.overrideFields(down, {
      connectComponentSSH: { sshCommand: '', password: '', isRunning: false },
    });
    const downTip = (await item(await waitForPodNode('novita', 'it-ssh-down', 'running')))
      .tooltip as vscode.MarkdownString;
    assert.match(downTip.value, /^SSH: not reachable yet {2}$/m);
  });
});
