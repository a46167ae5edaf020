import type { GpuReading } from '../../core/utilisation/model';
import type { YottaApi } from './api';
import { type RawGpuMetric, zGpuMetric } from './schemas';
import { l10n } from '../../core/l10n';

/**
 * A running pod's GPUs from Yotta's own monitoring (docs.yottalabs.ai api-reference-v2/metrics): the
 * utilisation and the memory series, one per GPU, each read at its last point. Yotta samples every 30 s,
 * so a short window at the finest step is enough and keeps each answer a few points long.
 */

/** The window asked for: a few 30 s steps, so a late sample is still found. */
export const METRICS_WINDOW_MS = 5 * 60_000;
const STEP = '30s';
const MIB = 1024 * 1024;
/** More GPUs than a machine carries: series past this are ignored. */
const MAX_GPUS = 64;

export async function yottaGpuReadings(api: YottaApi, id: string, signal?: AbortSignal): Promise<GpuReading[]> {
  const end = Date.now();
  const query = { start: String(end - METRICS_WINDOW_MS), end: String(end), step: STEP };
  const path = `/v2/metrics/gpu/pods/${encodeURIComponent(id)}`;
  const what = l10n.t('read GPU metrics');
  const [util, memory] = await Promise.all([
    api.call({ method: 'GET', path, query, what, signal }, zGpuMetric),
    api.call({ method: 'GET', path: `${path}/memory`, query, what, signal }, zGpuMetric),
  ]);
  const byIndex = new Map<number, GpuReading>();
  const gpu = (index: number) => byIndex.get(index) ?? byIndex.set(index, { index }).get(index)!;
  for (const { index, last } of lastPoints(util)) {
    if (last !== undefined && last >= 0 && last <= 100) gpu(index).utilisationPercent = last;
  }
  for (const { index, last, total } of lastPoints(memory)) {
    const g = gpu(index);
    if (last !== undefined && last >= 0) g.memoryUsedMiB = Math.round(last / MIB);
    if (total !== undefined && total > 0) g.memoryTotalMiB = Math.round(total / MIB);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index).slice(0, MAX_GPUS);
}

/** Each series' GPU index (its label, else its position) and newest value. */
function lastPoints(metric: RawGpuMetric): Array<{ index: number; last?: number; total?: number }> {
  return metric.series.slice(0, MAX_GPUS).map((s, i) => {
    const label = s.labels?.gpu_show_index;
    const index = typeof label === 'string' && /^\d{1,3}$/.test(label) ? Number(label) : i;
    const points = (s.data_points ?? []).filter((p) => p.timestamp !== undefined && p.value !== undefined);
    const newest = points.reduce<(typeof points)[number] | undefined>(
      (best, p) => (!best || p.timestamp! > best.timestamp! ? p : best),
      undefined,
    );
    return { index, last: newest?.value, total: s.latest_total ?? undefined };
  });
}
