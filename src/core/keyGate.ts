import type { Clock } from './clock';
import { Semaphore } from './concurrency';
import { RateBudget } from './rateBudget';
import { SecretRedactor } from './secretRedactor';

/** A cloud's documented limits per API key. */
export interface RateLimit {
  /** Requests per minute (the lowest plan's figure where it depends on the plan). */
  perMinute: number;
  /** Operations that change something (create, pause, resume, delete) in flight at once. */
  concurrentOperations: number;
}

export interface KeyGateOptions {
  /** Requests of any kind in flight at once (default 5). */
  concurrentRequests?: number;
  /** The budget's window; the bench shrinks it together with every other interval. */
  windowMs?: number;
  /** The budget's clock (the extension's one clock; a test's virtual one). */
  clock: Clock;
}

/**
 * What every HTTP client of one API key shares: the in-flight cap (it is the `Semaphore` itself, so it goes
 * wherever a limiter goes), the request budget, the operation cap and the account's secret values.
 * One per account, made by ProviderManager and handed to providers as `deps.limiter`.
 */
export class KeyGate extends Semaphore {
  readonly budget: RateBudget;
  readonly operations: Semaphore;
  readonly secrets = new SecretRedactor();

  constructor(
    readonly limit: RateLimit,
    options: KeyGateOptions,
  ) {
    super(options.concurrentRequests ?? 5);
    const windowMs = options.windowMs ?? 60_000;
    this.budget = new RateBudget({ perWindow: limit.perMinute, windowMs, clock: options.clock });
    this.operations = new Semaphore(limit.concurrentOperations);
  }
}
