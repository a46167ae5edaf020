import type { DiskUsage } from '../../core/model';
import type { Utilisation } from '../../core/provider';
import { l10n } from '../../core/l10n';
import type { YottaApi } from './api';
import { METRICS_WINDOW_MS } from './metrics';
import { type RawGpuMetric, zGpuMetric } from './schemas';

/*
 * A pod's CPU, memory and storage from Yotta's own monitoring (docs.yottalabs.ai api-reference-v2/metrics):
 * `GET /v2/metrics/cpu/pods/{pod_id}` ("CPU usage ratio … 1.0 means 100% of requested CPU cores"),
 * `…/memory/pods/{pod_id}` ("memory usage bytes … with latest total memory") and `…/storage/pods/{pod_id}`
 * (read in the same "with capacity" form: bytes used per point, `latest_total` the size). Read when the user
 * hovers a pod, and now and then for the disk warning; never for a pod that is not running.
 */

type Kind = 'cpu' | 'memory' | 'storage';

function read(api: YottaApi, kind: Kind, id: string, signal?: AbortSignal): Promise<RawGpuMetric> {
  const end = Date.now();
  return api.call(
    {
      method: 'GET',
      path: `/v2/metrics/${kind}/pods/${encodeURIComponent(id)}`,
      query: { start: String(end - METRICS_WINDOW_MS), end: String(end), step: '30s' },
      what: l10n.t('read pod metrics'),
      signal,
    },
    zGpuMetric,
  );
}

/** Each series' newest value and its `latest_total`, in the order Yotta lists them. */
function newest(metric: RawGpuMetric): Array<{ value?: number; total?: number }> {
  return metric.series.map((s) => {
    const points = (s.data_points ?? []).filter((p) => p.timestamp !== undefined && p.value !== undefined);
    const last = points.reduce<(typeof points)[number] | undefined>(
      (best, p) => (!best || p.timestamp! > best.timestamp! ? p : best),
      undefined,
    );
    return { value: last?.value, total: s.latest_total ?? undefined };
  });
}

/** The storage series as disks: "Storage", or "Storage 1", "Storage 2" … when Yotta reports several. */
export function disksOf(metric: RawGpuMetric): DiskUsage[] {
  const all = newest(metric);
  return all.flatMap((s, i): DiskUsage[] =>
    s.value !== undefined && s.value >= 0 && s.total !== undefined && s.total > 0
      ? [
          {
            label: all.length > 1 ? l10n.t('Storage {0}', i + 1) : l10n.t('Storage'),
            usedBytes: s.value,
            totalBytes: s.total,
          },
        ]
      : [],
  );
}

export async function yottaDisks(api: YottaApi, id: string, signal?: AbortSignal): Promise<DiskUsage[]> {
  return disksOf(await read(api, 'storage', id, signal));
}

/** CPU (the ratio as a percentage of the cores asked for), memory and storage now; what is missing stays out. */
export async function yottaUtilisation(api: YottaApi, id: string, signal?: AbortSignal): Promise<Utilisation> {
  const [cpu, memory, storage] = await Promise.all(
    (['cpu', 'memory', 'storage'] as const).map((k) => read(api, k, id, signal)),
  );
  const out: Utilisation = {};
  const c = newest(cpu)[0]?.value;
  if (c !== undefined && c >= 0) out.cpuPercent = c * 100;
  const m = newest(memory)[0];
  if (m?.value !== undefined && m.value >= 0) out.ramUsedBytes = m.value;
  if (m?.total !== undefined && m.total > 0) {
    out.ramTotalBytes = m.total;
    if (out.ramUsedBytes !== undefined) out.ramPercent = (out.ramUsedBytes / m.total) * 100;
  }
  out.disks = disksOf(storage);
  return out;
}
