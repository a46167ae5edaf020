import { Semaphore } from '../../../src/core/concurrency';
import { type Logger, silentLogger } from '../../../src/core/logger';
import type { Pod, PodStatus } from '../../../src/core/model';
import { createNovitaProvider, type NovitaProvider } from '../../../src/providers/novita';
import { Simulator } from '../server';
import { installNovita, type NovitaSimControl } from '.';

export const KEY = 'sk-novita-test';

/** A simulator speaking only Novita, fast clocks, and a provider factory with short backoff. */
export interface NovitaHarness {
  sim: Simulator;
  control: NovitaSimControl;
  provider(key?: string, logger?: Logger): NovitaProvider;
  stop(): Promise<void>;
}

export async function startNovitaHarness(timeScale = 0.02): Promise<NovitaHarness> {
  const sim = new Simulator({ timeScale });
  const control = installNovita(sim);
  await sim.start(0);
  return {
    sim,
    control,
    provider: (key = KEY, logger: Logger = silentLogger) =>
      createNovitaProvider(
        { apiKey: key, baseUrls: { base: sim.baseUrl('novita') }, options: {} },
        { logger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 5000 },
      ),
    stop: () => sim.stop(),
  };
}

/** Polls until the pod reaches `status` (or disappears when status is undefined). */
export async function waitFor(
  p: NovitaProvider,
  id: string,
  status: PodStatus | undefined,
  timeoutMs = 5000,
): Promise<Pod | undefined> {
  const end = Date.now() + timeoutMs;
  let last: Pod | undefined;
  while (Date.now() < end) {
    last = await p.getPod(id);
    if (status === undefined ? last === undefined : last?.status === status) return last;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`pod ${id} did not reach ${status ?? 'gone'}; last ${last?.rawStatus ?? 'gone'}`);
}
