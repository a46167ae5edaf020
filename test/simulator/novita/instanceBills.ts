import type { CloudRouter } from '../server';
import type { SimInstance } from './data';
import { bad, type NovitaState } from './state';

/**
 * Novita's usage-based bills (spec: billSpec.ts, api-reference/basic-query-usage-based-billing), growing while
 * simulated instances run: an instance bills its `instancePrice` (1/100000 USD per hour, as the products
 * list it) for every moment its status is `running`, and nothing while it is stopped; its bills outlive it.
 * Amounts are kept and answered in 1/10,000 USD, the unit of Novita's billing answers.
 *
 * Every instance is watched from the moment it enters the account (create or seed): its status changes are
 * timed as they happen, so no state machine needs to report them. One that enters already running (a seed)
 * has run since its `createdAt`.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Hour start (epoch ms) → 1/10,000 USD, per instance. */
type Buckets = Map<number, number>;

interface Watched {
  inst: SimInstance;
  /** Since when it runs (epoch ms), while it does. */
  runningSince?: number;
  hours: Buckets;
}

export interface NovitaBillsControl {
  /** The simulated time bills are counted on (default the system's), so a test can let hours pass. */
  setClock(now: () => number): void;
  /** What the instance has been billed so far, in 1/10,000 USD. */
  billedUnits(id: string): number;
}

export function installInstanceBills(r: CloudRouter, s: NovitaState): NovitaBillsControl {
  let now = () => Date.now();
  const watched = new Map<string, Watched>();

  const accrue = (w: Watched, until: number) => {
    const since = w.runningSince;
    if (since === undefined || until <= since) return;
    // 1/100000 USD per hour → 1/10,000 USD per ms.
    const perMs = w.inst.instancePrice / 10 / HOUR_MS;
    for (let t = since; t < until;) {
      const hour = Math.floor(t / HOUR_MS) * HOUR_MS;
      const end = Math.min(until, hour + HOUR_MS);
      w.hours.set(hour, (w.hours.get(hour) ?? 0) + (end - t) * perMs);
      t = end;
    }
    w.runningSince = until;
  };

  const watch = (inst: SimInstance) => {
    const previous = watched.get(inst.id);
    const w: Watched = { inst, hours: previous?.hours ?? new Map() };
    watched.set(inst.id, w);
    let status = inst.status;
    if (status === 'running') w.runningSince = Math.min(now(), inst.createdAt * 1000);
    Object.defineProperty(inst, 'status', {
      enumerable: true,
      configurable: true,
      get: () => status,
      set(next: string) {
        const at = now();
        if (status === 'running' && next !== 'running') {
          accrue(w, at);
          w.runningSince = undefined;
        } else if (status !== 'running' && next === 'running') w.runningSince = at;
        status = next;
      },
    });
  };

  // Every instance enters the account through this map (the create route and the seed control).
  const set = s.instances.set.bind(s.instances);
  s.instances.set = (id, inst) => {
    watch(inst);
    return set(id, inst);
  };
  s.sim.onReset(() => watched.clear());

  /** Each watched instance's hours, counted up to now. */
  const hoursOf = (id: string): Buckets | undefined => {
    const w = watched.get(id);
    if (w) accrue(w, now());
    return w?.hours;
  };

  r.get('/billing/bill/list', (req) => {
    const q = req.query;
    const seconds = (name: string) => {
      const v = q.get(name);
      return v === null || v === '' ? 0 : Number(v);
    };
    const start = seconds('startTime') * 1000;
    const end = seconds('endTime') * 1000;
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0 || end < 0)
      return bad('VALIDATOR_PARAM', 'invalid parameter: startTime/endTime');
    // "Keep each query range within 31 days": a longer one is refused (decision in billSpec.ts).
    if (start > 0 && end > 0 && end - start > 31 * DAY_MS)
      return bad('VALIDATOR_PARAM', 'the query range must be within 31 days');
    const cycle = q.get('cycleType') ?? 'Day';
    // Only GPU instances bill here; other categories hold nothing in this account.
    if (q.get('productCategory') !== 'gpu') return { body: { bills: [] } };
    const owner = q.get('ownerId');
    const bills: Array<Record<string, unknown>> = [];
    for (const [id, w] of watched) {
      if (owner && id !== owner) continue;
      for (const [from, units] of cycles(hoursOf(id)!, cycle)) {
        const to = cycleEnd(from, cycle);
        if ((end > 0 && from >= end) || (start > 0 && to <= start)) continue;
        bills.push(billJson(w.inst, from, to, units));
      }
    }
    return { body: { bills } };
  });

  return {
    setClock(fn) {
      for (const w of watched.values()) accrue(w, now());
      now = fn;
      for (const w of watched.values()) if (w.runningSince !== undefined) w.runningSince = now();
    },
    billedUnits: (id) => [...(hoursOf(id)?.values() ?? [])].reduce((a, b) => a + b, 0),
  };
}

/** Hour buckets gathered into the asked cycle (UTC days, ISO weeks from Monday, calendar months). */
function cycles(hours: Buckets, cycle: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const [hour, units] of hours) {
    const key = cycleStart(hour, cycle);
    out.set(key, (out.get(key) ?? 0) + units);
  }
  return out;
}

function cycleStart(t: number, cycle: string): number {
  const d = new Date(t);
  switch (cycle) {
    case 'Hour':
      return Math.floor(t / HOUR_MS) * HOUR_MS;
    case 'Week': {
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      return day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    }
    case 'Month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    default:
      return Math.floor(t / DAY_MS) * DAY_MS;
  }
}

function cycleEnd(start: number, cycle: string): number {
  const d = new Date(start);
  switch (cycle) {
    case 'Hour':
      return start + HOUR_MS;
    case 'Week':
      return start + 7 * DAY_MS;
    case 'Month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    default:
      return start + DAY_MS;
  }
}

/** One bill as the reference's example writes it: numbers as strings, end time the cycle's last second. */
function billJson(inst: SimInstance, from: number, to: number, units: number): Record<string, unknown> {
  const amount = String(Math.round(units));
  const hours = units / (inst.instancePrice / 10 || 1);
  return {
    userId: 'user-sim',
    startTime: String(from / 1000),
    endTime: String(to / 1000 - 1),
    billingMethod: 1,
    productName: inst.productName,
    category: 'gpu',
    ownerID: inst.id,
    billNum0: (hours * inst.gpuNum).toFixed(4),
    billNum1: '0',
    basePrice0: String(Math.round(inst.instancePrice / 10 / Math.max(1, inst.gpuNum))),
    basePrice1: '0',
    discountPrice0: String(Math.round(inst.instancePrice / 10 / Math.max(1, inst.gpuNum))),
    discountPrice1: '0',
    amount,
    voucherAmount: '0',
    payAmount: amount,
    payAmountDisplay: Math.round(units) / 10_000,
    pricePrecision: 1,
    productId: inst.productId,
  };
}
