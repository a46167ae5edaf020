import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BACK, type PickItem, type UserInput } from '../../src/ui/prompts';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, gpuPods, item, onFasterClock, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, type SshSandbox } from './support/sshSandbox';

const CONNECT: Array<Record<string, string>> = [
  { cloud: 'Yotta Labs', label: 'it', apiKey: 'yotta-spend-key' },
  { cloud: 'Novita AI', label: 'it', apiKey: 'nk' },
  { cloud: 'GPUGeek', label: 'it', apiKey: 'gk' },
  { cloud: 'NeevCloud', label: 'it', apiKey: 'pat-nc-it', orgId: 'org-sim-7f3a', projectId: 'proj-sim-21c9' },
];

/** Requests for offers, per cloud (the endpoints each provider's listOffers reads). */
const OFFER_PATHS: Record<string, RegExp> = {
  yotta: /^\/v2\/vms\/types/,
  novita: /^\/(products|clusters)/,
  gpugeek: /\/(gpu\/list|datacenter)/,
  neevcloud: /^\/inventory\/.*inventory/,
};

describe('spend across clouds: burn rate, idle guard, best offer', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let ssh: SshSandbox;
  const offerRequests = () =>
    Object.fromEntries(
      Object.entries(OFFER_PATHS).map(([cloud, re]) => [
        cloud,
        sim.sim.requestsFor(cloud).filter((r) => r.method === 'GET' && re.test(r.path)).length,
      ]),
    );

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    ssh = await sshSandbox('Host *\n  ServerAliveInterval 60\n');
    await disconnectAll();
    const { services } = await gpuPods();
    assert.equal(services.burnRate.visible, false, 'no account: the status bar item is hidden');
    for (const answers of CONNECT) {
      await script(new AutoInput(answers));
      await vscode.commands.executeCommand('gpuPods.connectCloud');
    }
    // Running pods on every cloud: Novita 2 × RTX 4090 ($0.70/h), NeevCloud 1 × H100 ($1.99/h),
    // Yotta and GPUGeek give no pod price.
    sim.sim.controls.novita.seedInstance({ name: 'spend-novita', productId: 'prod-4090', gpuNum: 2 });
    sim.sim.controls.neevcloud.seedRuntime({
      name: 'spend-neev',
      configId: 'gpu-h100-80g-20cpu-125g',
      gpuCount: 1,
      region: 'as-south-1',
    });
    sim.sim.controls.yotta.addPod({ name: 'spend-yotta', status: 'RUNNING' });
    sim.sim.controls.gpugeek.seed({ name: 'spend-gpugeek' });
    for (const a of services.accounts.list()) await services.data.refresh(a.id);
  });
  after(async () => {
    const config = vscode.workspace.getConfiguration('gpuPods');
    await config.update('idleGuard.graceMinutes', undefined, vscode.ConfigurationTarget.Global);
    await disconnectAll();
    await ssh.dispose();
    await sim.dispose();
  });

  it('the status bar shows the running pods and the sum of the known prices, the rest as price unknown', async () => {
    const { services } = await gpuPods();
    await waitFor('four running pods', () => services.burnRate.state?.running === 4, 20_000);
    const state = services.burnRate.state!;
    assert.equal(state.knownPerHour, 2.69);
    assert.equal(state.priced, 2);
    assert.equal(state.unknown, 2);
    const bar = services.burnRate.item;
    assert.equal(bar.text, '$(vm-running) 4 running · $2.69/h + 2 price unknown');
    assert.equal(bar.command, 'gpuPods.showRunningPods');
    const tip = (bar.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /spend\\-novita .*\$0\\\.70\/h .*about \$0\\\.70 in 1h/, tip);
    assert.match(tip, /spend\\-yotta .*price unknown/, tip);
    await screenshot('spend-status-bar');
  });

  it('clicking it lists the running pods, dearest first, and reveals the chosen one', async () => {
    const auto = new AutoInput({ runningPod: 'spend-novita' });
    await script(auto);
    const node = (await vscode.commands.executeCommand('gpuPods.showRunningPods')) as
      { pod: { name: string } } | undefined;
    const items = auto.asked.find((q) => q.id === 'runningPod')!.items!;
    assert.deepEqual(items.map((i) => i.label.replace('$(vm-running) ', '')).slice(0, 2), [
      'spend-neev',
      'spend-novita',
    ]);
    assert.equal(node?.pod.name, 'spend-novita');
    const { services } = await gpuPods();
    await waitFor(
      'the pod selected in the tree',
      () => services.view.selection.some((n) => n.type === 'pod' && n.pod.name === 'spend-novita'),
      10_000,
    );
  });

  it('a stop timer shows in the tooltip and stops the pod when the notification goes unanswered', async () => {
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('idleGuard.graceMinutes', 0.03, vscode.ConfigurationTarget.Global);
    const { workbench } = await script(new AutoInput({ idleHours: '0.0008' })); // about 3 s
    const pod = await waitForPodNode('novita', 'spend-novita', 'running');
    await vscode.commands.executeCommand('gpuPods.stopAfter', pod);
    const row = await item(await waitForPodNode('novita', 'spend-novita', 'running'));
    assert.match((row.tooltip as vscode.MarkdownString).value, /Stop timer: stop after 0\\\.0008 h/);
    assert.match(String(row.contextValue), /\+idleTimer/);
    // The timer's 3 s and the grace period pass on GPU Pods' clock, 20 times as fast as the system's.
    await onFasterClock(20, async () => {
      await waitFor(
        'the notification',
        () => workbench.warnings.some((m) => /spend-novita.*stop it in/.test(m)),
        20_000,
      );
      await waitForPodNode('novita', 'spend-novita', 'stopped', 30_000);
    });
    const { services } = await gpuPods();
    assert.equal(services.idleGuard.get(pod.account.id, pod.pod.id), undefined, 'the timer is gone');
    await waitFor(
      'the burn rate to drop',
      () => services.burnRate.state?.running === 3 && services.burnRate.state.knownPerHour === 1.99,
      10_000,
    );
  });

  it('where the cloud cannot stop (NeevCloud) a stop timer only asks: nothing is deleted by default', async () => {
    const { workbench, services } = await script(new AutoInput({ idleHours: '0.0005' }));
    const pod = await waitForPodNode('neevcloud', 'spend-neev', 'running');
    await vscode.commands.executeCommand('gpuPods.stopAfter', pod);
    // The timer and the grace period pass on GPU Pods' clock, 20 times as fast: 600 ms here are 12 s there.
    await onFasterClock(20, async () => {
      await waitFor(
        'the notification',
        () => workbench.warnings.some((m) => /spend-neev.*only deleting it stops the billing/.test(m)),
        20_000,
      );
      await new Promise((r) => setTimeout(r, 600)); // longer than the grace period on that clock
    });
    assert.equal((await waitForPodNode('neevcloud', 'spend-neev', 'running')).pod.status, 'running');
    assert.equal(services.idleGuard.get(pod.account.id, pod.pod.id), undefined);
    assert.equal(sim.sim.requestsFor('neevcloud', 'DELETE').length, 0);
  });

  it('the best offer picker lists the cheapest first across clouds and creates on that cloud with the offer filled in', async () => {
    const auto = new AutoInput({ createSshKey: true, gpuModel: 'H100', name: 'spend-best' });
    await script(auto);
    const before = offerRequests();
    await vscode.commands.executeCommand('gpuPods.createOnBestOffer');
    const offers = auto.asked.find((q) => q.id === 'bestOffer')!.items!;
    const lines = offers.map((i) => `${i.label} | ${i.description}`);
    assert.match(lines[0], /^H100 · \$1\.99\/GPU·h \| NeevCloud$/, lines.join('\n'));
    assert.match(lines[1], /^H100 SXM 80GB · \$2\.59\/GPU·h \| Novita AI$/, lines.join('\n'));
    assert.match(lines[2], /price not published \| Yotta Labs$/, lines.join('\n'));
    assert.ok(!lines.some((l) => /\$0\.00/.test(l)));
    assert.ok(
      !auto.asked.some((q) => q.id === 'gpu' || q.id === 'region'),
      `GPU and region come from the offer: ${auto.asked.map((q) => q.id).join(', ')}`,
    );
    await waitForPodNode('neevcloud', 'spend-best', 'running', 60_000);
    const created = sim.sim.controls.neevcloud.createBodies.at(-1) as { gpuConfigID: string; region: string };
    assert.equal(created.gpuConfigID, 'gpu-h100-80g-20cpu-125g');
    assert.equal(created.region, 'as-south-1');
    const after = offerRequests();
    // One listOffers per cloud: Yotta reads one endpoint, Novita and GPUGeek two (products/GPUs and clusters/datacenters).
    for (const [cloud, n] of [
      ['yotta', 1],
      ['novita', 2],
      ['gpugeek', 2],
    ] as const)
      assert.equal(after[cloud] - before[cloud], n, `${cloud}: one offers call`);

    // A second run within the cache period asks no cloud for offers.
    const again = new AutoInput({ gpuModel: () => undefined });
    await script(again);
    const mid = offerRequests();
    await vscode.commands.executeCommand('gpuPods.createOnBestOffer');
    assert.ok(again.asked.some((q) => q.id === 'gpuModel'));
    assert.deepEqual(offerRequests(), mid);
  });

  it('a failing and a slow cloud are marked unavailable with the reason; an unparseable price is unknown', async () => {
    const { services } = await gpuPods();
    services.offers.forget();
    // The suite's instance gives each cloud 3 s for its offers (SUITE_TIMING in support/testExtension.ts).
    // A price Novita does not document ('n/a') can only come through a fault: the simulator answers per spec.
    const product = {
      cpuPerGpu: 16,
      memoryPerGpu: 62,
      diskPerGpu: 100,
      availableDeploy: true,
      minRootFS: 10,
      maxRootFS: 500,
      minLocalStorage: 0,
      maxLocalStorage: 2000,
      billingMethods: ['onDemand'],
      monthlyPrice: [],
      inventoryState: 'high',
    };
    sim.sim.addFault({
      cloud: 'novita',
      method: 'GET',
      path: '/products',
      status: 200,
      body: {
        data: [
          { ...product, id: 'prod-a100', name: 'A100 SXM 80GB', price: 139000, regions: ['cl-eu'] },
          { ...product, id: 'prod-a100-odd', name: 'A100 PCIe 80GB', price: 'n/a', regions: [] },
        ],
      },
    });
    sim.sim.addFault({ cloud: 'gpugeek', path: /gpu\/list/, status: 500, body: { code: 500, msg: 'internal error' } });
    sim.sim.addFault({ cloud: 'yotta', path: '/v2/vms/types', delayMs: 6000 });
    let offers: PickItem<unknown>[] = [];
    await script(new AutoInput({ gpuModel: 'A100', bestOffer: (items) => ((offers = items), undefined) }));
    const started = Date.now();
    // The 3 s GPU Pods gives each cloud pass on its clock three times as fast: in a second.
    await onFasterClock(3, async () => vscode.commands.executeCommand('gpuPods.createOnBestOffer'));
    const took = Date.now() - started;
    sim.sim.clearFaults();
    const lines = offers.map((i) => `${i.label} | ${i.description} | ${i.disabledReason ?? ''}`);
    assert.ok(took < 6000, `the slow cloud did not hold the picker back (${took} ms)`);
    assert.match(lines[0], /^A100 · \$1\.29\/GPU·h \| NeevCloud/, lines.join('\n'));
    assert.ok(
      lines.some((l) => /^A100 SXM 80GB · \$1\.39\/GPU·h \| Novita AI/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /^A100 PCIe 80GB · price unknown \| Novita AI/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /GPUGeek \| offers unavailable \| unavailable: .+/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /Yotta Labs \| offers unavailable \| unavailable: no answer within 3 s/.test(l)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((l) => /\$0\.00/.test(l)));
    // The status bar never waited on the picker: it still reads the loaded lists.
    assert.ok(services.burnRate.visible && services.burnRate.item.text.includes('running'));
  });

  it('a GPUGeek pod shows the price quoted at create on its row and tooltip, and the status bar counts it', async () => {
    await script(new AutoInput({ name: 'spend-quoted' }));
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('gpugeek'));
    const row = await item(await waitForPodNode('gpugeek', 'spend-quoted', 'running', 60_000));
    assert.match(String(row.description), /1\.98\/h as quoted at create/);
    const tip = (row.tooltip as vscode.MarkdownString).value;
    assert.match(tip, /1\\?\.98\/h as quoted at create \\?\(no currency stated\\?\)/, tip);
    const { services } = await gpuPods();
    await waitFor('the status bar to count the quote', () =>
      /\+ 1\.98\/h \(no currency stated\)/.test(services.burnRate.item.text),
    );
    await screenshot('spend-quoted-price');
  });

  it('Best Offer: A100 40 GB and 80 GB apart, a sold-out GPU with its price, and Back from the wizard to the offers', async () => {
    const { services } = await gpuPods();
    services.offers.forget();
    const asked: string[] = [];
    let models: PickItem<unknown>[] = [];
    const creates = sim.sim.controls.neevcloud.createBodies.length;
    const ui: UserInput = {
      async pick(step) {
        const items = (await step.items) as PickItem<unknown>[];
        asked.push(step.id);
        if (step.id === 'gpuModel') {
          models = items;
          return items.find((i) => i.label.startsWith('H100'))!.value as never;
        }
        if (step.id === 'bestOffer') {
          assert.ok(step.canGoBack, 'the offers offer Back to the models');
          if (asked.filter((id) => id === 'bestOffer').length > 1) return undefined;
          return items.find((i) => i.description === 'NeevCloud')!.value as never;
        }
        assert.ok(step.canGoBack, `the wizard's first step (${step.id}) offers Back`);
        return BACK;
      },
      async input() {
        return BACK;
      },
      async confirm() {
        return true;
      },
    };
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.createOnBestOffer');
    assert.deepEqual(
      asked,
      ['gpuModel', 'bestOffer', 'count', 'bestOffer'],
      'Back on the first step showed the offers again',
    );
    const labels = models.map((m) => `${m.label} | ${m.description ?? ''}`);
    assert.ok(
      labels.some((l) => l.startsWith('A100 · 40 GB |')),
      labels.join('\n'),
    );
    assert.ok(
      labels.some((l) => l.startsWith('A100 · 80 GB |')),
      labels.join('\n'),
    );
    assert.ok(
      labels.some((l) => /^3090 · 24 GB \| from \$0\.21\/GPU·h \(sold out now\) · Novita AI$/.test(l)),
      labels.join('\n'),
    );
    assert.ok(!labels.some((l) => /Novita AI/.test(l) && /price unknown/.test(l)), labels.join('\n'));
    assert.equal(sim.sim.controls.neevcloud.createBodies.length, creates, 'nothing was created');
  });
});
