import type { PodStatus } from '../model';

/**
 * Which pods to read, and when. Reading a pod costs an SSH round trip (or a metrics request), so it only
 * happens while someone looks (the view is visible) or an idle rule needs the readings; a pod that is not
 * running is never read (its GPUs are not ours to watch, and a stopped pod must not be woken or billed).
 */

/** One reading a minute per pod: enough for a 5-minute-resolution idle rule, cheap over SSH. */
export const SAMPLE_INTERVAL_MS = 60_000;

export interface SamplingCandidate {
  /** `accountId/podId`, the key of the sample store and of idle rules. */
  key: string;
  status: PodStatus;
}

export interface SamplingContext {
  viewVisible: boolean;
  /** Keys of pods with an armed idle rule. */
  armed: ReadonlySet<string>;
}

export function podsToSample(pods: readonly SamplingCandidate[], context: SamplingContext): string[] {
  return pods
    .filter((p) => p.status === 'running' && (context.viewVisible || context.armed.has(p.key)))
    .map((p) => p.key);
}

/** The pods whose readings are dropped: every pod that is no longer listed as running. */
export function podsToForget(stored: readonly string[], pods: readonly SamplingCandidate[]): string[] {
  const running = new Set(pods.filter((p) => p.status === 'running').map((p) => p.key));
  return stored.filter((key) => !running.has(key));
}
