import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Pod } from '../../src/core/model';
import type { TreeNode } from '../../src/views/nodes';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import {
  accountNode,
  children,
  disconnectAll,
  gpuPods,
  item,
  label,
  onFasterClock,
  revealView,
  script,
  waitForPodNode,
} from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/** Issues #12 and #13: one broken list never hides the rest, and an unclear create is never sent twice. */
describe('partial failures stay partial', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  const CREATE = /^\/v2\/pods\/?$/;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'it', apiKey: 'yotta-partial-key' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });
  afterEach(() => sim.sim.clearFaults());

  async function group(name: string): Promise<TreeNode[]> {
    const node = (await children(await accountNode('yotta'))).find((n) => n.type === 'group' && n.group === name);
    assert.ok(node, `the account shows its ${name} group`);
    return children(node);
  }

  // First, while the account has no pod yet.
  it('a pods list that failed shows its error only, never "No pods — create one"', async () => {
    const { services } = await gpuPods();
    const account = (await accountNode('yotta')).account!;
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: /^\/v2\/pods\/?$/, mode: 'drop' });
    await services.data.refresh(account.id);
    const pods = await group('pods');
    assert.deepEqual(
      pods.map((n) => n.type),
      ['error'],
      `the Pods group: ${pods.map((n) => (n.type === 'message' ? n.label : n.type)).join(', ')}`,
    );
    assert.match(label(await item(pods[0])), /^Pods could not be loaded: Could not reach Yotta Labs/);
    assert.ok(
      !(await children(await accountNode('yotta'))).some((n) => n.type === 'error'),
      'said once, where it failed',
    );
    sim.sim.clearFaults();
    await services.data.refresh(account.id);
    assert.ok(
      (await group('pods')).some((n) => n.type === 'message' && /No pods/.test(n.label)),
      'empty once it loads',
    );
  });

  it('after a dropped connection the last pods stay listed, marked "as of <time> — last refresh failed"', async () => {
    const id = String(sim.sim.controls.yotta.addPod({ name: 'it-kept' }));
    const { services } = await gpuPods();
    const account = (await accountNode('yotta')).account!;
    try {
      await services.data.refresh(account.id);
      const fresh = (await group('pods')).find((n) => n.type === 'pod' && n.pod.name === 'it-kept')!;
      assert.doesNotMatch(String((await item(fresh)).description), /as of/, 'a current row is not marked');
      sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: /^\/v2\/pods\/?$/, mode: 'drop' });
      await services.data.refresh(account.id);
      const pods = await group('pods');
      assert.equal(pods[0].type, 'error', 'the error says what failed, first');
      assert.match(label(await item(pods[0])), /^Pods could not be loaded: Could not reach Yotta Labs/);
      const kept = pods.find((n) => n.type === 'pod' && n.pod.name === 'it-kept');
      assert.ok(kept, 'the pod from the last good list is still shown');
      const row = await item(kept);
      assert.match(String(row.description), /^as of \d{1,2}:\d{2}.* — last refresh failed · /, 'said first');
      assert.match((row.tooltip as vscode.MarkdownString).value, /^Listed: as of .+ — last refresh failed {2}$/m);
      const podsGroup = (await children(await accountNode('yotta'))).find(
        (n) => n.type === 'group' && n.group === 'pods',
      )!;
      assert.equal((await item(podsGroup)).description, undefined, 'no count for a list that failed');
      await screenshot('partial-pods-stale');
      sim.sim.clearFaults();
      await services.data.refresh(account.id);
      const again = (await group('pods')).find((n) => n.type === 'pod' && n.pod.name === 'it-kept')!;
      assert.doesNotMatch(String((await item(again)).description), /as of/, 'the next good read clears the mark');
    } finally {
      sim.sim.controls.yotta.state.pods.delete(id);
      sim.sim.clearFaults();
      await services.data.refresh(account.id);
    }
  });

  it('a failing volumes list shows the pods, and an error node in the Volumes group only', async () => {
    sim.sim.controls.yotta.addPod({ name: 'it-still-here' });
    const { services } = await gpuPods();
    const account = (await accountNode('yotta')).account!;
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: /^\/v2\/volumes\/?$/, mode: 'malformed' });
    await services.data.refresh(account.id);
    const top = await children(await accountNode('yotta'));
    assert.ok(!top.some((n) => n.type === 'error'), 'no account-wide error: the pods loaded');
    assert.match(String((await item(await accountNode('yotta'))).contextValue), /\+ok\b/, 'the account itself is fine');
    const pods = await group('pods');
    assert.ok(
      pods.some((n) => n.type === 'pod' && n.pod.name === 'it-still-here'),
      'the pods are shown',
    );
    const volumesGroup = (await children(await accountNode('yotta'))).find(
      (n) => n.type === 'group' && n.group === 'volumes',
    )!;
    assert.equal((await item(volumesGroup)).description, undefined, 'no count for a list that failed');
    const volumes = await group('volumes');
    assert.equal(
      volumes[0]?.type,
      'error',
      `the Volumes group starts with its error: ${volumes.map((n) => n.type).join(', ')}`,
    );
    const row = await item(volumes[0]);
    assert.match(label(row), /^Volumes could not be loaded: Yotta Labs sent a response that is not valid JSON/);
    assert.equal(row.command?.command, 'gpuPods.showLog', 'clicking it shows the details in the log');
    assert.ok(
      !volumes.some((n) => n.type === 'message' && /No volumes/.test(n.label)),
      'a list that failed is never "No volumes"',
    );
    await screenshot('partial-volumes-failing');
    sim.sim.clearFaults();
    await services.data.refresh(account.id);
    assert.ok(!(await group('volumes')).some((n) => n.type === 'error'), 'the next good refresh clears it');
  });

  it('a refused key on one list offers Update API Key in that group', async () => {
    const { services } = await gpuPods();
    const account = (await accountNode('yotta')).account!;
    sim.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: /^\/v2\/serverless\/?$/,
      status: 401,
      body: { code: 401, message: 'unauthorized', data: null },
    });
    await services.data.refresh(account.id);
    const endpoints = await group('endpoints');
    const row = await item(endpoints[0]);
    assert.equal(endpoints[0].type, 'error');
    assert.match(label(row), /^Serverless endpoints could not be loaded: Invalid API key/);
    assert.equal(row.command?.command, 'gpuPods.updateKey');
    assert.ok(
      (await group('pods')).some((n) => n.type === 'pod'),
      'the pods are still shown',
    );
  });

  it('an undocumented business error after the pod was made does not create a second pod: the user ends with the existing one', async () => {
    // The cloud makes the pod, then answers 200 with an error code its documentation does not list.
    sim.sim.addFault({
      cloud: 'yotta',
      method: 'POST',
      path: CREATE,
      mode: 'replaceAfter',
      body: { code: 19999, message: 'system busy, please retry', data: null },
      times: 1,
    });
    sim.sim.requests.length = 0;
    const auto = new AutoInput({ gpu: 'RTX 4090', name: 'it-business-error' });
    const { workbench } = await script(auto);
    const created = (await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'))) as
      Pod | undefined;
    const posts = sim.sim.requestsFor('yotta', 'POST').filter((r) => CREATE.test(r.path));
    assert.equal(posts.length, 1, 'exactly one create request');
    assert.ok(!auto.asked.some((q) => q.id === 'createFailed'), 'no "Edit and Retry" while the pod may exist');
    assert.equal(created?.name, 'it-business-error', 'the command ends with the pod that exists');
    assert.ok(
      workbench.warnings.some((w) => /it-business-error/.test(w) && /system busy/.test(w)),
      `the user is told: ${workbench.warnings.join(' | ')}`,
    );
    await waitForPodNode('yotta', 'it-business-error', 'running');
    assert.equal(
      sim.sim.controls.yotta.state.allPods().filter((p) => p.name === 'it-business-error').length,
      1,
      'exactly one pod',
    );
  });

  it('when the pod cannot be looked up either, says the outcome is unknown and offers no retry', async () => {
    sim.sim.addFault({
      cloud: 'yotta',
      method: 'POST',
      path: CREATE,
      mode: 'replaceAfter',
      body: { code: 19999, message: 'system busy', data: null },
      times: 1,
    });
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: CREATE, mode: 'malformed' });
    sim.sim.requests.length = 0;
    const auto = new AutoInput({ gpu: 'RTX 4090', name: 'it-unknown', createUnknown: 'Close' });
    const { workbench } = await script(auto);
    // The pod is looked for over two minutes of GPU Pods' time: about a second here.
    const yotta = await accountNode('yotta');
    await onFasterClock(120, async () => vscode.commands.executeCommand('gpuPods.createPod', yotta));
    const asked = auto.asked.find((q) => q.id === 'createUnknown');
    assert.ok(asked, `the outcome is said to be unknown (asked: ${auto.asked.map((q) => q.id).join(', ')})`);
    assert.match(asked.title, /may or may not have been created/);
    assert.ok(!asked.items!.some((i) => /Retry/i.test(i.label)), 'no retry that could double-create');
    assert.ok(asked.items!.some((i) => /Look Again/.test(i.label)));
    assert.ok(!auto.asked.some((q) => q.id === 'createFailed'));
    assert.equal(
      sim.sim.requestsFor('yotta', 'POST').filter((r) => CREATE.test(r.path)).length,
      1,
      'exactly one create request',
    );
    assert.ok(
      workbench.warnings.some((w) => /it-unknown/.test(w)),
      workbench.warnings.join(' | '),
    );
    sim.sim.clearFaults();
    await waitForPodNode('yotta', 'it-unknown', 'running');
    assert.equal(sim.sim.controls.yotta.state.allPods().filter((p) => p.name === 'it-unknown').length, 1);
  });

  it('a VM create answered with an undocumented business error ends with the VM that exists, created once', async () => {
    const VM_CREATE = /^\/v2\/vms\/?$/;
    sim.sim.addFault({
      cloud: 'yotta',
      method: 'POST',
      path: VM_CREATE,
      mode: 'replaceAfter',
      body: { code: 19999, message: 'system busy', data: null },
      times: 1,
    });
    sim.sim.requests.length = 0;
    const auto = new AutoInput({ name: 'it-vm-busy' });
    await script(auto);
    const created = (await vscode.commands.executeCommand('gpuPods.createVm', await accountNode('yotta'))) as
      Pod | undefined;
    assert.equal(
      sim.sim.requestsFor('yotta', 'POST').filter((r) => VM_CREATE.test(r.path)).length,
      1,
      'exactly one create request',
    );
    assert.ok(!auto.asked.some((q) => q.id === 'createFailed'), 'no "Edit and Retry" while the VM may exist');
    assert.equal(created?.name, 'it-vm-busy', 'the command ends with the VM that exists');
  });

  it('the create wizard goes on without volumes when the volume list fails, and says why', async () => {
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: /^\/v2\/volumes\/?$/, mode: 'malformed' });
    const auto = new AutoInput({ gpu: 'RTX 4090', name: 'it-no-volumes' });
    await script(auto);
    const created = (await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'))) as
      Pod | undefined;
    const step = auto.asked.find((q) => q.id === 'volume');
    assert.ok(step, `the volume step is asked (asked: ${auto.asked.map((q) => q.id).join(', ')})`);
    assert.match(
      step.items![0].label,
      /^Volumes could not be loaded: Yotta Labs sent a response that is not valid JSON/,
    );
    assert.ok(step.items![0].disabledReason, 'that line cannot be picked');
    assert.equal(created?.name, 'it-no-volumes', 'the pod is created without a volume');
  });
});
