/**
 * Time as a dependency: everything that reads the time or waits takes a Clock at construction, so tests step
 * it (forward, back, across a suspend) instead of waiting. This file is the only place in src/core,
 * src/services, src/views, src/commands and src/ itself that may touch `Date.now`, `setTimeout` and friends
 * (an ESLint rule says so); the composition root hands `systemClock` to everything.
 *
 * `now()` is the wall clock (epoch ms): what due times are stored in, so they survive a reload. It can step
 * back (NTP, a restored VM snapshot) and jump forward (a sleeping laptop). Timers are not tied to it: a timer
 * waits its milliseconds of running time, so after a sleep it fires late in wall time, and a step of the wall
 * clock neither fires nor holds it. Code that acts at a wall-clock moment re-reads `now()` when it wakes.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Waits `ms` on the clock; ends early (rejecting with the signal's reason) when the signal aborts. */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts after `ms` on the clock (AbortSignal.timeout reads the system's time). */
export function timeoutSignal(clock: Clock, ms: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = clock.setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    ms,
  );
  return { signal: controller.signal, dispose: () => clock.clearTimeout(timer) };
}

/** Calls `fn` every `ms` on the clock until disposed (setInterval on the clock). */
export function every(clock: Clock, ms: number, fn: () => void): { dispose(): void } {
  let timer: unknown;
  const tick = () => {
    timer = clock.setTimeout(tick, ms);
    fn();
  };
  timer = clock.setTimeout(tick, ms);
  return { dispose: () => clock.clearTimeout(timer) };
}
