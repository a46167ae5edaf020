// Benchmark figure for documented rate limits (issue 12), in plain Node against the simulator only:
//   peak requests per minute on one Yotta key while 5 pods pause and resume      target ≤ 60 (Yotta's lowest plan)
// It drives the real Yotta provider, the real waitForPod loop of each pod action (one per pod, as the commands
// run it) and the tree's polling (the Poller's rule and AccountData's lists, without VS Code), first on a bare
// per-key semaphore (what the extension did before the KeyGate), then on the account's KeyGate. Every interval
// (poll, wait, the budget's minute, the pods' transitions) is shrunk by one time scale, so a minute of traffic
// takes GPU_PODS_BENCH_TIME_SCALE (default 0.1) of a minute. The simulator's fake pod backend never runs ssh.
import { systemClock } from '../../src/core/clock';
import { Semaphore } from '../../src/core/concurrency';
import { KeyGate } from '../../src/core/keyGate';
import { silentLogger } from '../../src/core/logger';
import { isTransitional, type Pod } from '../../src/core/model';
import type { Provider } from '../../src/core/provider';
import { waitForPod } from '../../src/core/waitForPod';
import { CLOUDS } from '../../src/providers/clouds';
import { createYottaProvider } from '../../src/providers/yotta';
import { createSimulator } from '../simulator';

const SCALE = Number(process.env.GPU_PODS_BENCH_TIME_SCALE ?? 0.1);
const PODS = 5;
const MINUTE = 60_000 * SCALE;
// The extension's own intervals (extension.ts timing, settings defaults, Poller tick), scaled.
const WAIT_INTERVAL_MS = 3_000 * SCALE;
const FAST_POLL_MS = 5_000 * SCALE;
const SLOW_POLL_MS = 60_000 * SCALE;
const TICK_MS = 1_000 * SCALE;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The tree's refresh loop for one account: the Poller's "is it due" rule around AccountData's lists. */
class TreePolling {
  private pods: Pod[] = [];
  private loadedAt = 0;
  private refreshing?: Promise<void>;
  private stopped = false;

  constructor(private readonly provider: Provider) {}

  async run(): Promise<void> {
    await this.refresh();
    while (!this.stopped) {
      await pause(TICK_MS);
      const changing = this.pods.some((p) => isTransitional(p.status) || p.pending);
      const due = Date.now() - this.loadedAt >= (changing ? FAST_POLL_MS : SLOW_POLL_MS);
      if (due && !this.refreshing) void this.refresh();
    }
    await this.refreshing;
  }

  upsert(pod: Pod): void {
    this.pods = [...this.pods.filter((p) => p.id !== pod.id), pod];
  }

  stop(): void {
    this.stopped = true;
  }

  private refresh(): Promise<void> {
    const p = this.provider;
    this.refreshing = Promise.all([p.listPods(), p.volumes?.list(), p.endpoints?.list(), p.vms?.list()])
      .then(([pods]) => void (this.pods = pods))
      .catch(() => undefined) // the tree shows the error and polls again; the figure counts the requests
      .finally(() => {
        this.loadedAt = Date.now();
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}

/** Most requests in any window of one (scaled) minute. */
function peakPerMinute(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= MINUTE) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

interface Outcome {
  peak: number;
  requests: number;
  rateLimited: number;
  minutes: number;
}

async function scenario(limiter: Semaphore): Promise<Outcome> {
  const sim = createSimulator({ timeScale: SCALE });
  const yotta = sim.controls.yotta;
  // The simulator's own 429s count a real minute; the figure is measured here on the scaled one.
  yotta.setBudget(100_000);
  yotta.setDelays({ podPauseMs: 60_000, podStartMs: 90_000 });
  const url = await sim.start(0);
  try {
    const ids = Array.from({ length: PODS }, (_, i) => yotta.addPod({ name: `bench-${i}` }));
    const provider = createYottaProvider(
      { apiKey: 'yk-bench-rate', baseUrls: { base: `${url}/yotta` }, options: {} },
      { logger: silentLogger, limiter, backoffMs: 1_000 * SCALE, timeoutMs: 10_000 },
    );
    const tree = new TreePolling(provider);
    const polling = tree.run();
    await pause(2 * TICK_MS);
    sim.requests.length = 0;
    const started = Date.now();
    // The user pauses all five, then resumes all five: each action waits for its pod as the command does.
    const act = async (id: string, action: 'stop' | 'start', goal: 'stopped' | 'running') => {
      await provider.podAction(id, action);
      await waitForPod((signal) => provider.getPod(id, signal), goal, {
        intervalMs: WAIT_INTERVAL_MS,
        timeoutMs: 20 * MINUTE,
        clock: systemClock,
        onUpdate: (pod) => pod && tree.upsert(pod),
      });
    };
    await Promise.all(ids.map((id) => act(id, 'stop', 'stopped')));
    await Promise.all(ids.map((id) => act(id, 'start', 'running')));
    const minutes = (Date.now() - started) / MINUTE;
    tree.stop();
    await polling;
    const seen = sim.requestsFor('yotta');
    return {
      peak: peakPerMinute(seen.map((r) => r.at)),
      requests: seen.length,
      rateLimited: seen.filter((r) => r.status === 429).length,
      minutes,
    };
  } finally {
    await sim.stop();
  }
}

async function main(): Promise<void> {
  const limit = CLOUDS.yotta.rateLimit;
  console.log(
    `documented rate limits: ${PODS} Yotta pods pause then resume (time scale ${SCALE}: one minute = ${(MINUTE / 1000).toFixed(1)} s)`,
  );
  const before = await scenario(new Semaphore(5));
  const after = await scenario(new KeyGate(limit, { windowMs: MINUTE, clock: systemClock }));
  const line = (name: string, o: Outcome) =>
    `  ${name.padEnd(28)} peak ${String(o.peak).padStart(3)} requests/minute per key, ${o.requests} requests in ${o.minutes.toFixed(1)} min, ${o.rateLimited} answered 429`;
  console.log(line('per-key semaphore only:', before));
  console.log(line('per-key budget (KeyGate):', after));
  const ok = after.peak <= limit.perMinute;
  console.log(
    `  peak requests/minute per key while ${PODS} pods transition: ${after.peak}  (target ≤ ${limit.perMinute}: ${ok ? 'ok' : 'OVER TARGET'})`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
