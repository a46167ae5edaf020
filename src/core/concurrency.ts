import { sleepOn, systemClock } from './clock';
import { CancelledError } from './errors';

/** A counting semaphore: caps how many tasks of one API key run at once. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {}

  /** Runs `task` once a slot is free; a signal that aborts while it waits ends the wait with CancelledError. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.hold(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Takes a slot for work that ends elsewhere (an HTTP attempt inside ky); the returned release is idempotent. */
  async hold(signal?: AbortSignal): Promise<() => void> {
    await this.acquire(signal);
    let held = true;
    return () => {
      if (held) this.release();
      held = false;
    };
  }

  /** Tasks running now (for tests and the bench). */
  get running(): number {
    return this.active;
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new CancelledError());
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** Sleep on the system clock that ends early (rejecting) when the signal aborts (cloud code's own waits). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepOn(systemClock, ms, signal);
}
