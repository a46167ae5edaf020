import type { UtilisationSample } from './model';

/** Which pod: the key the idle timers use (`timerKey(accountId, podId)` in core/idleTimers.ts). */
export type PodKey = string;

/** Why a pod is sampled at all: nothing is read unless someone needs it. */
export type SamplingDemand = 'view' | 'idleRule';

/**
 * The utilisation readings of running pods, as the UI and the idle rules see them. The sampler behind it
 * decides the source per pod (the cloud's metrics API where it has one, else `nvidia-smi` over the pod's
 * own SSH entry on one persistent connection) and samples only while there is demand, never a stopped pod.
 */
export interface UtilisationFeed {
  /** The newest reading of the pod, or undefined before the first one. */
  latest(key: PodKey): UtilisationSample | undefined;
  /** The last hour, oldest first, with any reading dated after `now` (the clock went back since it was taken). */
  history(key: PodKey, now?: number): UtilisationSample[];
  /** Fires after new readings were stored (any pod). */
  onDidChange(listener: () => void): { dispose(): void };
  /**
   * Starts or stops demand: `view` for every running pod while the GPU Pods view is visible; `idleRule`
   * for the pods whose rule is armed. Sampling runs while any demand is on.
   */
  setDemand(demand: SamplingDemand, keys: readonly PodKey[] | 'allRunning'): void;
}
