import { l10n } from './l10n';
import type { Pod } from './model';

/*
 * Spot pods the cloud will take back: the words for the time left, and which announcements the user has not been
 * told of yet. Pure (the caller passes `now` from its clock), so the timing is unit-tested with a stepped clock.
 */

const MINUTE = 60_000;

/** "in 4 min", "in 1 h 5 min", "in less than a minute", "now": the time until `at`, on the caller's clock. */
export function timeLeftText(at: number, now: number): string {
  const ms = at - now;
  if (ms <= 0) return l10n.t('now');
  if (ms < MINUTE) return l10n.t('in less than a minute');
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return l10n.t('in {0} min', minutes);
  const rest = minutes % 60;
  return rest ? l10n.t('in {0} h {1} min', Math.floor(minutes / 60), rest) : l10n.t('in {0} h', minutes / 60);
}

/** A clock time for the announcement ("14:05"), in the user's locale. */
export function clockTimeText(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The row's word for a spot pod: "spot", or "reclaimed in 4 min" once the cloud announced it. */
export function spotMark(pod: Pick<Pod, 'spot' | 'status'>, now: number): string | undefined {
  if (!pod.spot) return undefined;
  if (!pod.spot.reclaimNotice || pod.status !== 'running') return l10n.t('spot');
  return pod.spot.reclaimAt !== undefined
    ? l10n.t('spot: reclaimed {0}', timeLeftText(pod.spot.reclaimAt, now))
    : l10n.t('spot: reclaim announced');
}

/** The tooltip's row: what spot means for this pod, and when it goes. */
export function spotRow(pod: Pick<Pod, 'spot' | 'status'>, now: number): [string, string] | undefined {
  if (!pod.spot) return undefined;
  const label = l10n.t('Spot capacity');
  if (!pod.spot.reclaimNotice || pod.status !== 'running')
    return [label, l10n.t('cheaper, and the cloud may reclaim the pod at any time')];
  const at = pod.spot.reclaimAt;
  return [
    label,
    at !== undefined
      ? l10n.t('the cloud reclaims this pod {0} (at {1})', timeLeftText(at, now), clockTimeText(at))
      : l10n.t('the cloud has announced that it will reclaim this pod'),
  ];
}

/**
 * Announcements the user has been told of, one per pod and reclaim time: a refresh that sees the same notice again
 * says nothing; a new reclaim time (the cloud announced another) is told once more.
 */
export class ReclaimNotices {
  private readonly told = new Set<string>();

  /** The running pods of `accountId` whose announcement is new. */
  due<P extends Pick<Pod, 'id' | 'spot' | 'status'>>(accountId: string, pods: readonly P[]): P[] {
    const out: P[] = [];
    for (const pod of pods) {
      if (!pod.spot?.reclaimNotice || pod.status !== 'running') continue;
      const key = `${accountId}\n${pod.id}\n${pod.spot.reclaimAt ?? 'unknown'}`;
      if (this.told.has(key)) continue;
      this.told.add(key);
      out.push(pod);
    }
    return out;
  }

  /** Forget the pods of `accountId` that are no longer listed. */
  prune(accountId: string, listed: ReadonlySet<string>): void {
    for (const key of [...this.told]) {
      const [account, podId] = key.split('\n');
      if (account === accountId && !listed.has(podId)) this.told.delete(key);
    }
  }
}
