import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { disconnectAll, gpuPods, item, revealView, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/** A tooltip as read: Markdown escapes and the zero-width spaces that keep addresses from becoming links removed. */
const plain = (md: vscode.MarkdownString) => md.value.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');

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
    assert.doesNotMatch(plain(tooltip), /not reachable yet/);
    assert.match(
      plain(tooltip),
      new RegExp(`^SSH: ${ssh.user}@${ssh.host.replace(/\./g, '\\.')}:${ssh.port} {2}$`, 'm'),
    );
    // "not reachable yet" stays for a pod whose SSH Novita says is not running.
    const down = sim.sim.controls.novita.seedInstance({ name: 'it-ssh-down' });
    sim.sim.controls.novita.overrideFields(down, {
      connectComponentSSH: { sshCommand: '', password: '', isRunning: false },
    });
    const downTip = (await item(await waitForPodNode('novita', 'it-ssh-down', 'running')))
      .tooltip as vscode.MarkdownString;
    assert.match(plain(downTip), /^SSH: not reachable yet {2}$/m);
  });
});
