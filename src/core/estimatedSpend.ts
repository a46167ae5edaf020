import { dayKey, monthKey, nextMidnight } from './calendar';
import type { Clock } from './clock';
import type { SpendSoFar } from './spendSoFar';

/** Today's and this month's spend, with the day and month they belong to. */
export interface SpendRecord {
  day: string;
  month: string;
  today: number;
  thisMonth: number;
}

/** Where the figures are kept between reloads (global state in the extension). */
export interface SpendStore {
  get(): unknown;
  set(record: SpendRecord): void;
}

const HOUR_MS = 3_600_000;
/**
 * The figures are written down at most this often (and when the day changes): every write of global state is
 * echoed back to the extension host, and a write that crosses another key's update can undo it there.
 */
const SAVE_EVERY_MS = 10 * 60_000;
/** A clock that jumps further than this is counted day by day up to this many days, then no further. */
const MAX_DAYS = 400;

/** The record for the period `at` falls in: the same figures if it is still that day and month, else from 0. */
export function rollTo(record: SpendRecord, at: number): SpendRecord {
  const day = dayKey(at);
  const month = monthKey(at);
  return {
    day,
    month,
    today: record.day === day ? record.today : 0,
    thisMonth: record.month === month ? record.thisMonth : 0,
  };
}

/**
 * `perHour` (USD/h) from `from` to `to` added to the record, split at each local midnight so what ran before it
 * counts for the day (and month) it ran in. A clock set back (`to` before `from`) counts nothing.
 */
export function accrue(record: SpendRecord, from: number, to: number, perHour: number): SpendRecord {
  let r = rollTo(record, from);
  if (!(perHour > 0) || !(to > from)) return rollTo(r, Math.max(from, to));
  let t = from;
  for (let days = 0; t < to && days < MAX_DAYS; days++) {
    const end = Math.min(to, nextMidnight(t));
    const amount = (perHour * (end - t)) / HOUR_MS;
    r = { ...r, today: r.today + amount, thisMonth: r.thisMonth + amount };
    t = end;
    r = rollTo(r, t);
  }
  return rollTo(r, to);
}

function readRecord(stored: unknown, now: number): SpendRecord {
  const empty = rollTo({ day: '', month: '', today: 0, thisMonth: 0 }, now);
  if (!stored || typeof stored !== 'object') return empty;
  const s = stored as Partial<SpendRecord>;
  const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (typeof s.day !== 'string' || typeof s.month !== 'string' || !ok(s.today) || !ok(s.thisMonth)) return empty;
  return rollTo(s as SpendRecord, now);
}

/**
 * Spend so far estimated as the burn rate × time, on the injected clock: between two samples the rate of the
 * first one is counted (the pods that ran then). Only prices in dollars count: a pod whose price is unknown is
 * never guessed. What ran while VS Code was closed is not known and not counted; figures kept from earlier in the
 * same day and month are.
 */
export class EstimatedSpend implements SpendSoFar {
  readonly estimated = true;
  private record: SpendRecord;
  private last: number;
  private savedAt: number;
  private rate: number;

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    /** USD per hour of every running pod with a known price, across accounts, right now. */
    private readonly perHour: () => number,
    private readonly store?: SpendStore,
  ) {
    const now = clock.now();
    this.last = now;
    this.savedAt = now;
    this.record = readRecord(store?.get(), now);
    this.rate = this.readRate();
  }

  /** Counts the time since the last sample at the rate then, and takes the rate from now on (pods changed). */
  sample(): void {
    this.advance();
    this.rate = this.readRate();
  }

  today(): number {
    return this.advance().today;
  }

  thisMonth(): number {
    return this.advance().thisMonth;
  }

  private readRate(): number {
    const rate = this.perHour();
    return Number.isFinite(rate) && rate > 0 ? rate : 0;
  }

  private advance(): SpendRecord {
    const now = this.clock.now();
    const before = this.record.day;
    this.record = accrue(this.record, this.last, now, this.rate);
    this.last = now;
    if (before !== this.record.day || now - this.savedAt >= SAVE_EVERY_MS || now < this.savedAt) {
      this.savedAt = now;
      this.store?.set(this.record);
    }
    return this.record;
  }
}
