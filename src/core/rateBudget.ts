import { type Clock, sleepOn } from './clock';
import { CancelledError } from './errors';

export interface RateBudgetOptions {
  /** Requests allowed in any window. */
  perWindow: number;
  windowMs?: number;
  /**
   * Extra spacing beyond the window: the cloud counts arrivals, we count sends, and network jitter between
   * the two must not turn our 60 into its 61.
   */
  marginMs?: number;
  /** Send times and waits are on this clock. */
  clock: Clock;
}

interface Waiter {
  resolve(): void;
  reject(e: unknown): void;
  signal?: AbortSignal;
  onAbort(): void;
}

/**
 * A sliding-window request budget shared by every client of one API key: at most `perWindow` sends in any
 * window. Requests queue in order and wait for budget instead of failing; a cancelled one leaves the queue.
 * After a 429 the whole key pauses until the cloud's Retry-After has passed.
 */
export class RateBudget {
  readonly perWindow: number;
  readonly windowMs: number;
  private readonly marginMs: number;
  private readonly clock: Clock;
  /** Send times of the last `perWindow` requests, oldest first. */
  private readonly sent: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  /** The one pending wake-up; aborted when nobody waits any more. */
  private timer?: AbortController;

  constructor(options: RateBudgetOptions) {
    this.perWindow = Math.max(1, Math.floor(options.perWindow));
    this.windowMs = options.windowMs ?? 60_000;
    this.marginMs = options.marginMs ?? Math.round(this.windowMs / 60);
    this.clock = options.clock;
  }

  /** Resolves when this request may be sent (and counts it as sent); rejects with CancelledError on abort. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          if (this.queue.length === 0) this.timer?.abort();
          reject(new CancelledError());
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** The cloud said "wait": no request of this key goes out before then. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + Math.max(0, ms));
  }

  /** Milliseconds the key still rests after a 429 (0 when it does not). */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** How long the next request has to wait. */
  private delay(now: number): number {
    while (this.sent.length > this.perWindow) this.sent.shift();
    const full = this.sent.length >= this.perWindow ? this.sent[0] + this.windowMs + this.marginMs - now : 0;
    // A clock stepped back leaves sends "in the future": never wait longer than one window for them.
    return Math.max(0, Math.min(full, this.windowMs + this.marginMs), this.pausedUntil - now);
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const now = this.clock.now();
      const wait = this.delay(now);
      if (wait > 0) {
        const timer = new AbortController();
        this.timer = timer;
        const wake = () => {
          if (this.timer === timer) this.timer = undefined;
          this.pump();
        };
        sleepOn(this.clock, wait, timer.signal).then(wake, wake);
        return;
      }
      const next = this.queue.shift()!;
      next.signal?.removeEventListener('abort', next.onAbort);
      this.sent.push(now);
      next.resolve();
    }
  }
}
