import type * as vscode from 'vscode';
import { hourlyCost, oncePerPod } from '../core/burnRate';
import type { Clock } from '../core/clock';
import type { Pod } from '../core/model';
import {
  accrue,
  type Amounts,
  type Calendar,
  currentSpend,
  localCalendar,
  readSpend,
  type SpendObservation,
} from '../core/spendLedger';
import type { UserPrices } from '../core/userPrices';

/** Where the accumulator lives in global state (shared by every window: each pod carries its counted moment). */
export const SPEND_KEY = 'gpuPods.spend';

/**
 * Today's and this month's estimated spend, kept in global state. Fed by the burn rate's updates (every list
 * read and a tick a minute while pods run): no request of its own. No `vscode` at run time: unit-tested with
 * a fake memento and clock.
 */
export class SpendTracker {
  constructor(
    private readonly memento: Pick<vscode.Memento, 'get' | 'update'>,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly calendar: Calendar = localCalendar,
  ) {}

  /** Counts the pods' spend up to now (each pod once, however many accounts list it). */
  accrue(pods: ReadonlyArray<{ accountId: string; pod: Pod }>, prices?: UserPrices): void {
    const now = this.clock.now();
    const observations: SpendObservation[] = oncePerPod(pods).map(({ accountId, pod }) => ({
      key: `${pod.cloud}/${pod.id}`,
      accountId,
      running: pod.status === 'running',
      cost: hourlyCost(pod, prices),
      since: pod.createdAt,
    }));
    const before = this.memento.get<unknown>(SPEND_KEY);
    const after = accrue(readSpend(before), observations, now, this.calendar);
    if (JSON.stringify(after) !== JSON.stringify(before)) void this.memento.update(SPEND_KEY, after);
  }

  /** Account id → estimated amounts, for today and for this month. */
  current(): { today: Record<string, Amounts>; month: Record<string, Amounts> } {
    return currentSpend(readSpend(this.memento.get<unknown>(SPEND_KEY)), this.clock.now(), this.calendar);
  }
}
