import type * as vscode from 'vscode';
import { type Budget, type BudgetMark, nextBudgetWarning, readBudgetMark } from '../core/budget';
import { type Clock, every } from '../core/clock';
import type { SpendSoFar } from '../core/spendSoFar';
import { type BurningPod, budgetWarning } from './budgetWarning';

/** What was already said in the current period (global state: a reload does not say it again). */
export const BUDGET_MARK_KEY = 'gpuPods.budgetWarned';
/** Spend moves on with time: it is compared with the budget this often (no request is made for it). */
const TICK_MS = 60_000;

/**
 * What the budget asks of the running extension (budgetWatchHost.ts answers it; the unit tests with fakes). No
 * `vscode` at run time here.
 */
export interface BudgetHost {
  clock: Clock;
  memento: Pick<vscode.Memento, 'get' | 'update'>;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
  /** `gpuPods.budget.*`; undefined when no budget is set. */
  budget(): Budget | undefined;
  /** Today's and this month's spend across accounts (swappable: an estimate or the clouds' bills). */
  spend: SpendSoFar;
  /** Running pods with a price in dollars, dearest first, each with whether the Stop command can take it now. */
  burning(): BurningPod[];
  /** Running pods without a price in dollars (not counted in the spend). */
  unpriced(): number;
  onPodsChange(listener: (accountId: string) => void): { dispose(): void };
  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined>;
  /** Runs the cloud's Stop (Pause) command on the pod, if the pod's cloud and state still allow it. */
  stop(pod: BurningPod): Promise<void>;
}

/**
 * An optional daily or monthly budget across every account: a warning when the spend so far reaches the budget's
 * share (80 % by default) and another at 100 %, each once per period, naming the pods that burn most with a Stop
 * button for each. It never stops anything by itself: only a button the user presses does, through the Stop command.
 */
export class BudgetWatch {
  private readonly disposables: Array<{ dispose(): void }> = [];
  /** What was said this period: this window's copy is the truth, global state is for the next reload. */
  private mark: BudgetMark | undefined;

  constructor(private readonly host: BudgetHost) {
    this.mark = readBudgetMark(host.memento.get(BUDGET_MARK_KEY));
    this.disposables.push(
      every(host.clock, TICK_MS, () => this.check()),
      host.onPodsChange(() => this.check()),
    );
    this.check();
  }

  /** Compares the spend so far with the budget; warns at a level not yet reached in this period. */
  check(): void {
    const budget = this.host.budget();
    if (!budget) return;
    const spent = budget.period === 'day' ? this.host.spend.today() : this.host.spend.thisMonth();
    const now = this.host.clock.now();
    const next = nextBudgetWarning(spent, budget, this.mark, now);
    if (!next) return;
    this.mark = next.mark;
    void this.host.memento.update(BUDGET_MARK_KEY, next.mark);
    this.host.log.info(
      `Budget: ${spent.toFixed(2)} USD spent against ${budget.amountUsd} USD per ${budget.period} (${next.level}); warned.`,
    );
    const { message, stops } = budgetWarning(
      next.level,
      spent,
      budget,
      this.host.spend.estimated,
      this.host.burning(),
      this.host.unpriced(),
    );
    void this.host.showWarning(message, ...stops.map((s) => s.label)).then((answer) => {
      const chosen = stops.find((s) => s.label === answer);
      if (chosen) void this.host.stop(chosen.pod);
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
