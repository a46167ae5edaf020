import { type Clock, sleepOn } from './clock';
import { CancelledError, CloudError, TimeoutError } from './errors';
import type { Pod, PodStatus } from './model';
import { l10n } from './l10n';

export type PodGoal = PodStatus | 'gone';

export interface WaitOptions {
  signal?: AbortSignal;
  intervalMs: number;
  timeoutMs: number;
  /** Called with each fresh view of the pod (undefined once the cloud no longer knows it). */
  onUpdate?(pod: Pod | undefined): void;
  /** The deadline and the waits between looks are on this clock. */
  clock: Clock;
}

/** True when `pod` has reached `goal`; a terminated or vanished pod counts as gone. */
export function reached(pod: Pod | undefined, goal: PodGoal): boolean {
  if (goal === 'gone' || goal === 'terminated') return !pod || pod.status === 'terminated';
  return !!pod && pod.status === goal && !pod.pending;
}

/**
 * Polls a pod until it reaches the goal. A pod that turns `failed` ends the wait with the cloud's reason;
 * running out of time ends it with a TimeoutError that says the pod is still on its way, not done.
 */
export async function waitForPod(
  getPod: (signal?: AbortSignal) => Promise<Pod | undefined>,
  goal: PodGoal,
  options: WaitOptions,
): Promise<Pod | undefined> {
  const { clock } = options;
  // Time waited is added up look by look, each at least the interval: a clock stepped back mid-wait
  // cannot stretch the wait (a deadline on the wall clock would move back with it).
  let waited = 0;
  for (;;) {
    const lookedAt = clock.now();
    if (options.signal?.aborted) throw new CancelledError();
    const pod = await getPod(options.signal);
    options.onUpdate?.(pod);
    if (reached(pod, goal)) return pod;
    if (pod?.status === 'failed' && goal !== 'failed') {
      throw new CloudError(
        l10n.t('"{0}" failed{1}', pod.name, pod.statusReason ? `: ${pod.statusReason}` : '.'),
        'POD_FAILED',
      );
    }
    if (!pod && goal !== 'gone') throw new CloudError(l10n.t('The pod no longer exists.'), 'POD_GONE');
    if (waited >= options.timeoutMs) {
      const state = pod ? pod.rawStatus : 'unknown';
      throw new TimeoutError(
        l10n.t(
          'Still waiting after {0} min (now {1}); the tree keeps showing its progress.',
          Math.round(options.timeoutMs / 60000),
          state,
        ),
      );
    }
    try {
      await sleepOn(clock, options.intervalMs, options.signal);
      waited += Math.max(options.intervalMs, clock.now() - lookedAt);
    } catch {
      throw new CancelledError();
    }
  }
}
