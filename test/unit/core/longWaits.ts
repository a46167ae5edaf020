/**
 * ky waits between attempts with the global setTimeout (its utils/delay module), so a test against the
 * simulator that must see the client wait out a minute-long Retry-After fast-forwards exactly those waits:
 * they fire at once and their lengths are recorded. Every other timer (ky's request timeout, the simulator's,
 * Node's own) runs as usual.
 */
export async function fastForwardKyWaits<T>(work: () => Promise<T>): Promise<{ result: T; waits: number[] }> {
  const real = globalThis.setTimeout;
  const waits: number[] = [];
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const kyWait = /[\\/]ky[\\/]distribution[\\/]utils[\\/]delay\.js/.test(new Error().stack ?? '');
    if (kyWait) waits.push(ms ?? 0);
    return real(fn, kyWait ? 0 : ms, ...args);
  }) as typeof setTimeout;
  try {
    return { result: await work(), waits };
  } finally {
    globalThis.setTimeout = real;
  }
}
