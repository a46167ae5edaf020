import type { ClockMove } from './clockSteps';
import type { Pod } from './model';
import { isTime, ruleKey } from './podRule';

/*
 * Since when each stopped pod has been stopped, as plain data kept in global state. From the cloud's own time
 * where its answer carries one (`Pod.stoppedAt`: exact), else from when GPU Pods first saw the pod stopped in a
 * complete list (a lower bound: the pod may have stopped earlier, so the UI says "at least"). A record is made
 * only from a complete list and dropped as soon as a complete list shows the pod in any other state (started,
 * stopping, unknown, an operation pending) or without it: the delete-when-stopped rule (core/stoppedRule.ts) then never counts a
 * stop that was interrupted, nor one it did not see.
 */
export interface StoppedRecord {
  accountId: string;
  podId: string;
  /** Epoch ms: the cloud's stop time (exact), or the first look that saw it stopped (at least). */
  since: number;
  /** `since` is the cloud's own stop time. */
  exact: boolean;
}

/**
 * The records after a complete list of one account: new stopped pods recorded at `now` (or the cloud's time),
 * pods no longer stopped or gone dropped. A cloud time that differs from the record's means the pod stopped
 * again since (a start and stop GPU Pods did not see): the record starts over at the cloud's time. Undefined
 * when nothing changed.
 */
export function afterListed(
  records: readonly StoppedRecord[],
  accountId: string,
  listed: readonly Pod[],
  now: number,
): StoppedRecord[] | undefined {
  const stopped = new Map(
    listed.filter((p) => p.status === 'stopped' && !p.pending && p.kind === 'pod').map((p) => [p.id, p]),
  );
  let changed = false;
  const out: StoppedRecord[] = [];
  for (const r of records) {
    const pod = r.accountId === accountId ? stopped.get(r.podId) : undefined;
    if (r.accountId !== accountId) out.push(r);
    else if (!pod) changed = true;
    else if (pod.stoppedAt !== undefined && (pod.stoppedAt !== r.since || !r.exact)) {
      // The cloud says when: its time wins over a first look, and a new time means the pod stopped again.
      out.push({ accountId, podId: r.podId, since: pod.stoppedAt, exact: true });
      changed = true;
    } else out.push(r);
  }
  for (const pod of stopped.values()) {
    if (out.some((r) => r.accountId === accountId && r.podId === pod.id)) continue;
    out.push({ accountId, podId: pod.id, since: pod.stoppedAt ?? now, exact: pod.stoppedAt !== undefined });
    changed = true;
  }
  return changed ? out : undefined;
}

export function recordOf(
  records: readonly StoppedRecord[],
  accountId: string,
  podId: string,
): StoppedRecord | undefined {
  const key = ruleKey(accountId, podId);
  return records.find((r) => ruleKey(r.accountId, r.podId) === key);
}

/**
 * The records after the wall clock moved (core/clockSteps.ts): a first look moves back with a step back, so the
 * pod keeps the stopped time it had (and never reads as stopped since after now); a sleep counts, the pod was
 * stopped (and billed) through it. The cloud's own times are the cloud's: they do not move. Undefined when
 * nothing changed.
 */
export function recordsAfterMove(records: readonly StoppedRecord[], move: ClockMove): StoppedRecord[] | undefined {
  if (move.backMs === 0 && !records.some((r) => !r.exact && r.since > move.now)) return undefined;
  return records.map((r) => (r.exact ? r : { ...r, since: Math.min(r.since - move.backMs, move.now) }));
}

/** The records read back from global state; anything malformed is left out (it is recorded again at the next look). */
export function readRecords(value: unknown): StoppedRecord[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is StoppedRecord =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.accountId === 'string' &&
      typeof e.podId === 'string' &&
      isTime(e.since) &&
      typeof e.exact === 'boolean',
  );
}
