// Benchmark figure for the cross-cloud GPU picker (issue 8), in plain Node against the simulator:
//   1. time to gather every cloud's offers vs the slowest cloud alone      target ≤ 1.2 ×
//   2. offers requests per cloud per cache period (five picker runs)        target 1
// Per-cloud latency is injected with simulator faults (delayMs). Figures are printed; timing never fails it.
import { systemClock } from '../../src/core/clock';
import { Semaphore } from '../../src/core/concurrency';
import { silentLogger } from '../../src/core/logger';
import type { CloudId } from '../../src/core/model';
import { OfferCache, type OfferSource } from '../../src/core/offers';
import type { Provider } from '../../src/core/provider';
import { createGpuGeekProvider } from '../../src/providers/gpugeek';
import { createNeevCloudProvider } from '../../src/providers/neevcloud';
import { createNovitaProvider } from '../../src/providers/novita';
import { createYottaProvider } from '../../src/providers/yotta';
import { createSimulator, type SimControls } from '../simulator';

type Deps = Parameters<typeof createYottaProvider>[1];

/**
 * Every registered cloud, its latency injected through the simulator, and its provider against the simulator at
 * `url`. Keyed by CloudId: a cloud without its line here fails the typecheck (docs/contributing-providers.md).
 */
const BENCH: { [Id in CloudId]: { latencyMs: number; provider(url: string, deps: Deps, c: SimControls): Provider } } = {
  yotta: {
    latencyMs: 250,
    provider: (url, deps) =>
      createYottaProvider({ apiKey: 'yk-bench', baseUrls: { base: `${url}/yotta` }, options: {} }, deps),
  },
  novita: {
    latencyMs: 120,
    provider: (url, deps) =>
      createNovitaProvider({ apiKey: 'nk-bench', baseUrls: { base: `${url}/novita` }, options: {} }, deps),
  },
  gpugeek: {
    latencyMs: 400,
    provider: (url, deps) =>
      createGpuGeekProvider({ apiKey: 'gk-bench', baseUrls: { base: `${url}/gpugeek` }, options: {} }, deps),
  },
  neevcloud: {
    latencyMs: 550,
    provider: (url, deps, c) =>
      createNeevCloudProvider(
        {
          apiKey: 'pat-nc-bench',
          baseUrls: { base: `${url}/neevcloud/gpu`, inventory: `${url}/neevcloud/inventory` },
          options: { orgId: c.neevcloud.orgId, projectId: c.neevcloud.projectId },
        },
        deps,
      ),
  },
};

const RUNS = Number(process.env.GPU_PODS_BENCH_RUNS ?? 5);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const sim = createSimulator({ timeScale: 0.01 });
  sim.controls.yotta.setBudget(100_000);
  const url = await sim.start(0);
  for (const [cloud, { latencyMs }] of Object.entries(BENCH))
    sim.addFault({ cloud: cloud as CloudId, delayMs: latencyMs });
  const deps = () => ({ logger: silentLogger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 10_000 });
  const providers = Object.fromEntries(
    Object.entries(BENCH).map(([cloud, { provider }]) => [cloud, provider(url, deps(), sim.controls)]),
  ) as Record<CloudId, Provider>;
  const sources: OfferSource[] = (Object.keys(providers) as CloudId[]).map((cloud) => ({
    key: cloud,
    cloud,
    where: cloud,
    list: () => providers[cloud].listOffers(),
  }));

  // Each cloud alone (no cache), to know the slowest cloud's own response time.
  const alone: Record<string, number> = {};
  for (const s of sources) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await s.list();
      times.push(performance.now() - t);
    }
    alone[s.cloud] = median(times);
  }
  const slowest = Math.max(...Object.values(alone));

  // The picker's gathering, cold cache each time.
  const together: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cache = new OfferCache(systemClock, 60_000, 10_000);
    const t = performance.now();
    const results = await cache.gather(sources);
    together.push(performance.now() - t);
    const failed = results.filter((r) => r.error);
    if (failed.length) console.log(`  run ${i + 1}: ${failed.map((r) => `${r.source.cloud}: ${r.error}`).join('; ')}`);
  }
  const gathered = median(together);

  // Requests within one cache period: five picker runs on one cache.
  sim.requests.length = 0;
  const cache = new OfferCache(systemClock, 60_000, 10_000);
  for (let i = 0; i < 5; i++) await cache.gather(sources);
  const http = (cloud: string) => sim.requestsFor(cloud).length;

  console.log(
    'cross-cloud offers: per-cloud latency injected (ms):',
    JSON.stringify(Object.fromEntries(Object.entries(BENCH).map(([c, b]) => [c, b.latencyMs]))),
  );
  for (const s of sources) console.log(`  ${s.cloud.padEnd(10)} alone: ${alone[s.cloud].toFixed(0)} ms`);
  const ratio = gathered / slowest;
  console.log(
    `  all ${sources.length} clouds gathered: ${gathered.toFixed(0)} ms (median of ${RUNS}); slowest cloud alone: ${slowest.toFixed(0)} ms`,
  );
  console.log(
    `  picker time / slowest cloud: ${ratio.toFixed(2)} ×  (target ≤ 1.2 ×: ${ratio <= 1.2 ? 'ok' : 'OVER TARGET'})`,
  );
  console.log('  offers calls per cloud in one cache period (5 picker runs), target 1:');
  for (const s of sources) {
    const calls = cache.requests.get(s.key) ?? 0;
    console.log(
      `    ${s.cloud.padEnd(10)} ${calls} listOffers call(s), ${http(s.cloud)} HTTP request(s)  ${calls === 1 ? 'ok' : 'OVER TARGET'}`,
    );
  }
  await sim.stop();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
