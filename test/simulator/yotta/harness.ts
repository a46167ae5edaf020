import { Semaphore } from '../../../src/core/concurrency';
import { silentLogger } from '../../../src/core/logger';
import type { ProviderDeps } from '../../../src/providers/deps';
import type { Provider } from '../../../src/core/provider';
import { createYottaProvider } from '../../../src/providers/yotta';
import { Simulator } from '../server';
import { installYotta, type YottaSimControl } from './index';

export const TEST_KEY = 'yk-test-key';

/** A started simulator speaking Yotta only, and a way to build providers against it with test timing. */
export interface YottaHarness {
  sim: Simulator;
  control: YottaSimControl;
  provider(options?: { apiVersion?: 'v1' | 'v2'; deps?: Partial<ProviderDeps>; apiKey?: string }): Provider;
  stop(): Promise<void>;
}

export async function startYotta(timeScale = 0.01): Promise<YottaHarness> {
  const sim = new Simulator({ timeScale });
  const control = installYotta(sim);
  // Tests poll state machines quickly; the documented 60/min budget (lowest plan) is tested where it matters.
  const relaxBudget = () => control.setBudget(100_000);
  relaxBudget();
  sim.onReset(relaxBudget);
  await sim.start(0);
  return {
    sim,
    control,
    provider: ({ apiVersion, deps, apiKey } = {}) =>
      createYottaProvider(
        {
          apiKey: apiKey ?? TEST_KEY,
          baseUrls: { base: sim.baseUrl('yotta') },
          options: apiVersion ? { apiVersion } : {},
        },
        { logger: silentLogger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 2000, ...deps },
      ),
    stop: () => sim.stop(),
  };
}

/** Polls until `check` passes or the time is up (state machines run on scaled real time). */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > end) throw new Error(`condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
