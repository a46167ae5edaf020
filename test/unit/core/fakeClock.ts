/**
 * Virtual time for rate-limit tests: `sleep` parks until `run` advances the clock to it. `run` lets every
 * promise, fetch and ky step settle before moving the clock to the next timer, so minutes pass in milliseconds.
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
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
