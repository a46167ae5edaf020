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

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const usd = (lines: readonly BillLine[]) => round(lines.reduce((t, l) => t + l.amountUsd, 0));

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

/** What one read found: per pod (cloud/id), so a pod two accounts see is counted once across them. */
interface Read {
  at: number;
  pods: Map<string, { today: number; month: number }>;
}

/** Accounts' bills for today and this month, read at most every `everyMs` per account. */
export class AccountBills {
  private readonly known = new Map<string, Read>();
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
    return this.billedOnce([accountId]).get(accountId);
  }

  /**
   * Each account's billed amounts, a pod two accounts' bills list counted under the first only (two accounts
   * with one key see the same bills). Accounts whose bills are not current are left out.
   */
  billedOnce(accountIds: readonly string[]): Map<string, AccountBilled> {
    const now = this.clock.now();
    const seen = new Set<string>();
    const out = new Map<string, AccountBilled>();
    for (const id of accountIds) {
      const read = this.known.get(id);
      if (!read || now < read.at || now - read.at > 2 * this.everyMs) continue;
      if (this.calendar.dayStart(read.at) !== this.calendar.dayStart(now)) continue;
      let today = 0;
      let month = 0;
      for (const [pod, amounts] of read.pods) {
        if (seen.has(pod)) continue;
        seen.add(pod);
        today += amounts.today;
        month += amounts.month;
      }
      out.set(id, { today: round(today), month: round(month), at: read.at });
    }
    return out;
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
      const pods = new Map<string, { today: number; month: number }>();
      for (const line of lines.filter((l) => l.start >= monthStart)) {
        const key = `${account.cloud}/${line.podId}`;
        const pod = pods.get(key) ?? { today: 0, month: 0 };
        pod.month += line.amountUsd;
        if (line.start >= dayStart) pod.today += line.amountUsd;
        pods.set(key, pod);
      }
      this.known.set(account.id, { at: now, pods });
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
