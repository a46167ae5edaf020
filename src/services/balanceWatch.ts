import { type AccountBalance, isLowBalance, runwayHours } from '../core/balance';
import { every } from '../core/clock';
import type { AccountBurn, BalanceHost } from './balanceWatchPort';

/**
 * How often a balance is read. Not at every refresh: a balance moves at the burn rate (a $2/h pod moves it
 * $0.17 in 5 minutes) and the warning is measured in hours, so 5 minutes while the view is visible shows it
 * as fresh as anyone reads it, for one request per account (Novita shares one request budget per key with the
 * pod list). While the view is hidden it is read every 30 minutes, and only while the account has a running
 * pod: the warning matters most when nobody looks at the view, and 30 minutes is 2 % of the default 24 hours.
 */
export const BALANCE_VISIBLE_MS = 5 * 60_000;
export const BALANCE_HIDDEN_MS = 30 * 60_000;
/** How often the runway is recomputed on the clock (no request): it shrinks as time passes. */
const TICK_MS = 60_000;

/** Accounts already warned, kept in global state so a reload does not warn again. */
export const LOW_BALANCE_KEY = 'gpuPods.lowBalanceWarned';

/** An account's balance as last read. */
export interface BalanceReading {
  /** The last good read; kept when a later read fails. */
  balance?: AccountBalance;
  /** When `balance` was read (clock time). */
  readAt?: number;
  /** The latest read failed: why. */
  error?: unknown;
  /** When the latest read, good or not, was made. */
  triedAt: number;
}

/** The balance `reading` had, less what `burn` cost since it was read: what is left now, as far as we know. */
export function balanceNow(reading: BalanceReading, burn: AccountBurn, now: number): number | undefined {
  if (!reading.balance || reading.readAt === undefined) return undefined;
  const hours = Math.max(0, now - reading.readAt) / 3_600_000;
  return reading.balance.availableUsd - burn.perHour * hours;
}

/**
 * Reads each account's balance where its cloud publishes one, at a slow cadence, and warns once when it covers
 * less than `gpuPods.balance.warnHours` at the account's current burn rate: once per crossing (a top-up or a
 * stopped pod that lifts it back above re-arms the warning), not at every read.
 */
export class BalanceWatch {
  private readonly readings = new Map<string, BalanceReading>();
  private readonly reading = new Map<string, Promise<void>>();
  private readonly listeners = new Set<(accountId: string) => void>();
  private readonly disposables: Array<{ dispose(): void }> = [];
  /**
   * Accounts warned and not yet back above the threshold. This window's copy is the truth while it runs: global
   * state is written for the next reload only, since VS Code can hand back an older copy of it for a moment
   * after another key was written.
   */
  private readonly warned: Set<string>;

  constructor(private readonly host: BalanceHost) {
    const stored = host.memento.get<unknown>(LOW_BALANCE_KEY);
    this.warned = new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
    this.disposables.push(
      every(host.clock, TICK_MS, () => this.tick()),
      host.onViewVisibility(() => this.tick()),
      host.onPodsChange((id) => (this.due(id) ? void this.refresh(id) : this.judge(id))),
    );
    this.tick();
  }

  get(accountId: string): BalanceReading | undefined {
    return this.readings.get(accountId);
  }

  /** Fires with the account id whose balance changed (the tree redraws that account). */
  onDidChange(listener: (accountId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Reads the account's balance now (a manual refresh, or due); one read at a time per account. */
  refresh(accountId: string): Promise<void> {
    if (this.host.publishesBalance(accountId) !== true) return Promise.resolve();
    let run = this.reading.get(accountId);
    if (!run) {
      run = this.read(accountId).finally(() => this.reading.delete(accountId));
      this.reading.set(accountId, run);
    }
    return run;
  }

  private async read(accountId: string): Promise<void> {
    const triedAt = this.host.clock.now();
    const previous = this.readings.get(accountId);
    try {
      const balance = await this.host.readBalance(accountId);
      this.readings.set(accountId, { balance, readAt: this.host.clock.now(), triedAt });
    } catch (error) {
      this.host.log.warn(`Balance of account ${accountId}: ${(error as Error)?.message ?? String(error)}`);
      this.readings.set(accountId, { ...previous, error, triedAt });
    }
    if (!this.host.accountIds().includes(accountId)) this.readings.delete(accountId);
    for (const listener of this.listeners) listener(accountId);
    this.judge(accountId);
  }

  /** A read is due: never read yet, or older than the cadence; while the view is hidden, only if a pod runs there. */
  private due(accountId: string): boolean {
    if (this.host.publishesBalance(accountId) !== true || this.reading.has(accountId)) return false;
    const visible = this.host.viewVisible();
    if (!visible && this.host.burn(accountId).running === 0) return false;
    const r = this.readings.get(accountId);
    if (!r) return true;
    const now = this.host.clock.now();
    return now < r.triedAt || now - r.triedAt >= (visible ? BALANCE_VISIBLE_MS : BALANCE_HIDDEN_MS);
  }

  private tick(): void {
    const ids = this.host.accountIds();
    for (const id of [...this.readings.keys()]) if (!ids.includes(id)) this.readings.delete(id);
    for (const id of ids) {
      if (this.due(id)) void this.refresh(id);
      else this.judge(id);
    }
  }

  /** Warns when the account has just crossed below the threshold; re-arms once it is above it again. */
  private judge(accountId: string): void {
    const reading = this.readings.get(accountId);
    if (!reading) return;
    const burn = this.host.burn(accountId);
    const now = this.host.clock.now();
    const left = balanceNow(reading, burn, now);
    if (left === undefined) return;
    const warnHours = this.host.warnHours();
    const low = isLowBalance(left, burn.perHour, warnHours);
    if (low === this.warned.has(accountId)) return;
    if (low) this.warned.add(accountId);
    else this.warned.delete(accountId);
    const ids = this.host.accountIds();
    void this.host.memento.update(
      LOW_BALANCE_KEY,
      [...this.warned].filter((id) => ids.includes(id)),
    );
    if (!low) return;
    const hoursLeft = runwayHours(left, burn.perHour);
    this.host.log.info(
      `Balance of account ${accountId}: about ${left.toFixed(2)} USD, ${hoursLeft.toFixed(1)} h at ${burn.perHour} USD/h; warned.`,
    );
    this.host.warnLow({ accountId, balanceUsd: left, hoursLeft, burn, warnHours });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.listeners.clear();
  }
}
