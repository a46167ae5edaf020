import { type Clock, sleepOn } from './clock';
import { CancelledError, TimeoutError } from './errors';

export interface UntilReadyOptions {
  signal?: AbortSignal;
  /** The wait between two tries. */
  intervalMs: number;
  /** How long to keep trying before giving up with a TimeoutError. */
  timeoutMs: number;
  clock: Clock;
}

/**
 * Tries `attempt` until it gives a value (undefined: "not yet", e.g. SSH does not answer yet on a pod that has
 * just started), one try every `intervalMs`. An error of `attempt` ends it at once; after `timeoutMs` of trying it
 * ends with a TimeoutError whose sentence is `stillWaiting()` (read then, so it can name the last reason).
 */
export async function untilReady<T>(
  attempt: (signal?: AbortSignal) => Promise<T | undefined>,
  options: UntilReadyOptions,
  stillWaiting: () => string,
): Promise<T> {
  const { clock } = options;
  // Added up try by try, like waitForPod: a clock stepped back mid-wait cannot stretch it.
  let waited = 0;
  for (;;) {
    const triedAt = clock.now();
    if (options.signal?.aborted) throw new CancelledError();
    const value = await attempt(options.signal);
    if (value !== undefined) return value;
    if (waited >= options.timeoutMs) throw new TimeoutError(stillWaiting());
    try {
      await sleepOn(clock, options.intervalMs, options.signal);
    } catch {
      throw new CancelledError();
    }
    waited += Math.max(options.intervalMs, clock.now() - triedAt);
  }
}
