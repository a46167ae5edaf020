import * as vscode from 'vscode';
import type { SpendSoFar } from '../core/spendSoFar';
import { BalanceWatch } from './balanceWatch';
import { type BalanceWiring, ExtensionBalanceHost } from './balanceWatchHost';
import { BudgetWatch } from './budgetWatch';
import { ExtensionBudgetHost } from './budgetWatchHost';
import { spendSettings } from './spendSettings';

/**
 * The balance watch and the budget, built once by the composition root. The budget reads the spend so far that
 * the burn-rate tooltip shows (services/trackedSpend.ts): the clouds' bills where read, else the estimate.
 */
export function buildSpendWatches(
  w: BalanceWiring & { spend: SpendSoFar },
): vscode.Disposable & { balances: BalanceWatch } {
  const balances = new BalanceWatch(new ExtensionBalanceHost(w));
  const budget = new BudgetWatch(new ExtensionBudgetHost({ ...w, budget: () => spendSettings.budget() }));
  const settings = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('gpuPods.budget')) budget.check();
  });
  return {
    balances,
    dispose: () => {
      for (const d of [balances, budget, settings]) d.dispose();
    },
  };
}
