import * as vscode from 'vscode';
import type { Budget } from '../core/budget';

/** Typed reads of the balance and budget settings (declared in package.json, "Spend and idle"). */
export const spendSettings = {
  /** Warn when a balance covers fewer hours than this at the account's burn rate; 0 turns the warning off. */
  lowBalanceHours(): number {
    const n = vscode.workspace.getConfiguration('gpuPods').get<number>('balance.warnHours', 24);
    return Number.isFinite(n) && n > 0 ? Math.min(n, 720) : 0;
  },
  /** The budget across every account; undefined when none is set (amount 0). */
  budget(): Budget | undefined {
    const c = vscode.workspace.getConfiguration('gpuPods');
    const amountUsd = c.get<number>('budget.amount', 0);
    if (!Number.isFinite(amountUsd) || amountUsd <= 0) return undefined;
    const period = c.get<string>('budget.period', 'month') === 'day' ? 'day' : 'month';
    const percent = c.get<number>('budget.warnPercent', 80);
    const warnPercent = Number.isFinite(percent) ? Math.min(99, Math.max(1, percent)) : 80;
    return { amountUsd, period, warnPercent };
  },
};
