import type { CloudRouter } from '../server';
import type { SimInstance } from './data';
import type { NovitaState } from './state';

/** 1/10,000 USD: the billing API's unit ("10000 = $1.00", basic-get-user-balance). */
const UNITS_PER_USD = 10_000;
/** Instance prices are 1/100,000 USD per hour: ten of them make one balance unit. */
const PRICE_UNITS_PER_BALANCE_UNIT = 10;
const HOUR_MS = 3_600_000;

/**
 * The simulated account's balance (GET /billing/balance/detail, basic-get-user-balance), drained as its
 * instances run: GPU instances bill per second while running (novitalabs/novita-skills gpu-guide.md, "Per-second
 * billing: Pay only for running time"), at the instance's `instancePrice`. Charges take the top-up (`cashBalance`)
 * first, then run up what is owed (`outstandingInvoices`) within the credit line (`creditLimit`);
 * `availableBalance` is cash plus credit line less what is owed, so it reaches zero when the credit is used up.
 * What Novita does to running instances then is not published: the simulator leaves them running.
 *
 * The meter runs on the simulated cloud's own clock: the system's time plus whatever a test moved it on
 * (`advance`), never GPU Pods' clock. It is read before every Novita request, so an instance is charged for the
 * time it ran up to the request that stopped it (to within the time between two requests).
 */
export class NovitaBalance {
  /** The documented example: 800000 cash + 200000 credit line = 1000000 ($100.00) available. */
  private cash = 800_000;
  private creditLimit = 200_000;
  private owed = 0;
  private offsetMs = 0;
  private meteredAt = Date.now();

  constructor(private readonly instances: () => Iterable<SimInstance>) {}

  /** The cloud's time (epoch ms). */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Charges every running instance for the time since the last charge. */
  meter(): void {
    const now = this.now();
    const hours = Math.max(0, now - this.meteredAt) / HOUR_MS;
    this.meteredAt = now;
    let units = 0;
    for (const i of this.instances())
      if (i.status === 'running') units += (i.instancePrice / PRICE_UNITS_PER_BALANCE_UNIT) * hours;
    const fromCash = Math.min(Math.max(0, this.cash), units);
    this.cash -= fromCash;
    this.owed += units - fromCash;
  }

  /** The cloud's clock moves on by `ms` (the instances run that long). */
  advance(ms: number): void {
    this.meter();
    this.offsetMs += ms;
    this.meter();
  }

  /** A top-up to exactly this much cash (USD), nothing owed; `creditLimitUsd` sets the credit line. */
  set(cashUsd: number, creditLimitUsd = 0): void {
    this.meter();
    this.cash = cashUsd * UNITS_PER_USD;
    this.creditLimit = creditLimitUsd * UNITS_PER_USD;
    this.owed = 0;
  }

  /** What can still be spent, in USD (after charging up to now). */
  availableUsd(): number {
    this.meter();
    return this.available() / UNITS_PER_USD;
  }

  reset(): void {
    this.cash = 800_000;
    this.creditLimit = 200_000;
    this.owed = 0;
    this.offsetMs = 0;
    this.meteredAt = Date.now();
  }

  private available(): number {
    return this.cash + this.creditLimit - this.owed;
  }

  /** The documented answer: every amount a string of whole units. */
  answer(): Record<string, string> {
    this.meter();
    const whole = (units: number) => String(Math.floor(units));
    return {
      availableBalance: whole(this.available()),
      cashBalance: whole(this.cash),
      creditLimit: whole(this.creditLimit),
      // "Currently defaults to 0."
      pendingCharges: '0',
      outstandingInvoices: String(Math.ceil(this.owed)),
    };
  }
}

/** The balance route, and the meter read before every other Novita route. */
export function installBalance(r: CloudRouter, s: NovitaState): NovitaBalance {
  const balance = new NovitaBalance(() => s.instances.values());
  r.get('/billing/balance/detail', () => ({ body: balance.answer() }));
  for (const route of r.routes) {
    const handler = route.handler;
    route.handler = (req) => {
      balance.meter();
      return handler(req);
    };
  }
  return balance;
}
