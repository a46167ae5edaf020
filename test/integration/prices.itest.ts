import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, gpuPods, item, script, testHooks, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, type SshSandbox } from './support/sshSandbox';

const CONNECT: Array<Record<string, string>> = [
  { cloud: 'Yotta Labs', label: 'it', apiKey: 'yotta-prices-key' },
  { cloud: 'Novita AI', label: 'it', apiKey: 'nk-prices' },
  { cloud: 'GPUGeek', label: 'it', apiKey: 'gk-prices' },
  { cloud: 'NeevCloud', label: 'it', apiKey: 'pat-nc-it', orgId: 'org-sim-7f3a', projectId: 'proj-sim-21c9' },
];

const tooltipOf = (i: vscode.TreeItem) => (i.tooltip as vscode.MarkdownString).value;
/** The tooltip's text as read: Markdown escapes removed. */
const plain = (md: string) => md.replace(/\\(.)/g, '$1');

describe('every dollar visible: a price on every pod, each figure with its source, real spend from the bills', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let ssh: SshSandbox;
  let novitaId: string;
  const prices = () => vscode.workspace.getConfiguration('gpuPods').inspect('prices.perGpuHour')?.globalValue;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    ssh = await sshSandbox('Host *\n  ServerAliveInterval 60\n');
    await disconnectAll();
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('prices.perGpuHour', undefined, vscode.ConfigurationTarget.Global);
    for (const answers of CONNECT) {
      await script(new AutoInput(answers));
      await vscode.commands.executeCommand('gpuPods.connectCloud');
    }
    // One pod on each cloud. Novita (2 × RTX 4090, $0.70/h, created an hour ago) and NeevCloud (H100, $1.99/h)
    // publish prices; GPUGeek quotes one when GPU Pods creates the pod; Yotta publishes none.
    novitaId = sim.sim.controls.novita.seedInstance({ name: 'prices-novita', productId: 'prod-4090', gpuNum: 2 });
    sim.sim.controls.neevcloud.seedRuntime({
      name: 'prices-neev',
      configId: 'gpu-h100-80g-20cpu-125g',
      gpuCount: 1,
      region: 'as-south-1',
    });
    sim.sim.controls.yotta.addPod({ name: 'prices-yotta', status: 'RUNNING', gpuCount: 2 });
    await script(new AutoInput({ name: 'prices-gpugeek' }));
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('gpugeek'));
    await waitForPodNode('gpugeek', 'prices-gpugeek', 'running', 60_000);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('prices.perGpuHour', undefined, vscode.ConfigurationTarget.Global);
    await disconnectAll();
    await ssh.dispose();
    await sim.dispose();
  });

  it('the Yotta pod reads "price unknown" everywhere, and each place offers Set Price for its GPU type', async () => {
    const { services } = await gpuPods();
    for (const a of services.accounts.list()) await services.data.refresh(a.id);
    await waitFor('four running pods', () => services.burnRate.state?.running === 4, 20_000);
    const bar = services.burnRate.item;
    assert.equal(bar.text, '$(vm-running) 4 running · $2.69/h + 1.98/h (no currency stated) + 1 price unknown');
    const tip = bar.tooltip as vscode.MarkdownString;
    assert.match(
      tip.value,
      /prices\\-yotta .*price unknown · \[Set Price for RTX 4090…\]\(command:gpuPods\.setGpuPrice\?/,
    );
    assert.deepEqual(tip.isTrusted, { enabledCommands: ['gpuPods.setGpuPrice'] }, 'that command and no other');
    const yotta = await waitForPodNode('yotta', 'prices-yotta', 'running');
    const row = await item(yotta);
    assert.match(String(row.contextValue), /\+settablePrice/, 'the tree menu offers it');
    assert.match(tooltipOf(row), /Price: price unknown/);
    assert.match(tooltipOf(row), /\[Set Price for RTX 4090…\]\(command:gpuPods\.setGpuPrice\?/);
    const novita = await item(await waitForPodNode('novita', 'prices-novita', 'running'));
    assert.doesNotMatch(String(novita.contextValue), /settablePrice/, 'a pod its cloud prices has nothing to set');
    await screenshot('prices-unknown');
  });

  it('once the one Yotta price is set, the status bar shows a total with no "price unknown", and every tooltip says where each figure comes from', async () => {
    // The link in the tooltip runs the command with the GPU type's name.
    const auto = new AutoInput({ gpuPrice: '0.80' });
    const { services, workbench } = await script(auto);
    await vscode.commands.executeCommand('gpuPods.setGpuPrice', 'RTX 4090');
    assert.deepEqual(prices(), { 'RTX 4090': 0.8 }, 'written to the user settings');
    assert.match(workbench.infos[0] ?? '', /RTX 4090: \$0\.80\/GPU·h, set by you/);
    await waitFor('the status bar to count the Yotta pod', () => !/price unknown/.test(services.burnRate.item.text));
    const bar = services.burnRate.item;
    assert.equal(bar.text, '$(vm-running) 4 running · $4.29/h + 1.98/h (no currency stated)');
    const tip = plain((bar.tooltip as vscode.MarkdownString).value);
    assert.match(
      tip,
      /prices-novita · Novita AI · \$0\.70\/h published by the cloud · about \$0\.7\d in 1h \d\dm since created \(estimated\)/,
    );
    assert.match(tip, /prices-neev · NeevCloud · \$1\.99\/h published by the cloud/);
    assert.match(tip, /prices-gpugeek · GPUGeek · 1\.98\/h as quoted at create/);
    assert.match(tip, /prices-yotta · Yotta Labs · \$1\.60\/h set by you/);
    assert.match(
      tip,
      /Prices: \$2\.69\/h published by the clouds · 1\.98\/h quoted at create \(no currency stated\) · \$1\.60\/h set by you/,
    );
    assert.doesNotMatch(tip, /Set Price/);
    assert.equal((bar.tooltip as vscode.MarkdownString).isTrusted, false, 'no command link left, none enabled');

    const yotta = await item(await waitForPodNode('yotta', 'prices-yotta', 'running'));
    assert.match(String(yotta.description), /\$1\.60\/h set by you/);
    const yottaTip = plain(tooltipOf(yotta));
    assert.match(yottaTip, /Price: \$1\.60\/h set by you \(\$0\.80\/GPU·h × 2\)/);
    assert.match(yottaTip, /Spent: about \$\d+\.\d+ in \d+m since created \(estimated: price × time/);
    const neev = plain(tooltipOf(await item(await waitForPodNode('neevcloud', 'prices-neev', 'running'))));
    assert.match(neev, /Price: \$1\.99\/h \(published by NeevCloud\)/);
    const geek = plain(tooltipOf(await item(await waitForPodNode('gpugeek', 'prices-gpugeek', 'running'))));
    assert.match(geek, /Price: 1\.98\/h as quoted at create \(no currency stated\)/);

    // The palette version lists the GPU types of running pods no cloud prices, with the price set.
    const palette = new AutoInput({ gpuType: 'RTX 4090', gpuPrice: '0.75' });
    await script(palette);
    await vscode.commands.executeCommand('gpuPods.setGpuPrice');
    const offered = palette.asked.find((q) => q.id === 'gpuType')!.items!;
    assert.deepEqual(
      offered.map((i) => `${i.label} | ${i.description}`),
      ['RTX 4090 | $0.80/GPU·h set by you · 1 running pod'],
    );
    assert.equal(palette.asked.find((q) => q.id === 'gpuPrice')?.value, '0.8', 'the current price is proposed');
    assert.deepEqual(prices(), { 'RTX 4090': 0.75 });
    await waitFor('the new price in the total', () => services.burnRate.item.text.includes('$4.19/h'));
    await screenshot('prices-all-known');
  });

  it("a Novita pod's tooltip shows what it really cost, from Novita's bills; the burn rate adds today's and this month's spend", async () => {
    const { services } = await gpuPods();
    const novita = await item(await waitForPodNode('novita', 'prices-novita', 'running'));
    const billed = sim.sim.controls.novita.bills.billedUnits(novitaId) / 10_000;
    const tip = plain(tooltipOf(novita));
    const [, shown] = /Spent: \$(\d+\.\d\d) since .+ \(billed by Novita AI\)/.exec(tip) ?? [];
    assert.ok(shown, tip);
    assert.ok(Math.abs(Number(shown) - billed) <= 0.011, `shown $${shown}, the simulator billed $${billed}`);
    assert.ok(
      sim.sim.requestsFor('novita', 'GET', '/billing/bill/list').some((r) => r.query.includes(`ownerId=${novitaId}`)),
      'read from the bills filtered by the instance',
    );
    // The account's bills are read every 15 minutes: the first read came when the account was connected, before
    // the pod. GPU Pods' clock is put 16 minutes ahead for the next one (and back after).
    const { clock } = await testHooks();
    clock.step(16 * 60_000);
    try {
      const account = services.accounts.list().find((a) => a.cloud === 'novita')!;
      await services.data.refresh(account.id);
      const bar = () => plain((services.burnRate.item.tooltip as vscode.MarkdownString).value);
      await waitFor("today's spend with Novita's bills", () =>
        /Today: \$\d+\.\d\d — \$\d+\.\d\d billed by Novita AI, about \$\d+\.\d+/.test(bar()),
      );
      // The pod started an hour ago: its whole bill is this month's (unless the month began within the hour).
      const [, month] =
        /This month: \$\d+\.\d\d — \$(\d+\.\d\d) billed by Novita AI, about .+ estimated/.exec(bar()) ?? [];
      assert.ok(month, bar());
      assert.ok(Number(month) <= billed + 0.02, `billed this month $${month}, the pod $${billed}`);
      await screenshot('prices-billed');
    } finally {
      clock.step(-16 * 60_000);
    }
  });
});
