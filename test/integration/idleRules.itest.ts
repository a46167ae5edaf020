import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GpuReading } from '../simulator/gpu';
import { AutoInput } from '../support/autoInput';
import { hoverWorkbench, screenshot } from './support/control';
import { waitFor } from './support/extension';
import { disconnectAll, gpuPods, item, recordingWorkbench, script, testHooks, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/*
 * Issue #16's proof, in a real VS Code over the simulator: four running Yotta pods, each with an idle rule
 * ("below 5 % for 1 minute"), and their GPUs steered through the simulator (`sim.gpu`, the one source the
 * pod's nvidia-smi and Yotta's metrics API both read):
 *   - idle-a: 0 %, the warning goes unanswered → paused after the grace period, and said afterwards;
 *   - busy-b: 80 % → never warned about, keeps running;
 *   - cancel-c: 0 %, the user presses Turn Off Rule → keeps running, its rule is off;
 *   - dark-d: cannot be reached (SSH drops, metrics fail) → never stopped on a guess.
 * The rules read the real utilisation feed (`services.utilisation`, built by the sampler), which reads the
 * simulator's GPU readings through Yotta's metrics API. GPU Pods runs on a clock 60 times as fast as the
 * system's (the test entry's TestClock), so its minute of readings and its grace period take seconds.
 */

const RULE_MINUTES = 1;
const GRACE_MINUTES = 1;
/** GPU Pods' clock runs this many times as fast while the rules work: a minute in a second. */
const CLOCK_RATE = 60;

function gpusAt(percent: number): GpuReading[] {
  return [{ name: 'NVIDIA GeForce RTX 4090', utilizationPct: percent, memoryUsedMiB: 2048, memoryTotalMiB: 24564 }];
}

describe('idle rules: stop when GPUs stay below X % for N minutes', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  const ids: Record<string, string> = {};
  const workbench = recordingWorkbench();

  before(async function () {
    sim = await startSimulator({ timeScale: 0.02 });
    // GPU Pods' minute is a second here: far more requests a real minute than Yotta's plan allows.
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'it', apiKey: 'yotta-idle-key' }), workbench);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    const config = vscode.workspace.getConfiguration('gpuPods');
    await config.update('idleGuard.graceMinutes', GRACE_MINUTES, vscode.ConfigurationTarget.Global);
    await config.update('idle.stopAfterMinutes', RULE_MINUTES, vscode.ConfigurationTarget.Global);
    for (const name of ['idle-a', 'busy-b', 'cancel-c', 'dark-d']) {
      ids[name] = sim.sim.controls.yotta.addPod({ name, status: 'RUNNING' });
    }
    sim.sim.gpu.set('yotta', ids['idle-a'], { kind: 'gpus', gpus: gpusAt(0) });
    sim.sim.gpu.set('yotta', ids['busy-b'], { kind: 'gpus', gpus: gpusAt(80) });
    sim.sim.gpu.set('yotta', ids['cancel-c'], { kind: 'gpus', gpus: gpusAt(0) });
    sim.sim.gpu.set('yotta', ids['dark-d'], { kind: 'unreachable', gpus: gpusAt(0) });
    sim.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: new RegExp(`^/v2/metrics/gpu/pods/${ids['dark-d']}`),
      status: 503,
    });
    // The user presses Turn Off Rule on cancel-c's warning; every other warning goes unanswered.
    workbench.showWarning = async (message, ...buttons) => {
      workbench.warnings.push(message);
      return message.includes('cancel-c') ? buttons.find((b) => b === 'Turn Off Rule') : undefined;
    };
    for (const name of Object.keys(ids)) {
      await script(new AutoInput({ idleRuleChoice: 'Below 5% for 1 min' }), workbench);
      const node = await waitForPodNode('yotta', name, 'running');
      await vscode.commands.executeCommand('gpuPods.stopWhenIdle', node);
      assert.deepEqual(workbench.errors, [], `setting the rule of ${name} failed`);
      // The rule was stored (the row may lose it again at once: a pod whose readings already show a full
      // idle minute is warned about right away, and cancel-c's warning is answered with Turn Off Rule).
      assert.ok(
        workbench.infos.some((m) => m.startsWith(`"${name}": GPU Pods will`)),
        `${name} got no rule: ${workbench.infos.join(' | ')}`,
      );
    }
    (await testHooks()).clock.speedUp(CLOCK_RATE);
  });

  after(async () => {
    (await testHooks()).clock.backToSystemTime();
    const config = vscode.workspace.getConfiguration('gpuPods');
    await config.update('idleGuard.graceMinutes', undefined, vscode.ConfigurationTarget.Global);
    await config.update('idle.stopAfterMinutes', undefined, vscode.ConfigurationTarget.Global);
    await disconnectAll();
    await sim?.dispose();
  });

  it('a pod whose GPUs go idle is warned about, then paused after the grace period, and it is said afterwards', async () => {
    await waitFor(
      'the warning about idle-a',
      () => workbench.warnings.some((m) => /"idle-a" has been idle for \d+ minutes? \(GPUs below 5%\)/.test(m)),
      30_000,
      200,
    );
    await waitForPodNode('yotta', 'idle-a', 'stopped', 30_000);
    await waitFor(
      'the notification afterwards',
      () => workbench.infos.some((m) => /^Paused "idle-a": its GPUs were idle for \d+ minutes? \(below 5%\)/.test(m)),
      10_000,
    );
    const pauses = sim.sim.requestsFor('yotta', 'POST').filter((r) => r.path.endsWith('/pause'));
    assert.deepEqual(
      pauses.map((r) => r.path),
      [`/v2/pods/${ids['idle-a']}/pause`],
      'only the idle pod was paused',
    );
    await screenshot('idle-rule-paused');
  });

  it('a busy pod is not stopped, and its row shows its GPU %, its tooltip the last hour', async () => {
    const node = await waitForPodNode('yotta', 'busy-b', 'running');
    assert.ok(!workbench.warnings.some((m) => m.includes('busy-b')));
    const row = await item(node);
    assert.match(String(row.description), /GPU 80%/);
    const tip = (row.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /!\[GPU utilisation, last hour\]\(data:image\/svg\+xml;base64,/);
    assert.match(tip, /GPU utilisation rule: stop below 5% for 1 min · busy/);
    // The README's picture: the tooltip as VS Code draws it, sparkline and all.
    const { services } = await gpuPods();
    await services.view.reveal(node, { select: false, focus: false, expand: true });
    if (await hoverWorkbench('.monaco-list-row[aria-label^="busy-b"]')) await screenshot('utilisation-tooltip', 2000);
  });

  it('a pod with a GPU utilisation rule but no stop timer is not offered Clear Stop Timer in its menu', async () => {
    const node = await waitForPodNode('yotta', 'busy-b', 'running');
    const flags = String((await item(node)).contextValue).split('+');
    assert.ok(flags.includes('idleRule'), `the rule's menu flag is missing: ${flags.join('+')}`);
    assert.ok(!flags.includes('idleTimer'), `Clear Stop Timer is offered: ${flags.join('+')}`);
  });

  it('Turn Off Rule keeps the pod running and turns its rule off', async () => {
    await waitFor('the warning about cancel-c', () => workbench.warnings.some((m) => m.includes('cancel-c')), 30_000);
    // Three grace periods of GPU Pods' time pass, on a clock three times as fast again: in a second.
    const { clock } = await testHooks();
    clock.speedUp(CLOCK_RATE * 3);
    try {
      await new Promise((r) => setTimeout(r, (GRACE_MINUTES * 60_000 * 3) / (CLOCK_RATE * 3)));
    } finally {
      clock.speedUp(CLOCK_RATE);
    }
    const node = await waitForPodNode('yotta', 'cancel-c', 'running');
    const { services } = await gpuPods();
    assert.equal(services.idleRules.get(node.account.id, node.pod.id), undefined, 'the rule is off');
    assert.ok(!sim.sim.requestsFor('yotta', 'POST').some((r) => r.path.includes(ids['cancel-c'])));
  });

  it('a pod that cannot be reached is never stopped on a guess, nor warned about', async () => {
    const node = await waitForPodNode('yotta', 'dark-d', 'running');
    assert.ok(!workbench.warnings.some((m) => m.includes('dark-d')));
    assert.ok(!sim.sim.requestsFor('yotta', 'POST').some((r) => r.path.includes(ids['dark-d'])));
    const row = await item(node);
    assert.match((row.tooltip as vscode.MarkdownString).value, /Utilisation unavailable/);
  });
});
