import * as vscode from 'vscode';
import { computeBurnRate } from '../core/burnRate';
import { EstimatedSpend, type SpendRecord } from '../core/estimatedSpend';
import { BalanceWatch } from './balanceWatch';
import { type BalanceWiring, ExtensionBalanceHost } from './balanceWatchHost';
import { BudgetWatch } from './budgetWatch';
import { ExtensionBudgetHost } from './budgetWatchHost';
import { spendSettings } from './spendSettings';

/** Today's and this month's estimated spend, kept across reloads. */
const SPEND_KEY = 'gpuPods.spendEstimate';

/**
 * The balance watch and the budget, built once by the composition root. The budget reads a `SpendSoFar`: here
 * the burn rate × time estimate; an accumulator that reads the clouds' bills replaces `spend` below and nothing
 * else.
 */
export function buildSpendWatches(w: BalanceWiring): vscode.Disposable & { balances: BalanceWatch } {
  const { memento, data, clock } = w;
  const spend = new EstimatedSpend(
    clock,
    () =>
      computeBurnRate(
        data.allPods().map(({ account, pod }) => ({ accountId: account.id, cloud: account.cloud, where: '', pod })),
        clock.now(),
      ).knownPerHour,
    { get: () => memento.get(SPEND_KEY), set: (record: SpendRecord) => void memento.update(SPEND_KEY, record) },
  );
  const sampling = data.onDidChange(() => spend.sample());
  const balances = new BalanceWatch(new ExtensionBalanceHost(w));
  const budget = new BudgetWatch(new ExtensionBudgetHost({ ...w, spend, budget: () => spendSettings.budget() }));
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('gpuPods.budget')) budget.check();
  });
  return {
    balances,
    dispose: () => {
      for (const d of [sampling, balances, budget, settings]) d.dispose();
    },
  };
}
