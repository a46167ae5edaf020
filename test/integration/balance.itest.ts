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

/** A tooltip as read: Markdown escapes removed. */
const plain = (md: vscode.MarkdownString) => md.value.replace(/\\(.)/g, '$1');
const HOUR = 3_600_000;

/** Balances on the account rows, and the low-balance warning, against the simulated Novita's billing API. */
describe('balances: the account row and the low-balance warning', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  let novitaId: string;
  let yottaId: string;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    const { services } = await gpuPods();
    // A $0.70/h pod on Novita (2 × RTX 4090) and $50 of top-up: about 71 hours of it.
    sim.sim.controls.novita.seedInstance({ name: 'balance-burner', productId: 'prod-4090', gpuNum: 2 });
    sim.sim.controls.novita.setBalance(50);
    novitaId = (await services.accounts.add({ cloud: 'novita', label: 'it', options: {} }, 'nk-balance')).id;
    yottaId = (await services.accounts.add({ cloud: 'yotta', label: 'it', options: {} }, 'yotta-balance-key')).id;
    await revealView();
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('the Novita AI row shows its balance, its tooltip who published it and how long it lasts; Yotta Labs says it publishes none', async () => {
    const { services } = await gpuPods();
    await waitForPodNode('novita', 'balance-burner', 'running');
    await waitFor('the balance to be read', () => services.balances.get(novitaId)?.balance, 20_000);
    const novita = await item(await accountNode('novita'));
    assert.match(String(novita.description), /^it · 1 running · balance \$(50\.00|49\.99)$/);
    const tip = plain(novita.tooltip as vscode.MarkdownString);
    assert.match(tip, /Balance: \$(50\.00|49\.99), published by Novita AI at /, tip);
    assert.match(tip, /At the current \$0\.70\/h it lasts about 2d 23h \(estimated\)\./, tip);
    await services.data.refresh(yottaId); // loaded: its cloud (and what it publishes) is known
    const yotta = await item(await accountNode('yotta'));
    assert.doesNotMatch(String(yotta.description), /balance/);
    assert.match(plain(yotta.tooltip as vscode.MarkdownString), /Balance: not published by Yotta Labs/);
    assert.equal(
      sim.sim.requestsFor('yotta').filter((r) => /balance|billing/i.test(r.path)).length,
      0,
      'Yotta is never asked for a balance it does not document',
    );
    await screenshot('balance-account-row');
  });

  it('when the balance covers less than a day of the pod, one warning offers the billing page; a second refresh does not repeat it', async () => {
    const workbench = recordingWorkbench();
    workbench.showWarning = async (message: string) => (workbench.warnings.push(message), 'Open Billing Page');
    await script(new AutoInput(), workbench);
    // Two days pass for the cloud: the pod has run $33.60 off the $50.
    sim.sim.controls.novita.advanceClock(48 * HOUR);
    const account = await accountNode('novita');
    await vscode.commands.executeCommand('gpuPods.refresh', account);
    const warning = await waitFor(
      'the low-balance warning',
      () => workbench.warnings.find((m) => m.startsWith('Novita AI: the balance of')),
      20_000,
    );
    assert.match(
      String(warning),
      /^Novita AI: the balance of \$16\.\d\d lasts about 23h \d\dm at the current \$0\.70\/h, less than the 24 hours you asked to be warned at\.$/,
    );
    await waitFor('the billing page to open', () => workbench.opened.includes('https://novita.ai/billing'));
    const row = await item(await accountNode('novita'));
    assert.match(String(row.description), /balance \$16\.\d\d · about 23h \d\dm left$/);
    assert.equal((row.iconPath as vscode.ThemeIcon).color?.id, 'list.warningForeground');
    await vscode.commands.executeCommand('gpuPods.refresh', account);
    assert.equal(workbench.warnings.filter((m) => m.startsWith('Novita AI: the balance of')).length, 1);
    assert.ok(sim.sim.controls.novita.availableUsd() > 16, 'warned a day before the cloud’s balance runs out');
  });
});
