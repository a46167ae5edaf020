import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../../../../src/core/logger';
import { Semaphore } from '../../../../src/core/concurrency';
import type { Pod, PodStatus } from '../../../../src/core/model';
import type { Provider } from '../../../../src/core/provider';
import { PodHostStore } from '../../../../src/core/ssh/hostEntries';
import { systemClock } from '../../../../src/core/clock';
import { SshPool } from '../../../../src/core/ssh/client/pool';
import { nodeProcessRunner, nodeSshFs } from '../../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../../src/core/ssh/keys';
import { SAMPLE_INTERVAL_MS } from '../../../../src/core/utilisation/sampling';
import { isUnavailable, type GpuSample, type UnavailableSample } from '../../../../src/core/utilisation/model';
import { UtilisationSampler } from '../../../../src/core/utilisation/sampler';
import { podSource, type SshAccess } from '../../../../src/core/utilisation/sources';
import { createYottaProvider } from '../../../../src/providers/yotta';
import { createSimulator } from '../../../simulator';
import type { GpuReading } from '../../../simulator/gpu';
import { RealPodBackend } from '../../../simulator/realBackend';
import { tempDir } from '../../ssh/helpers';

/** Reports every child process started (spawn, execFile) until the returned function restores them. */
function spyOnProcesses(seen: (what: string) => void): () => void {
  const cp = require('node:child_process') as Record<string, unknown>;
  const originals = { spawn: cp.spawn, execFile: cp.execFile } as Record<string, (...a: unknown[]) => unknown>;
  for (const name of Object.keys(originals)) {
    cp[name] = (...args: unknown[]) => {
      seen(`${name} ${String(args[0])}`);
      return originals[name](...args);
    };
  }
  return () => Object.assign(cp, originals);
}

const GPU = (utilizationPct: number): GpuReading => ({
  name: 'NVIDIA H100 80GB HBM3',
  utilizationPct,
  memoryUsedMiB: 2048,
  memoryTotalMiB: 81559,
});

/** Timers the test fires by hand: what the sampler schedules, and nothing runs on its own. */
class ManualTimers {
  pending: Array<{ fn: () => void; ms: number }> = [];
  set(fn: () => void, ms: number) {
    const t = { fn, ms };
    this.pending.push(t);
    return t;
  }
  clear(handle: unknown) {
    this.pending = this.pending.filter((t) => t !== handle);
  }
}

interface Listed {
  key: string;
  pod: Pod;
}

/**
 * The sampler as the service builds it (targets from the listed pods, sources from podSource), against the
 * simulator: Yotta's metrics API for the cloud-metrics source, the real sshd for nvidia-smi over our entry.
 */
describe('utilisation sampler (simulator-driven)', function () {
  this.timeout(60_000);
  let sim: ReturnType<typeof createSimulator>;
  let backend: RealPodBackend | undefined;
  let yotta: Provider;
  let dir: string;
  let ssh: SshAccess | undefined;
  let pool: SshPool | undefined;
  let store: PodHostStore | undefined;
  let listed: Listed[];
  let timers: ManualTimers;
  /** Child processes started while sampling (spied on child_process itself): there must be none. */
  let processes: string[];
  let restoreSpawn: (() => void) | undefined;
  /** The sampler's clock: a round reads a pod again only once half an interval has passed since its last reading. */
  let clock: number;
  const nextMinute = () => (clock += 60_000);

  before(async () => {
    backend = await RealPodBackend.start({ passwordUser: false }).catch((e: Error) => {
      console.log(`    (SSH cases skipped: sshd cannot start here: ${e.message})`);
      return undefined;
    });
    sim = createSimulator({ ledger: true, timeScale: 0.01, ...(backend && { backend }) });
    await sim.start(0);
    yotta = createYottaProvider(
      { apiKey: 'yk-sampler', baseUrls: { base: sim.baseUrl('yotta') }, options: {} },
      { logger: silentLogger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 2000 },
    );
    dir = await tempDir('gpupods-sampler-');
    if (backend) {
      const ours = join(dir, 'gpupods');
      const pair = await ensureKeyPair({ fs: nodeSshFs, runner: nodeProcessRunner }, join(ours, 'id_ed25519'));
      backend.authorizeKey(pair.publicKey);
      const files = { identityFile: pair.privateKeyPath, knownHostsFile: join(ours, 'known_hosts') };
      store = new PodHostStore({ fs: nodeSshFs, configPath: join(ours, 'config'), ...files });
      const entries = store;
      const window = new SshPool({ fs: nodeSshFs, clock: systemClock });
      pool = window;
      ssh = { entries: () => entries.list(), pool: async () => window, files, noEntry: 'no SSH entry yet' };
    }
    restoreSpawn = spyOnProcesses((what) => processes.push(what));
  });

  after(async () => {
    restoreSpawn?.();
    pool?.dispose();
    await sim?.stop();
    await backend?.stop();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    sim.reset();
    sim.controls.yotta.setBudget(100_000);
    listed = [];
    timers = new ManualTimers();
    processes = [];
    clock = Date.now();
  });

  /** The sampler over `listed`; `over: 'ssh'` reads nvidia-smi (a provider without gpuReadings). */
  function sampler(over: 'metrics' | 'ssh') {
    return new UtilisationSampler({
      targets: () =>
        listed.map(({ key, pod }) => ({
          key,
          status: pod.status,
          source: () => podSource(over === 'metrics' ? yotta : {}, pod, ssh ?? { unavailable: 'no sshd' }),
        })),
      intervalMs: 60_000,
      clock: { now: () => clock, setTimeout: (fn, ms) => timers.set(fn, ms), clearTimeout: (h) => timers.clear(h) },
    });
  }

  async function runningYottaPod(gpus: GpuReading[]): Promise<Listed> {
    const id = sim.controls.yotta.addPod({ gpuType: 'NVIDIA_H100_80G', gpuCount: gpus.length });
    sim.gpu.set('yotta', id, { kind: 'gpus', gpus });
    const pod = (await yotta.getPod(id))!;
    assert.equal(pod.status, 'running');
    const entry = { key: `acct/${id}`, pod };
    listed.push(entry);
    return entry;
  }

  const metricRequests = () => sim.requestsFor('yotta', 'GET').filter((r) => r.path.startsWith('/v2/metrics/'));

  describe('cloud metrics (Yotta)', () => {
    it('the readings set on the pod reach the feed, and a change shows at the next interval', async () => {
      const s = sampler('metrics');
      const { key } = await runningYottaPod([GPU(87), GPU(3)]);
      let changes = 0;
      s.onDidChange(() => changes++);
      s.setDemand('view', 'allRunning');
      await s.round({ onlyUnread: true });
      const first = s.latest(key) as GpuSample;
      assert.equal(first.source, 'cloud-metrics');
      assert.deepEqual(
        first.gpus.map((g) => [g.index, g.utilisationPercent, g.memoryUsedMiB, g.memoryTotalMiB]),
        [
          [0, 87, 2048, 81559],
          [1, 3, 2048, 81559],
        ],
      );
      assert.ok(changes >= 1, 'listeners hear of the new reading');
      assert.equal(timers.pending.length, 1, 'the next round is scheduled');
      assert.equal(timers.pending[0].ms, 60_000);
      sim.gpu.update('yotta', key.split('/')[1], { gpus: [{ utilizationPct: 50 }] });
      nextMinute();
      await s.round();
      assert.equal((s.latest(key) as GpuSample).gpus[0].utilisationPercent, 50);
      assert.equal(s.history(key).length, 2);
      s.dispose();
    });

    it('a GPU whose driver is gone: unavailable with the reason, never a zero', async () => {
      const s = sampler('metrics');
      const { key } = await runningYottaPod([GPU(40)]);
      sim.gpu.update('yotta', key.split('/')[1], { kind: 'smi-fails' });
      s.setDemand('idleRule', [key]);
      await s.round();
      const sample = s.latest(key)!;
      assert.ok(isUnavailable(sample));
      assert.match(sample.unavailable, /no GPU was reported/);
      s.dispose();
    });

    it('a failing metrics API becomes an unavailable sample with the cloud’s reason', async () => {
      const s = sampler('metrics');
      const { key } = await runningYottaPod([GPU(40)]);
      sim.addFault({
        cloud: 'yotta',
        method: 'GET',
        path: /^\/v2\/metrics\//,
        status: 200,
        times: 2,
        body: { code: 10001, message: 'metrics backend down', data: null },
      });
      s.setDemand('view', 'allRunning');
      await s.round();
      const sample = s.latest(key) as UnavailableSample;
      assert.ok(isUnavailable(sample));
      assert.match(sample.unavailable, /metrics backend down/);
      s.dispose();
    });

    it('no demand: no request at all, and no timer; demand off stops the timer', async () => {
      const s = sampler('metrics');
      const { key } = await runningYottaPod([GPU(40)]);
      const before = metricRequests().length;
      await s.round();
      assert.equal(metricRequests().length, before);
      assert.equal(timers.pending.length, 0);
      assert.equal(s.latest(key), undefined);
      s.setDemand('view', 'allRunning');
      await s.round({ onlyUnread: true });
      assert.equal(timers.pending.length, 1);
      s.setDemand('view', []);
      assert.equal(timers.pending.length, 0, 'hidden view, no armed rule: sampling stops');
      s.dispose();
    });

    it('showing the view again soon after hiding it reads nothing again; a minute later it does', async () => {
      const s = sampler('metrics');
      const { key } = await runningYottaPod([GPU(40)]);
      s.setDemand('view', 'allRunning');
      await s.round({ onlyUnread: true });
      const asked = metricRequests().length;
      s.setDemand('view', []);
      s.setDemand('view', 'allRunning');
      await s.round({ onlyUnread: true });
      await s.round();
      assert.equal(metricRequests().length, asked, 'the reading is still fresh');
      nextMinute();
      await s.round();
      assert.equal(metricRequests().length, 2 * asked);
      assert.equal(s.history(key).length, 2);
      s.dispose();
    });

    it('a stopped pod is never read; an idle rule reads only its own pods', async () => {
      const s = sampler('metrics');
      const a = await runningYottaPod([GPU(10)]);
      const b = await runningYottaPod([GPU(20)]);
      listed.push({ key: 'acct/stopped', pod: { ...a.pod, id: '424242', status: 'stopped' as PodStatus } });
      s.setDemand('idleRule', [b.key, 'acct/stopped']);
      await s.round();
      assert.equal(s.latest(a.key), undefined, 'not armed, view hidden');
      assert.ok(s.latest(b.key));
      assert.equal(s.latest('acct/stopped'), undefined);
      assert.ok(
        metricRequests().every((r) => !r.path.includes('/424242')),
        'nothing was asked about the stopped pod',
      );
      s.dispose();
    });

    it('a pod that stops or goes has its readings forgotten', async () => {
      const s = sampler('metrics');
      const a = await runningYottaPod([GPU(10)]);
      const b = await runningYottaPod([GPU(20)]);
      s.setDemand('view', 'allRunning');
      await s.round();
      assert.ok(s.latest(a.key) && s.latest(b.key));
      listed = [{ ...b, pod: { ...b.pod, status: 'stopped' } }];
      s.podsChanged();
      assert.equal(s.latest(a.key), undefined, 'gone');
      assert.equal(s.latest(b.key), undefined, 'stopped');
      s.dispose();
    });
  });

  describe('nvidia-smi over our ssh entry (real sshd)', () => {
    before(function () {
      if (!ssh) this.skip();
    });

    async function withEntry(gpus: GpuReading[]): Promise<Listed> {
      const entry = await runningYottaPod(gpus);
      await store!.ensurePod(entry.pod);
      return entry;
    }

    it('the readings set on the pod reach the feed as an nvidia-smi sample', async () => {
      const s = sampler('ssh');
      const { key } = await withEntry([GPU(77)]);
      s.setDemand('view', 'allRunning');
      await s.round();
      const sample = s.latest(key) as GpuSample;
      assert.equal(sample.source, 'nvidia-smi');
      assert.deepEqual(sample.gpus, [
        { index: 0, name: 'NVIDIA H100 80GB HBM3', utilisationPercent: 77, memoryUsedMiB: 2048, memoryTotalMiB: 81559 },
      ]);
      s.dispose();
    });

    it('an unreachable pod and a failing nvidia-smi are unavailable, each with its reason', async () => {
      const s = sampler('ssh');
      const { key } = await withEntry([GPU(77)]);
      const id = key.split('/')[1];
      s.setDemand('view', 'allRunning');
      sim.gpu.update('yotta', id, { kind: 'smi-fails' });
      await s.round();
      assert.match((s.latest(key) as UnavailableSample).unavailable, /GPU driver is not answering/);
      sim.gpu.update('yotta', id, { kind: 'unreachable' });
      nextMinute();
      await s.round();
      assert.match((s.latest(key) as UnavailableSample).unavailable, /cannot be reached over SSH/);
      s.dispose();
    });

    it('an hour of samples (one a minute) uses one SSH connection and starts no process', async () => {
      const s = sampler('ssh');
      const { key } = await withEntry([GPU(64)]);
      const opened = pool!.opened;
      s.setDemand('view', 'allRunning');
      await s.round({ onlyUnread: true });
      for (let i = 1; i < 3_600_000 / SAMPLE_INTERVAL_MS; i++) {
        clock += SAMPLE_INTERVAL_MS;
        await s.round();
      }
      assert.equal(s.history(key).filter((x) => !isUnavailable(x)).length, s.history(key).length);
      assert.equal((s.latest(key) as GpuSample).gpus[0].utilisationPercent, 64);
      assert.equal(pool!.opened - opened, 1, 'one connection for the hour');
      assert.deepEqual(processes, [], 'no ssh child, no ControlMaster');
      s.dispose();
    });

    it('a pod without an entry is not connected to: unavailable, and nothing is opened', async () => {
      const s = sampler('ssh');
      const { key } = await runningYottaPod([GPU(5)]);
      const opened = pool!.opened;
      s.setDemand('view', 'allRunning');
      await s.round();
      assert.equal((s.latest(key) as UnavailableSample).unavailable, 'no SSH entry yet');
      assert.equal(pool!.opened, opened);
      assert.deepEqual(processes, []);
      s.dispose();
    });

    it("where the user's config sends the pod through a proxy, our client steps aside and the sample says why", async () => {
      const s = new UtilisationSampler({
        targets: () =>
          listed.map(({ key, pod }) => ({
            key,
            status: pod.status,
            source: () =>
              podSource({}, pod, {
                ...ssh!,
                stepsAside: async () => 'your SSH config sends this pod through ProxyJump',
              }),
          })),
        intervalMs: 60_000,
        clock: { now: () => clock, setTimeout: (fn, ms) => timers.set(fn, ms), clearTimeout: (h) => timers.clear(h) },
      });
      const { key } = await withEntry([GPU(5)]);
      const opened = pool!.opened;
      s.setDemand('view', 'allRunning');
      await s.round();
      assert.match((s.latest(key) as UnavailableSample).unavailable, /ProxyJump/);
      assert.equal(pool!.opened, opened, 'not connected to');
      s.dispose();
    });

    it('no demand, or a stopped pod: nothing is opened', async () => {
      const s = sampler('ssh');
      const { key, pod } = await withEntry([GPU(5)]);
      const opened = pool!.opened;
      await s.round();
      listed = [{ key, pod: { ...pod, status: 'stopped' } }];
      s.setDemand('view', 'allRunning');
      await s.round();
      assert.equal(pool!.opened, opened);
      assert.equal(s.latest(key), undefined);
      s.dispose();
    });
  });
});
