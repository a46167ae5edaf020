// Benchmark figures for utilisation sampling (issues 16 and 22), in plain Node against the simulator and the real sshd:
//   SSH connections opened per pod per hour of sampling (nvidia-smi, GPU Pods' own client)  target 1
//   child processes started per pod per hour of sampling                                    target 0
//   API requests per minute added per pod (cloud-metrics source: Yotta, Novita, NeevCloud)  reported
// An hour of sampling is SAMPLES_PER_HOUR rounds of the real sampler (one per SAMPLE_INTERVAL_MS), run back to
// back: the pool keeps a connection 5 minutes after its last use, which outlasts the real 60 s between rounds,
// so running them faster changes nothing the count depends on. Connections are counted in sshd's own log
// ("Connection from"), child processes by spying on node:child_process.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Semaphore } from '../../src/core/concurrency';
import { silentLogger } from '../../src/core/logger';
import type { Pod } from '../../src/core/model';
import type { Provider } from '../../src/core/provider';
import { PodHostStore } from '../../src/core/ssh/hostEntries';
import { systemClock } from '../../src/core/clock';
import { SshPool } from '../../src/core/ssh/client/pool';
import { nodeProcessRunner, nodeSshFs } from '../../src/core/ssh/io';
import { ensureKeyPair } from '../../src/core/ssh/keys';
import { UtilisationSampler } from '../../src/core/utilisation/sampler';
import { SAMPLE_INTERVAL_MS } from '../../src/core/utilisation/sampling';
import { podSource } from '../../src/core/utilisation/sources';
import { createNeevCloudProvider } from '../../src/providers/neevcloud';
import { createNovitaProvider } from '../../src/providers/novita';
import { createYottaProvider } from '../../src/providers/yotta';
import { createSimulator } from '../simulator';
import { NEEV_SIM_ORG, NEEV_SIM_PROJECT } from '../simulator/neevcloud/data';
import { RealPodBackend } from '../simulator/realBackend';

const SAMPLES_PER_HOUR = 3_600_000 / SAMPLE_INTERVAL_MS;
const PODS = Number(process.env.GPU_PODS_BENCH_SAMPLING_PODS ?? 3);
const deps = { logger: silentLogger, limiter: new Semaphore(5), backoffMs: 5, timeoutMs: 5000 };

/** The sampler's clock: one interval passes between the rounds run back to back. */
let clock = Date.now();

function sampler(pods: Array<{ key: string; pod: Pod }>, source: (pod: Pod) => ReturnType<typeof podSource>) {
  return new UtilisationSampler({
    targets: () => pods.map(({ key, pod }) => ({ key, status: pod.status, source: () => source(pod) })),
    // the rounds are driven by hand below; the sampler's own timer must not add any
    clock: { now: () => clock, setTimeout: () => undefined, clearTimeout: () => undefined },
  });
}

async function anHour(s: UtilisationSampler): Promise<number> {
  s.setDemand('view', 'allRunning');
  await s.round({ onlyUnread: true });
  for (let i = 1; i < SAMPLES_PER_HOUR; i++) {
    clock += SAMPLE_INTERVAL_MS;
    await s.round();
  }
  s.dispose();
  return SAMPLES_PER_HOUR;
}

/** Counts the child processes started (spawn, execFile, exec) until the returned function restores them. */
function countProcesses(): { count: () => number; restore: () => void } {
  const cp = require('node:child_process') as Record<string, unknown>;
  const originals = { spawn: cp.spawn, execFile: cp.execFile, exec: cp.exec } as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  let started = 0;
  for (const name of Object.keys(originals)) {
    cp[name] = (...args: unknown[]) => {
      started++;
      return originals[name](...args);
    };
  }
  return { count: () => started, restore: () => Object.assign(cp, originals) };
}

async function sshConnections(
  pods: number,
): Promise<{ perPodHour: number; processesPerPodHour: number; unavailable: number }> {
  const backend = await RealPodBackend.start({ passwordUser: false });
  const sim = createSimulator({ backend, ledger: false });
  const dir = await fsp.mkdtemp('/tmp/gpupods-bench-');
  const ours = join(dir, 'gpupods');
  const files = { identityFile: join(ours, 'id_ed25519'), knownHostsFile: join(ours, 'known_hosts') };
  const store = new PodHostStore({ fs: nodeSshFs, configPath: join(ours, 'config'), ...files });
  const pool = new SshPool({ fs: nodeSshFs, clock: systemClock });
  try {
    const pair = await ensureKeyPair({ fs: nodeSshFs, runner: nodeProcessRunner }, join(ours, 'id_ed25519'));
    backend.authorizeKey(pair.publicKey);
    const listed: Array<{ key: string; pod: Pod }> = [];
    for (let i = 0; i < pods; i++) {
      const id = `bench-${i}`;
      const pod: Pod = {
        ...{ cloud: 'yotta', kind: 'pod', id, name: `bench ${i}`, status: 'running', rawStatus: 'RUNNING' },
        ...{ ports: [], details: [], ssh: backend.ssh('key', id) },
      };
      sim.gpu.set('yotta', id, {
        kind: 'gpus',
        gpus: [{ name: 'NVIDIA L4', utilizationPct: 10 * i, memoryUsedMiB: 100, memoryTotalMiB: 23034 }],
      });
      await store.ensurePod(pod);
      listed.push({ key: `bench/${id}`, pod });
    }
    const ssh = { entries: () => store.list(), pool: async () => pool, files, noEntry: 'no entry' };
    const log = join(backend.sshd.dir, 'sshd.log');
    const count = async () => ((await fsp.readFile(log, 'utf8')).match(/Connection from /g) ?? []).length;
    const before = await count();
    const s = sampler(listed, (pod) => podSource({}, pod, ssh));
    let unavailable = 0;
    const processes = countProcesses();
    try {
      await anHour(s);
    } finally {
      processes.restore();
    }
    for (const { key } of listed) {
      unavailable += s.history(key).filter((x) => 'unavailable' in x).length;
    }
    const opened = (await count()) - before;
    return { perPodHour: opened / pods, processesPerPodHour: processes.count() / pods, unavailable };
  } finally {
    pool.dispose();
    await backend.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function apiRequests(cloud: 'yotta' | 'neevcloud' | 'novita'): Promise<number> {
  const sim = createSimulator({ ledger: false });
  await sim.start(0);
  try {
    sim.controls.yotta.setBudget(1_000_000);
    let provider: Provider;
    const ids: string[] = [];
    if (cloud === 'yotta') {
      provider = createYottaProvider(
        { apiKey: 'yk-bench', baseUrls: { base: sim.baseUrl('yotta') }, options: {} },
        deps,
      );
      for (let i = 0; i < PODS; i++) ids.push(sim.controls.yotta.addPod({ gpuCount: 2 }));
    } else if (cloud === 'novita') {
      provider = createNovitaProvider(
        { apiKey: 'sk-bench', baseUrls: { base: sim.baseUrl('novita') }, options: {} },
        deps,
      );
      for (let i = 0; i < PODS; i++) ids.push(sim.controls.novita.seedInstance({ gpuNum: 2 }));
    } else {
      provider = createNeevCloudProvider(
        {
          apiKey: 'pat-nc-bench-0123456789',
          baseUrls: { base: `${sim.baseUrl('neevcloud')}/gpu`, inventory: `${sim.baseUrl('neevcloud')}/inventory` },
          options: { orgId: NEEV_SIM_ORG, projectId: NEEV_SIM_PROJECT },
        },
        deps,
      );
      for (let i = 0; i < PODS; i++) ids.push(sim.controls.neevcloud.seedRuntime({ name: `bench-${i}`, gpuCount: 2 }));
    }
    const listed = await Promise.all(
      ids.map(async (id) => ({ key: `bench/${id}`, pod: (await provider.getPod(id))! })),
    );
    sim.requests.length = 0;
    const samples = await anHour(sampler(listed, (pod) => podSource(provider, pod, { unavailable: 'no ssh' })));
    const minutes = (samples * SAMPLE_INTERVAL_MS) / 60_000;
    return sim.requestsFor(cloud).length / PODS / minutes;
  } finally {
    await sim.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    `utilisation sampling: ${SAMPLES_PER_HOUR} samples per pod = one hour at one per ${SAMPLE_INTERVAL_MS / 1000} s`,
  );
  try {
    const on = await sshConnections(PODS);
    const mark = on.perPodHour <= 1 ? 'ok' : 'OVER TARGET';
    const none = on.processesPerPodHour === 0 ? 'ok' : 'OVER TARGET';
    console.log(
      `  SSH (nvidia-smi, GPU Pods' own client): ${on.perPodHour.toFixed(2)} connections opened per pod per hour over ${PODS} pods (target 1: ${mark}); ` +
        `${on.processesPerPodHour.toFixed(2)} child processes per pod per hour (target 0: ${none}); ${on.unavailable} samples unavailable`,
    );
  } catch (e) {
    console.log(`  SSH: no figure (the real sshd cannot run here: ${(e as Error).message})`);
  }
  for (const cloud of ['yotta', 'novita', 'neevcloud'] as const) {
    const perMinute = await apiRequests(cloud);
    console.log(`  API (${cloud} metrics): ${perMinute.toFixed(2)} requests per minute added per pod`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
