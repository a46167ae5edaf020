/**
 * Virtual time for rate-limit tests: `sleep` parks until `run` advances the clock to it. `run` lets every
 * promise, fetch and ky step settle before moving the clock to the next timer, so minutes pass in milliseconds.
 * While `run` drives, the global setTimeout/clearTimeout are on the clock too: ky waits Retry-After, backs off
 * and times out with them.
 */
export class FakeClock {
  private time = 0;
  private timers: Array<{ at: number; resolve(): void }> = [];

  readonly now = (): number => this.time;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const timer = {
        at: this.time + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });

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
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (!next) {
        if (++idle > 50) throw new Error('FakeClock: work is stuck with no timer to advance to');
        continue;
      }
      idle = 0;
      this.time = Math.max(this.time, next.at);
      for (const t of this.timers.filter((x) => x.at <= this.time)) {
        this.timers = this.timers.filter((x) => x !== t);
        t.resolve();
      }
    }
    return done;
  }

  private takeOverTimers(): () => void {
    const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const fake = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer = { at: this.time + Math.max(0, ms ?? 0), resolve: () => fn(...args), ...INERT_HANDLE };
      this.timers.push(timer);
      return timer;
    };
    globalThis.setTimeout = fake as unknown as typeof setTimeout;
    globalThis.clearTimeout = ((handle: unknown) => {
      if (this.timers.includes(handle as FakeClock['timers'][number]))
        this.timers = this.timers.filter((t) => t !== handle);
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
