import type { GpuSample, UnavailableSample } from '../../../../src/core/utilisation/model';

/** Readings for the utilisation tests: one GPU per percentage given. */
export const T0 = Date.UTC(2026, 0, 1, 8);
export const MINUTE = 60_000;

export function gpus(at: number, ...percents: Array<number | undefined>): GpuSample {
  return {
    at,
    source: 'nvidia-smi',
    gpus: percents.map((p, index) => ({
      index,
      ...(p !== undefined && { utilisationPercent: p }),
      memoryUsedMiB: 1000 * (index + 1),
      memoryTotalMiB: 80_000,
    })),
  };
}

export function down(at: number, why = 'the pod cannot be reached: connection refused'): UnavailableSample {
  return { at, unavailable: why };
}

/** One reading a minute from `from` to `to` minutes after T0 (both included), every GPU at these percentages. */
export function minutes(from: number, to: number, ...percents: number[]): GpuSample[] {
  const out: GpuSample[] = [];
  for (let m = from; m <= to; m++) out.push(gpus(T0 + m * MINUTE, ...percents));
  return out;
}
