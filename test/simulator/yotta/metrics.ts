import type { GpuReading } from '../gpu';
import type { Simulator } from '../server';
import { invalid, ok, podNotFound, wrap } from './common';
import { METRIC_STEPS } from './spec';
import type { PodUsage, SimPod, YottaState } from './state';

const HOUR = 3_600_000;
const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/** A running pod's CPU, memory and storage unless a test set them: light use of a 32 GB pod and its container disk. */
function usageOf(pod: SimPod): PodUsage {
  return {
    cpuRatio: 0.12,
    memoryUsedBytes: 9.6 * GIB,
    memoryTotalBytes: 32 * GIB,
    storageUsedBytes: 4.2 * GIB,
    storageTotalBytes: pod.containerVolumeInGb * GIB,
    ...pod.usage,
  };
}

/**
 * GET /v2/metrics/gpu/pods/{pod_id} and …/memory (spec.ts "metrics.*"), answered from the pod's GPU readings
 * (sim.gpu). Yotta samples on its own monitoring, not over the pod's network: an unreachable pod still has
 * metrics; a pod whose driver is gone (nvidia-smi fails) has none, nor has a pod that is not running.
 */
export function installMetricRoutes(sim: Simulator, state: YottaState): void {
  const r = sim.router('yotta');
  const w = (h: Parameters<typeof wrap>[2]) => wrap(sim, state, h);

  r.get(
    '/v2/metrics/gpu/pods/:id',
    w((req) => {
      const m = samples(sim, state, req.params.id, req.query);
      const series = m.gpus.map((g, i) => ({
        labels: { pod_id: req.params.id, gpu_show_index: String(i) },
        data_points: g.utilizationPct === null ? [] : m.times.map((t) => ({ timestamp: t, value: g.utilizationPct })),
      }));
      return ok({ metric_name: 'gpu_utilization', series });
    }),
  );

  r.get(
    '/v2/metrics/gpu/pods/:id/memory',
    w((req) => {
      const m = samples(sim, state, req.params.id, req.query);
      const series = m.gpus.map((g, i) => ({
        labels: { pod_id: req.params.id, gpu_show_index: String(i) },
        data_points:
          g.memoryUsedMiB === null ? [] : m.times.map((t) => ({ timestamp: t, value: g.memoryUsedMiB! * MIB })),
        ...(g.memoryTotalMiB === null ? {} : { latest_total: g.memoryTotalMiB * MIB }),
      }));
      return ok({ metric_name: 'gpu_memory_used', series });
    }),
  );

  // CPU, memory and storage: one series for the pod, from its usage (none for a pod that is not running).
  const podSeries = (kind: 'cpu' | 'memory' | 'storage', name: string) =>
    r.get(
      `/v2/metrics/${kind}/pods/:id`,
      w((req) => {
        const m = samples(sim, state, req.params.id, req.query);
        const pod = state.pod(req.params.id)!;
        if (pod.status !== 'RUNNING') return ok({ metric_name: name, series: [] });
        const u = usageOf(pod);
        const [value, total] =
          kind === 'cpu'
            ? [u.cpuRatio, undefined]
            : kind === 'memory'
              ? [u.memoryUsedBytes, u.memoryTotalBytes]
              : [u.storageUsedBytes, u.storageTotalBytes];
        const series = {
          labels: { pod_id: req.params.id },
          data_points: m.times.map((t) => ({ timestamp: t, value })),
          ...(total === undefined ? {} : { latest_total: total }),
        };
        return ok({ metric_name: name, series: [series] });
      }),
    );
  podSeries('cpu', 'cpu_usage');
  podSeries('memory', 'memory_usage');
  podSeries('storage', 'storage_usage');
}

/** The GPUs to report and the sample times in the asked window (spec.ts: start/end in ms, 1 h by default). */
function samples(sim: Simulator, state: YottaState, id: string, query: URLSearchParams) {
  if (!/^\d+$/.test(id)) throw invalid(`pod_id ${id} is not an integer`);
  const pod = state.pod(id);
  if (!pod) throw podNotFound(id);
  const step = query.get('step') ?? '30s';
  const stepMs = METRIC_STEPS[step].stepMs;
  const now = Date.now();
  const s = query.get('start');
  const e = query.get('end');
  const end = e !== null ? Number(e) : s !== null ? Number(s) + HOUR : now;
  const start = s !== null ? Number(s) : end - HOUR;
  if (start > end) throw invalid('start must not be after end');
  if (end - start > METRIC_STEPS[step].maxWindowMs) throw invalid(`the window is too long for step ${step}`);

  const readings = sim.gpu.get('yotta', id);
  const since = sim.gpu.since('yotta', id) ?? now;
  const gpus: GpuReading[] = pod.status === 'RUNNING' && readings?.kind !== 'smi-fails' ? (readings?.gpus ?? []) : [];
  const times: number[] = [];
  const first = Math.max(start, Math.floor(since / stepMs) * stepMs);
  for (let t = Math.floor(Math.min(end, now) / stepMs) * stepMs; t >= first && times.length < 2000; t -= stepMs)
    times.unshift(t);
  return { gpus, times };
}
