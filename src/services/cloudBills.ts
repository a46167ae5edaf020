import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { Pod } from '../core/model';
import type { BillLine, Provider } from '../core/provider';
import { type Calendar, localCalendar } from '../core/spendLedger';
import type { Account } from './accounts';

/*
 * What the clouds that publish bills per instance (Novita) say pods really cost. Read lazily: a pod's bills when
 * its tooltip is shown (kept a minute), an account's today and this month at a slow cadence while the burn rate
 * is shown. Never per refresh, never for every pod. No `vscode` at run time: unit-tested against the simulator.
 */

type Providers = { get(account: Account): Promise<Provider> };

/** What one pod has cost by its cloud's bills, in USD, since `since` (epoch ms). */
export interface PodBilled {
  usd: number;
  since: number;
  /** The bills reach back less far than the pod's life (a query spans at most the cloud's range). */
  cut: boolean;
}

const usd = (lines: readonly BillLine[]) => Math.round(lines.reduce((t, l) => t + l.amountUsd, 0) * 10_000) / 10_000;

/** A pod's bills, read when its tooltip is shown; the same pod's are kept for a minute. */
export class PodBills {
  private readonly kept = new Map<string, { at: number; value: PodBilled }>();

  constructor(
    private readonly providers: Providers,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly keepMs = 60_000,
  ) {}

  /** Undefined where the cloud publishes no bills; throws when they cannot be read. */
  async read(account: Account, pod: Pod, signal?: AbortSignal): Promise<PodBilled | undefined> {
    const bills = (await this.providers.get(account)).bills;
    if (!bills) return undefined;
    const key = `${account.id}/${pod.id}`;
    const now = this.clock.now();
    const hit = this.kept.get(key);
    if (hit && now >= hit.at && now - hit.at < this.keepMs) return hit.value;
    const earliest = now - bills.maxRangeMs;
    const created = typeof pod.createdAt === 'number' && pod.createdAt <= now ? pod.createdAt : undefined;
    const since = Math.max(created ?? earliest, earliest);
    const lines = await bills.list({ from: since, to: now, podId: pod.id, per: 'day' }, signal);
    const value: PodBilled = { usd: usd(lines.filter((l) => l.podId === pod.id)), since, cut: since !== created };
    this.kept.set(key, { at: now, value });
    return value;
  }
}

/** One account's bills for today and this month (local days), in USD, and when they were read. */
export interface AccountBilled {
  today: number;
  month: number;
  at: number;
}

/** Accounts' bills for today and this month, read at most every `everyMs` per account. */
export class AccountBills {
  private readonly known = new Map<string, AccountBilled>();
  private readonly reading = new Set<string>();
  /** A failed read is not tried again before the next due time. */
  private readonly failedAt = new Map<string, number>();
  private readonly noBills = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly providers: Providers,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly log: Pick<vscode.LogOutputChannel, 'warn'>,
    private readonly everyMs = 15 * 60_000,
    private readonly calendar: Calendar = localCalendar,
  ) {}

  /** Called after each read that brought new figures. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts a read for each account whose last one is due; resolves when they are done (answers also via onDidChange). */
  async refresh(accounts: readonly Account[]): Promise<void> {
    const now = this.clock.now();
    const reads: Array<Promise<void>> = [];
    for (const account of accounts) {
      const last = this.known.get(account.id)?.at ?? this.failedAt.get(account.id);
      if (
        this.noBills.has(account.id) ||
        this.reading.has(account.id) ||
        (last !== undefined && now >= last && now - last < this.everyMs)
      )
        continue;
      reads.push(this.read(account));
    }
    await Promise.all(reads);
  }

  /** The account's billed amounts, while they are for today and not older than two reads. */
  billed(accountId: string): AccountBilled | undefined {
    const b = this.known.get(accountId);
    const now = this.clock.now();
    if (!b || now < b.at || now - b.at > 2 * this.everyMs) return undefined;
    return this.calendar.dayStart(b.at) === this.calendar.dayStart(now) ? b : undefined;
  }

  private async read(account: Account): Promise<void> {
    this.reading.add(account.id);
    try {
      const bills = (await this.providers.get(account)).bills;
      if (!bills) {
        this.noBills.add(account.id); // the cloud publishes none: never asked again
        return;
      }
      const now = this.clock.now();
      const dayStart = this.calendar.dayStart(now);
      const monthStart = this.calendar.monthStart(now);
      // By the hour, so today's lines start on the user's own midnight.
      const lines = await bills.list({ from: monthStart, to: now, per: 'hour' });
      const month = lines.filter((l) => l.start >= monthStart);
      this.known.set(account.id, { today: usd(month.filter((l) => l.start >= dayStart)), month: usd(month), at: now });
      for (const listener of this.listeners) listener();
    } catch (error) {
      // The estimate stands in; the reason is in the log, not a toast.
      this.known.delete(account.id);
      this.failedAt.set(account.id, this.clock.now());
      this.log.warn(
        `Reading the bills of ${account.cloud} account "${account.label}" failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.reading.delete(account.id);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
