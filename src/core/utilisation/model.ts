/**
 * What we know about a running pod's GPUs at one moment. Readings come from the cloud's own metrics where
 * it has them, else from `nvidia-smi` run over the pod's SSH entry; both are untrusted text turned into
 * these numbers by a strict parser.
 */

export type UtilisationSource = 'cloud-metrics' | 'nvidia-smi';

export interface GpuReading {
  /** The GPU's index on the pod (nvidia-smi `index`). */
  index: number;
  /** Model name as the pod reported it, already cleaned for display; undefined when not given. */
  name?: string;
  /** 0–100; undefined when the GPU did not say ([N/A], [Not Supported]). */
  utilisationPercent?: number;
  memoryUsedMiB?: number;
  memoryTotalMiB?: number;
}

export interface GpuSample {
  /** Epoch milliseconds when the reading was taken. */
  at: number;
  source: UtilisationSource;
  gpus: GpuReading[];
}

export interface UnavailableSample {
  at: number;
  /** Why there is no reading ("the pod cannot be reached: …"), in words fit for the tooltip. */
  unavailable: string;
}

export type UtilisationSample = GpuSample | UnavailableSample;

export function isUnavailable(sample: UtilisationSample): sample is UnavailableSample {
  return 'unavailable' in sample;
}

export interface SampleFigures {
  /** The busiest GPU's utilisation: what the idle rule compares with its threshold. */
  maxPercent: number;
  meanPercent: number;
  /** Summed over the GPUs that reported both figures; undefined when none did. */
  memoryUsedMiB?: number;
  memoryTotalMiB?: number;
}

/**
 * One sample's figures across its GPUs. Undefined when the sample has no reading, lists no GPU, or any GPU
 * left its utilisation out: a GPU we cannot see might be the busy one.
 */
export function figuresOf(sample: UtilisationSample): SampleFigures | undefined {
  if (isUnavailable(sample) || sample.gpus.length === 0) return undefined;
  const percents = sample.gpus.map((g) => g.utilisationPercent);
  if (percents.some((p) => p === undefined)) return undefined;
  const known = percents as number[];
  const withMemory = sample.gpus.filter((g) => g.memoryUsedMiB !== undefined && g.memoryTotalMiB !== undefined);
  return {
    maxPercent: Math.max(...known),
    meanPercent: known.reduce((a, b) => a + b, 0) / known.length,
    ...(withMemory.length > 0 && {
      memoryUsedMiB: withMemory.reduce((sum, g) => sum + g.memoryUsedMiB!, 0),
      memoryTotalMiB: withMemory.reduce((sum, g) => sum + g.memoryTotalMiB!, 0),
    }),
  };
}
