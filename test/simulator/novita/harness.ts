import { Semaphore } from '../../../src/core/concurrency';
import { type Logger, silentLogger } from '../../../src/core/logger';
import type { Pod, PodStatus } from '../../../src/core/model';
import type { Provider, ProviderConfig } from '../../../src/core/provider';
import type { ProviderDeps } from '../../../src/providers/deps';
import { createNovitaProvider } from '../../../src/providers/novita';
import { NovitaApi } from '../../../src/providers/novita/api';
import { Simulator } from '../server';
import { installNovita, type NovitaSimControl } from '.';

export const KEY = 'sk-novita-test';

/** A simulator speaking only Novita, fast clocks, and a provider factory with short backoff. */
export interface NovitaHarness {
  sim: Simulator;
  control: NovitaSimControl;
  provider(key?: string, logger?: Logger): Provider;
  /** The API client the provider is built on, for contract tests of single endpoints. */
  api(key?: string): NovitaApi;
  stop(): Promise<void>;
}

export async function startNovitaHarness(timeScale = 0.02): Promise<NovitaHarness> {
  const sim = new Simulator({ timeScale });
  const control = installNovita(sim);
  await sim.start(0);
  const config = (apiKey: string): ProviderConfig => ({
    apiKey,
    baseUrls: { base: sim.baseUrl('novita') },
    options: {},
  });
  const deps = (logger: Logger): ProviderDeps => ({ logger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 5000 });
  return {
    sim,
    control,
    provider: (key = KEY, logger: Logger = silentLogger) => createNovitaProvider(config(key), deps(logger)),
    api: (key = KEY) => new NovitaApi(config(key), deps(silentLogger)),
    stop: () => sim.stop(),
  };
}

/** Polls until the pod reaches `status` (or disappears when status is undefined). */
export async function waitFor(
  p: Provider,
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
