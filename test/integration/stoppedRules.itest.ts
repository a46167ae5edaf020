import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AutoInput } from '../support/autoInput';
import { waitFor } from './support/extension';
import {
  accountNode,
  disconnectAll,
  gpuPods,
  item,
  recordingWorkbench,
  revealView,
  script,
  testHooks,
  waitForPodNode,
} from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/** A tooltip as read: Markdown escapes and the zero-width spaces that keep addresses from becoming links removed. */
const plain = (md: vscode.MarkdownString) => md.value.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');

const MINUTE = 60_000;
/** GPU Pods' clock runs this many times as fast while the rule works: a minute in a second. */
const CLOCK_RATE = 60;

/*
 * Issue #24's proof for stopped pods, in a real VS Code over the strict Novita simulator: a stopped instance
 * shows how long it has been stopped and what its disks still cost (Novita's published storage prices); the
 * user sets "Delete When Stopped For…" (1 hour) from its row; GPU Pods' clock is stepped an hour ahead; the
 * warning comes, nobody answers, and after the grace period exactly one delete request reaches the cloud.
 */
describe('Delete When Stopped For…: a stopped pod that still bills', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  let id: string;
  const workbench = recordingWorkbench();

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'novita', label: 'it', options: {} }, 'nk-stopped');
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('idleGuard.graceMinutes', 1, vscode.ConfigurationTarget.Global);
    id = sim.sim.controls.novita.seedInstance({ name: 'parked', status: 'exited', rootfsSize: 100, diskSize: 50 });
    await revealView();
  });

  after(async () => {
    (await testHooks()).clock.backToSystemTime();
    const config = vscode.workspace.getConfiguration('gpuPods');
    await config.update('idleGuard.graceMinutes', undefined, vscode.ConfigurationTarget.Global);
    await config.update('stoppedPods.deleteAfterHours', undefined, vscode.ConfigurationTarget.Global);
    await disconnectAll();
    await sim?.dispose();
  });

  it('a stopped pod says how long it has been stopped and what its disks still cost', async () => {
    const row = await item(await waitForPodNode('novita', 'parked', 'stopped'));
    const tip = plain(row.tooltip as vscode.MarkdownString);
    assert.match(tip, /^Stopped for: at least \d+m {2}$/m);
    assert.match(tip, /^Still costs: \$0\.45\/day for 90 GB of disk \(published storage prices\) {2}$/m);
    assert.ok(String(row.contextValue).includes('+canDeleteWhenStopped'), String(row.contextValue));
  });

  it('set from the row, the rule shows its time left; an hour later it warns, waits the grace period and deletes the pod once', async () => {
    await script(new AutoInput({ stoppedRuleHours: 'Other', stoppedRuleCustomHours: '1' }), workbench);
    const node = await waitForPodNode('novita', 'parked', 'stopped');
    await vscode.commands.executeCommand('gpuPods.deleteWhenStopped', node);
    assert.deepEqual(workbench.errors, []);
    assert.ok(
      workbench.infos.some((m) =>
        m.startsWith('"parked": GPU Pods will delete it once it has been stopped for 1 hour'),
      ),
      workbench.infos.join(' | '),
    );
    const row = await waitFor(
      'the countdown on the row',
      async () => {
        const r = await item(await waitForPodNode('novita', 'parked', 'stopped'));
        return /deletes in (59|60)m/.test(String(r.description)) ? r : undefined;
      },
      10_000,
    );
    assert.match(
      plain(row!.tooltip as vscode.MarkdownString),
      /^Delete-when-stopped rule: delete after 1 hour stopped · in (59|60)m {2}$/m,
    );

    const { clock } = await testHooks();
    clock.speedUp(CLOCK_RATE);
    clock.step(60 * MINUTE);
    await waitFor(
      'the warning about "parked"',
      () =>
        workbench.warnings.some((m) =>
          /^"parked" has been stopped for at least 1h \d\dm; it still costs \$0\.45\/day/.test(m),
        ),
      30_000,
      200,
    );
    const deletes = () => sim.sim.requestsFor('novita', 'POST', '/gpu/instance/delete');
    assert.equal(deletes().length, 0, 'not before the grace period');
    await waitFor('the delete request', () => deletes().length > 0, 30_000, 200);
    await waitFor(
      'the notification afterwards',
      () => workbench.infos.some((m) => /^Deleted "parked": it had been stopped for at least 1h \d\dm\.$/.test(m)),
      30_000,
      200,
    );
    // Three more grace periods of GPU Pods' time: nothing is sent twice.
    await new Promise((r) => setTimeout(r, (3 * MINUTE) / CLOCK_RATE));
    assert.equal(deletes().length, 1, 'one delete request');
    assert.ok(!sim.sim.controls.novita.instance(id) || /remov/i.test(sim.sim.controls.novita.instance(id)!.status));
  });

  it('with the setting on, a pod created in GPU Pods gets the rule, shown on it while it runs', async () => {
    (await testHooks()).clock.backToSystemTime();
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('stoppedPods.deleteAfterHours', 48, vscode.ConfigurationTarget.Global);
    await script(new AutoInput({ name: 'fresh' }), workbench);
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('novita'));
    const node = await waitForPodNode('novita', 'fresh', 'running', 60_000);
    const { services } = await gpuPods();
    assert.deepEqual(services.stoppedRules.get(node.account.id, node.pod.id)?.rule, { afterHours: 48 });
    const row = await item(node);
    assert.ok(String(row.contextValue).includes('+deleteRule'), String(row.contextValue));
    assert.match(
      plain(row.tooltip as vscode.MarkdownString),
      /^Delete-when-stopped rule: delete after 2 days stopped · counts once the pod is stopped {2}$/m,
    );
  });
});
