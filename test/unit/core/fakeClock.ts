import type { Clock } from '../../../src/core/clock';

interface Timer {
  /** Running time (not wall time) at which it fires. */
  due: number;
  seq: number;
  fire(): void;
}

/**
 * Virtual time for tests, a `Clock` the code under test is built with. Like the system's, it has two
 * times: the wall clock `now()` (what due times are stored in) and the running time timers wait on. So a
 * test can
 *   - `advance(ms)`: time passes; every timer due on the way fires in order, promises settling in between;
 *   - `stepBack(ms)` / `stepForward(ms)`: the wall clock is set (NTP, a restored snapshot); no timer fires
 *     and none is held: each still waits its remaining running time;
 *   - `suspend(ms)`: the laptop sleeps: the wall clock jumps ahead, nothing fires in between, and every
 *     pending timer fires its remaining running time after the wake-up (as Node's timers do).
 * `run(work)` drives time until `work` settles (minutes pass in milliseconds); while it runs, the global
 * setTimeout/clearTimeout are on this clock too, so ky's Retry-After waits, back-offs and timeouts are.
 */
export class FakeClock implements Clock {
  private wall: number;
  private running = 0;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.wall = start;
  }

  readonly now = (): number => this.wall;

  readonly setTimeout = (fn: () => void, ms: number): unknown => {
    const timer: Timer = { due: this.running + Math.max(0, ms || 0), seq: this.seq++, fire: fn };
    this.timers.push(timer);
    return timer;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t !== handle);
  };

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const onAbort = () => {
        this.clearTimeout(timer);
        reject(new Error('aborted'));
      };
      const timer = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  /** Timers waiting now. */
  get pending(): number {
    return this.timers.length;
  }

  /** Lets `ms` of time pass: due timers fire in order, with promises settled before and after each. */
  async advance(ms: number): Promise<void> {
    const until = this.running + ms;
    for (;;) {
      await settle();
      const next = this.next();
      if (!next || next.due > until) break;
      this.fire(next);
    }
    this.move(until - this.running);
    await settle();
  }

  /** The wall clock is set back by `ms` (timers keep waiting their running time). */
  stepBack(ms: number): void {
    this.wall -= ms;
  }

  /** The wall clock is set ahead by `ms`, with no time passing for the timers. */
  stepForward(ms: number): void {
    this.wall += ms;
  }

  /** The computer sleeps for `ms`: the wall clock jumps ahead and nothing fires while it sleeps. */
  suspend(ms: number): void {
    this.stepForward(ms);
  }

  /** Drives virtual time until `work` settles; fails when nothing is left to wake and it still has not. */
  async run<T>(work: Promise<T>): Promise<T> {
    const restore = this.takeOverTimers();
    try {
      return await this.drive(work);
    } finally {
      restore();
    }
  }

  private async drive<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => (settled = true));
    done.catch(() => undefined);
    for (let idle = 0; !settled;) {
      await settle();
      if (settled) break;
      const next = this.next();
      if (!next) {
        if (++idle > 50) throw new Error('FakeClock: work is stuck with no timer to advance to');
        continue;
      }
      idle = 0;
      this.fire(next);
    }
    return done;
  }

  private next(): Timer | undefined {
    return this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
  }

  private fire(timer: Timer): void {
    this.move(Math.max(0, timer.due - this.running));
    this.timers = this.timers.filter((t) => t !== timer);
    timer.fire();
  }

  private move(ms: number): void {
    this.running += ms;
    this.wall += ms;
  }

  private takeOverTimers(): () => void {
    const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const fake = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) =>
      Object.assign(this.setTimeout(() => fn(...args), ms ?? 0) as Timer, INERT_HANDLE);
    globalThis.setTimeout = fake as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((handle: unknown) => {
      if (this.timers.includes(handle as Timer)) this.clearTimeout(handle);
      else real.clearTimeout(handle as NodeJS.Timeout);
    }) as typeof clearTimeout;
    return () => Object.assign(globalThis, real);
  }
}

/** What callers may do with a Node timer handle: nothing of it matters on virtual time. */
const INERT_HANDLE = {
  ref() {
    return this;
  },
  unref() {
    return this;
  },
  hasRef: () => true,
};

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
