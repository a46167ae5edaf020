import { Semaphore } from '../../../src/core/concurrency';
import { silentLogger } from '../../../src/core/logger';
import type { Provider, ProviderConfig } from '../../../src/core/provider';
import type { ProviderDeps } from '../../../src/providers/deps';
import { createNeevCloudProvider } from '../../../src/providers/neevcloud';
import { NeevCloudApi } from '../../../src/providers/neevcloud/api';
import { Simulator } from '../server';
import { installNeevCloud, type NeevCloudSimControl } from '.';

export const NEEV_TEST_TOKEN = 'pat-nc-test-0123456789';

interface HarnessOverrides {
  apiKey?: string;
  options?: Record<string, string>;
  deps?: Partial<ProviderDeps>;
}

/** A started simulator with NeevCloud installed, and a provider factory with test timings. */
export interface NeevCloudHarness {
  sim: Simulator;
  control: NeevCloudSimControl;
  /** Both base URLs point at the simulator; org/project are the simulator's unless overridden. */
  config(overrides?: { apiKey?: string; options?: Record<string, string> }): ProviderConfig;
  provider(overrides?: HarnessOverrides): Provider;
  /** The API client the provider is built on, for contract tests of single endpoints. */
  api(overrides?: HarnessOverrides): NeevCloudApi;
}

export async function startNeevCloud(timeScale = 0.01): Promise<NeevCloudHarness> {
  const sim = new Simulator({ timeScale });
  const control = installNeevCloud(sim);
  await sim.start(0);
  const config: NeevCloudHarness['config'] = (o = {}) => ({
    apiKey: o.apiKey ?? NEEV_TEST_TOKEN,
    baseUrls: { base: `${sim.baseUrl('neevcloud')}/gpu`, inventory: `${sim.baseUrl('neevcloud')}/inventory` },
    options: o.options ?? { orgId: control.orgId, projectId: control.projectId },
  });
  const deps = (o: HarnessOverrides): ProviderDeps => ({
    logger: silentLogger,
    limiter: new Semaphore(5),
    backoffMs: 5,
    ...o.deps,
  });
  return {
    sim,
    control,
    config,
    provider: (o = {}) => createNeevCloudProvider(config(o), deps(o)),
    api: (o = {}) => new NeevCloudApi(config(o), deps(o)),
  };
}

/** Polls until `check` passes (the simulator's lifecycle runs on scaled real time). */
export async function eventually<T>(fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (check(v)) return v;
    if (Date.now() > until)
      throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
