import type { HourlyCost } from './burnRate';

/**
 * Today's and this month's spend, estimated from the burn rate and kept across reloads: a small accumulator fed
 * by the clock. Each pod carries the moment up to which it has been counted, so
 *   - a tick counts each running pod from its last counted moment to now, once (two windows sharing the store,
 *     or a tick after a reload, cannot count the same minutes twice);
 *   - a wall clock stepped back counts nothing until it passes the last counted moment again (never negative);
 *   - after a suspend (or while VS Code was closed) a pod still running is counted over the gap, once: it ran on
 *     the cloud meanwhile;
 *   - a pod first seen running is counted from its start or create time where known (this month's part only);
 *   - a stopped pod counts nothing and is marked counted up to now, so a later start is not counted from create.
 * Money is kept per account and per currency: dollars, yuan and an unstated currency are never added together.
 * Plain data; every figure it holds is an estimate (price × time).
 */

/** A currency, or 'unstated' for a quote that names none. */
export type MoneyKey = 'USD' | 'CNY' | 'unstated';
export type Amounts = Partial<Record<MoneyKey, number>>;

export interface SpendState {
  /** Pod key (cloud/id) → epoch ms up to which its spend is counted. */
  counted: Record<string, number>;
  /** Start of the day (local) that `today` is for. */
  dayStart: number;
  /** Start of the month (local) that `month` is for. */
  monthStart: number;
  /** Account id → amounts. */
  today: Record<string, Amounts>;
  month: Record<string, Amounts>;
}

export interface SpendObservation {
  /** cloud/id: one pod is one key even when two accounts list it. */
  key: string;
  accountId: string;
  running: boolean;
  /** Undefined: no price is known; the pod waits, uncounted, until one is. */
  cost?: HourlyCost;
  /** When the pod started or was created (epoch ms), where known. */
  since?: number;
}

/** Where days and months begin: the user's local calendar, or a fixed one in tests. */
export interface Calendar {
  dayStart(t: number): number;
  monthStart(t: number): number;
}

export const localCalendar: Calendar = {
  dayStart: (t) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  },
  monthStart: (t) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), 1).getTime();
  },
};

const HOUR_MS = 3_600_000;
/** A pod unseen this long is forgotten (it is gone; its money stays in the totals). */
const FORGET_MS = 35 * 24 * HOUR_MS;

export function emptySpend(now: number, calendar: Calendar = localCalendar): SpendState {
  return { counted: {}, dayStart: calendar.dayStart(now), monthStart: calendar.monthStart(now), today: {}, month: {} };
}

/** Counts what the pods cost since they were last counted, up to `now`. Returns a new state. */
export function accrue(
  previous: SpendState | undefined,
  pods: readonly SpendObservation[],
  now: number,
  calendar: Calendar = localCalendar,
): SpendState {
  const state = structuredClone(previous ?? emptySpend(now, calendar));
  // A new day or month starts its totals at zero; a clock stepped back to an earlier day keeps the later ones.
  if (calendar.dayStart(now) > state.dayStart) {
    state.dayStart = calendar.dayStart(now);
    state.today = {};
  }
  if (calendar.monthStart(now) > state.monthStart) {
    state.monthStart = calendar.monthStart(now);
    state.month = {};
  }
  for (const pod of pods) {
    const last = state.counted[pod.key];
    if (last !== undefined && now <= last) continue; // no time has passed since, or the clock went back
    if (!pod.running) {
      state.counted[pod.key] = now;
      continue;
    }
    if (!pod.cost) continue;
    const from = Math.max(last ?? validSince(pod.since, now) ?? now, state.monthStart);
    state.counted[pod.key] = now;
    if (from >= now) continue;
    const cost = (ms: number) => pod.cost!.amount * (ms / HOUR_MS);
    const money: MoneyKey = pod.cost.currency ?? 'unstated';
    add(state.month, pod.accountId, money, cost(now - from));
    const todayFrom = Math.max(from, state.dayStart);
    if (todayFrom < now) add(state.today, pod.accountId, money, cost(now - todayFrom));
  }
  const seen = new Set(pods.map((p) => p.key));
  for (const [key, at] of Object.entries(state.counted))
    if (!seen.has(key) && now - at > FORGET_MS) delete state.counted[key];
  return state;
}

function validSince(since: number | undefined, now: number): number | undefined {
  return typeof since === 'number' && Number.isFinite(since) && since <= now ? since : undefined;
}

function add(totals: Record<string, Amounts>, accountId: string, money: MoneyKey, amount: number): void {
  if (!(amount > 0)) return;
  const mine = (totals[accountId] ??= {});
  // Kept to a billionth of the unit: minutes added up for a month print no floating-point noise.
  mine[money] = Math.round(((mine[money] ?? 0) + amount) * 1e9) / 1e9;
}

/** The totals that hold at `now`: those of today and this month, or nothing for a day or month not yet counted. */
export function currentSpend(
  state: SpendState | undefined,
  now: number,
  calendar: Calendar = localCalendar,
): { today: Record<string, Amounts>; month: Record<string, Amounts> } {
  if (!state) return { today: {}, month: {} };
  return {
    today: state.dayStart === calendar.dayStart(now) ? state.today : {},
    month: state.monthStart === calendar.monthStart(now) ? state.month : {},
  };
}

/** What global state holds, checked: anything that is not a well-formed state is started afresh. */
export function readSpend(value: unknown): SpendState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!finite(v.dayStart) || !finite(v.monthStart)) return undefined;
  const counted: Record<string, number> = {};
  for (const [k, at] of Object.entries(isRecord(v.counted) ? v.counted : {})) if (finite(at)) counted[k] = at;
  return { counted, dayStart: v.dayStart, monthStart: v.monthStart, today: amounts(v.today), month: amounts(v.month) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function amounts(value: unknown): Record<string, Amounts> {
  const out: Record<string, Amounts> = {};
  if (!isRecord(value)) return out;
  for (const [account, byMoney] of Object.entries(value)) {
    if (!isRecord(byMoney)) continue;
    for (const money of ['USD', 'CNY', 'unstated'] as const) {
      const n = byMoney[money];
      if (typeof n === 'number' && Number.isFinite(n) && n >= 0) (out[account] ??= {})[money] = n;
    }
  }
  return out;
}
