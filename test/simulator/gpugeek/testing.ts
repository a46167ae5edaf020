import { Semaphore } from '../../../src/core/concurrency';
import { silentLogger } from '../../../src/core/logger';
import type { Provider } from '../../../src/core/provider';
import { createGpuGeekProvider } from '../../../src/providers/gpugeek';
import type { ProviderDeps } from '../../../src/providers/deps';
import { Simulator } from '../server';
import { installGpuGeek, type GpuGeekSimControl } from '.';

/** A started simulator with GPUGeek installed, and a provider factory with test timings. */
export interface GpuGeekHarness {
  sim: Simulator;
  control: GpuGeekSimControl;
  provider(overrides?: Partial<ProviderDeps>, apiKey?: string): Provider;
}

/** `ledger: false` for strictness tests that send requests GPUGeek refuses on purpose. */
export async function startGpuGeek(options: { ledger?: boolean } = {}): Promise<GpuGeekHarness> {
  const sim = new Simulator({ timeScale: 0.01, ledger: options.ledger });
  const control = installGpuGeek(sim);
  await sim.start(0);
  return {
    sim,
    control,
    provider: (overrides = {}, apiKey = 'gg-test-token') =>
      createGpuGeekProvider(
        { apiKey, baseUrls: { base: sim.baseUrl('gpugeek') }, options: {} },
        {
          logger: silentLogger,
          limiter: new Semaphore(5),
          operationPollMs: 10,
          operationTimeoutMs: 2000,
          backoffMs: 5,
          ...overrides,
        },
      ),
  };
}
