import type * as vscode from 'vscode';
import type { AccountBalance } from '../core/balance';
import type { Clock } from '../core/clock';

/*
 * What the balance watch (balanceWatch.ts) asks of the running extension; ExtensionBalanceHost
 * (balanceWatchHost.ts) answers it, and the unit tests answer it with fakes and the simulated Novita.
 */

/** What one account burns now, from its last pod list (no request). */
export interface AccountBurn {
  /** USD per hour of its running pods with a price in dollars. */
  perHour: number;
  running: number;
  /** Running pods without a price in dollars: not counted, never guessed. */
  unpriced: number;
}

/** What the low-balance warning says and offers; the host words the buttons and carries them out. */
export interface LowBalance {
  accountId: string;
  /** The balance as last read, less what the account burnt since (USD). */
  balanceUsd: number;
  hoursLeft: number;
  burn: AccountBurn;
  warnHours: number;
}

/** No `vscode` at run time here: the watch runs in plain Node in the unit tests. */
export interface BalanceHost {
  clock: Clock;
  memento: Pick<vscode.Memento, 'get' | 'update'>;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
  /** Every connected account's id. */
  accountIds(): readonly string[];
  /** Whether the account's cloud publishes a balance; undefined until its provider is known (first load). */
  publishesBalance(accountId: string): boolean | undefined;
  readBalance(accountId: string, signal?: AbortSignal): Promise<AccountBalance>;
  burn(accountId: string): AccountBurn;
  /** The warning's threshold: hours of balance left (`gpuPods.balance.warnHours`; 0 = off). */
  warnHours(): number;
  /** Whether the GPU Pods view is visible now. */
  viewVisible(): boolean;
  onViewVisibility(listener: () => void): { dispose(): void };
  /** Fires with an account id when its pod list changed (its burn rate may have). */
  onPodsChange(listener: (accountId: string) => void): { dispose(): void };
  /** Shows the warning with its buttons (Open Billing Page, Stop a Pod…); never waited on. */
  warnLow(low: LowBalance): void;
}
