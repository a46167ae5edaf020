import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { waitFor } from './support/extension';
import {
  accountNode,
  disconnectAll,
  gpuPods,
  item,
  recordingWorkbench,
  revealView,
  script,
  waitForPodNode,
} from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

const GIB = 1024 ** 3;
/** A tooltip as read: Markdown escapes and the zero-width spaces that keep addresses from becoming links removed. */
const plain = (md: vscode.MarkdownString) => md.value.replace(/\\(.)/g, '$1').replace(/\u200b/g, '');
const tooltipOf = async (node: Parameters<typeof item>[0]) =>
  plain((await item(node)).tooltip as vscode.MarkdownString);
const descriptionOf = async (node: Parameters<typeof item>[0]) => {
  const { tree } = await gpuPods();
  return String(tree.getTreeItem(node).description ?? '');
};
const iconOf = async (node: Parameters<typeof item>[0]) => {
  const { tree } = await gpuPods();
  return (tree.getTreeItem(node).iconPath as vscode.ThemeIcon | undefined)?.id;
};

describe('spot capacity, disks about to fill and availability alerts, in the workbench', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'novita', label: 'spot', options: {} }, 'nk-spot');
    await services.accounts.add({ cloud: 'yotta', label: 'disks', options: {} }, 'yk-disks');
    await services.accounts.add({ cloud: 'gpugeek', label: 'disks', options: {} }, 'gk-disks');
    await services.accounts.add(
      { cloud: 'neevcloud', label: 'alerts', options: { orgId: 'org-sim-7f3a', projectId: 'proj-sim-21c9' } },
      'pat-nc-alerts',
    );
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('Novita: the GPU step shows spot prices, the summary spells out spot, and the create asks Novita for spot', async () => {
    const auto = new AutoInput({ productId: 'RTX 4090', billingMode: 'Spot', name: 'it-spot' });
    await script(auto);
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('novita'));
    const gpus = auto.asked.find((q) => q.id === 'productId')!.items!;
    assert.match(gpus.find((i) => i.label.includes('4090'))!.description!, /\$0\.35\/GPU·h · spot \$0\.18\/GPU·h/);
    const billing = auto.asked.find((q) => q.id === 'billingMode')!.items!;
    assert.deepEqual(
      billing.map((i) => `${i.label} ${i.description}`),
      ['On demand $0.35/h', 'Spot $0.18/h'],
    );
    const summary = auto.asked
      .find((q) => q.id === 'summary')!
      .items!.map((i) => `${i.label} ${i.description ?? ''}`)
      .join('\n');
    assert.match(summary, /\$0\.18\/h/);
    assert.match(summary, /spot — instead of \$0\.35\/h on demand; Novita can reclaim the pod at any time/);
    const bodies = sim.sim.controls.novita.state.createBodies as Array<{ billingMode?: string; name?: string }>;
    assert.deepEqual(
      bodies.map((b) => [b.name, b.billingMode]),
      [['it-spot', 'spot']],
    );
    const pod = await waitForPodNode('novita', 'it-spot', 'running', 60_000);
    assert.match(await descriptionOf(pod), /· spot ·/, 'the row says the pod runs on spot capacity');
  });

  it('Novita: a reclaim Novita announces is told at once with the time left, once, and the row counts down', async () => {
    const pod = await waitForPodNode('novita', 'it-spot', 'running');
    const { workbench } = await script(new AutoInput(), recordingWorkbench());
    sim.sim.controls.novita.scheduleReclaim(pod.pod.id, 10 * 60_000);
    const warned = await waitFor('the reclaim warning', async () => {
      await (await gpuPods()).services.data.refresh(pod.account.id);
      return workbench.warnings.find((w) => w.includes('reclaim'));
    });
    assert.match(
      warned!,
      /^Novita AI will reclaim the spot pod "it-spot" in (9|10) min \(at .+\)\. Save your work now\.$/,
    );
    const row = await waitForPodNode('novita', 'it-spot', 'running');
    assert.match(await descriptionOf(row), /spot: reclaimed in (9|10) min/);
    assert.equal(await iconOf(row), 'warning');
    assert.match(await tooltipOf(row), /^Spot capacity: the cloud reclaims this pod in (9|10) min \(at .+\) {2}$/m);
    await (await gpuPods()).services.data.refresh(pod.account.id);
    assert.equal(workbench.warnings.filter((w) => w.includes('reclaim')).length, 1, 'told once, not at every refresh');
    await screenshot('spot-reclaim');
  });

  it('Yotta: the tooltip shows CPU, memory and storage; a disk at 94 % warns in the row and once as a notification', async () => {
    const { yotta } = sim.sim.controls;
    const id = yotta.addPod({ name: 'it-disk', containerVolumeInGb: 50 });
    yotta.setPodUsage(id, { cpuRatio: 0.4, storageUsedBytes: 47 * GIB });
    const { workbench } = await script(new AutoInput(), recordingWorkbench());
    const pod = await waitForPodNode('yotta', 'it-disk', 'running');
    const tip = await tooltipOf(pod);
    assert.match(tip, /^Utilisation: CPU 40% · RAM 30% \(9\.6 \/ 32 GB\) {2}$/m);
    assert.match(tip, /^Storage: 47 \/ 50 GB \(94%\) — nearly full {2}$/m);
    const asked = sim.sim.requestsFor('yotta', 'GET', '/v2/metrics/').map((r) => r.path.split('?')[0]);
    for (const kind of ['cpu', 'memory', 'storage']) assert.ok(asked.includes(`/v2/metrics/${kind}/pods/${id}`), kind);
    assert.deepEqual(workbench.warnings, [
      '"Storage" of "it-disk" is nearly full: 47 / 50 GB (94%). Free some space before it fills up.',
    ]);
    assert.match(await descriptionOf(pod), /disk 94% full/);
    assert.equal(await iconOf(pod), 'warning');
    await tooltipOf(pod);
    assert.equal(workbench.warnings.length, 1, 'a second look at the pod warns no more');
  });

  it('GPUGeek: the disk use its list returns is in the tooltip, and a nearly full one warns', async () => {
    const { workbench } = await script(new AutoInput(), recordingWorkbench());
    sim.sim.controls.gpugeek.seed({
      name: 'it-geek-disk',
      systemDiskSize: 30 * GIB,
      systemDiskUsedSize: 28.5 * GIB,
      dataDiskSize: 20 * GIB,
      dataDiskUsedSize: 2 * GIB,
    });
    const pod = await waitForPodNode('gpugeek', 'it-geek-disk', 'running');
    const tip = await tooltipOf(pod);
    assert.match(tip, /^System disk: 28\.5 \/ 30 GB \(95%\) — nearly full {2}$/m);
    assert.match(tip, /^Data disk \(\/gz-data\): 2 \/ 20 GB \(10%\) {2}$/m);
    assert.match(await descriptionOf(pod), /disk 95% full/);
    await waitForPodNode('gpugeek', 'it-geek-disk', 'running');
    assert.deepEqual(workbench.warnings, [
      '"System disk" of "it-geek-disk" is nearly full: 28.5 / 30 GB (95%). Free some space before it fills up.',
    ]);
  });

  it('NeevCloud: Notify Me lists the alerts the account has, and picking one says NeevCloud offers no removal', async () => {
    sim.sim.controls.neevcloud.state.addAlert('as-south-1', 'gpu-l40s-48g-8cpu-64g');
    const before = sim.sim.requestsFor(
      'neevcloud',
      'GET',
      '/inventory/api/v1beta1/inventory/gpu/notify-availability',
    ).length;
    const auto = new AutoInput({ soldOutOffer: '$(bell)' });
    const { workbench } = await script(auto);
    await vscode.commands.executeCommand('gpuPods.notifyWhenAvailable', await accountNode('neevcloud'));
    const items = auto.asked.find((q) => q.id === 'soldOutOffer')!.items!;
    assert.equal(items[0].label, '$(bell) L40S in as-south-1');
    assert.match(items[0].description!, /^pending · since /);
    assert.ok(
      items.some((i) => i.label === 'L40S' && /alert pending/.test(i.description ?? '')),
      'the sold-out L40S says it has an alert',
    );
    assert.equal(
      sim.sim.requestsFor('neevcloud', 'GET', '/inventory/api/v1beta1/inventory/gpu/notify-availability').length,
      before + 1,
    );
    assert.equal(sim.sim.requestsFor('neevcloud', 'POST').length, 0, 'nothing registered');
    assert.deepEqual(workbench.infos, [
      'The alert for L40S in as-south-1 is pending: NeevCloud e-mails you when it is available. NeevCloud documents no way to remove an alert.',
    ]);
  });
});
