import type { GpuReading } from '../../core/utilisation/model';
import type { RawInstanceMetrics } from './schemas';

const MAX_GPUS = 64;

/** Each GPU's newest utilisation point; a GPU id that is not a small index, or a figure outside 0–100, is left out. */
export function gpuReadingsOf(metrics: RawInstanceMetrics): GpuReading[] {
  const byIndex = new Map<number, GpuReading>();
  for (const gpu of (metrics.gpuUtilization?.gpuIds ?? []).slice(0, MAX_GPUS)) {
    if (!/^\d{1,3}$/.test(gpu.gpuId)) continue;
    const index = Number(gpu.gpuId);
    if (byIndex.has(index)) continue;
    const points = (gpu.items ?? []).filter((p) => p.timestamp !== undefined && p.value !== undefined);
    const newest = points.reduce<(typeof points)[number] | undefined>(
      (best, p) => (!best || p.timestamp! > best.timestamp! ? p : best),
      undefined,
    );
    const value = newest?.value;
    byIndex.set(index, {
      index,
      ...(value !== undefined && value >= 0 && value <= 100 && { utilisationPercent: value }),
    });
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}
