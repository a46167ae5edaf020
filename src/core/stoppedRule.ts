import type { Capabilities } from './capabilities';
import { MAX_HOURS } from './idleTimers';
import type { Pod } from './model';
import type { StoppedRecord } from './stoppedSince';

/*
 * "Delete when stopped for N hours", as data and pure decisions. A stopped pod still bills its disks; a pod
 * forgotten stopped is deleted after a warning and a grace period (the steps every pod rule shares,
 * core/podRule.ts). It counts from the pod's stopped record (core/stoppedSince.ts): no record, a record dated
 * after now (the clock went back) or any doubt about the pod's state makes the verdict unknown, and an unknown
 * pod is never deleted.
 */

export interface StoppedRule {
  /** Hours the pod must stay stopped (wall clock) before it is deleted. */
  afterHours: number;
}

/** What the command proposes when the setting gives no default: three days. */
export const PROPOSED_STOPPED_HOURS = 72;

export type StoppedVerdict =
  /** Stopped long enough: since `since` (the cloud's time when `exact`, else at least since then). */
  | { kind: 'due'; since: number; exact: boolean }
  /** Stopped, not yet long enough: due at `dueAt`. */
  | { kind: 'waiting'; since: number; exact: boolean; dueAt: number }
  | { kind: 'unknown'; why: string };

export function stoppedVerdict(record: StoppedRecord | undefined, rule: StoppedRule, now: number): StoppedVerdict {
  if (!record) return { kind: 'unknown', why: 'not yet seen stopped in a complete list' };
  if (record.since > now) return { kind: 'unknown', why: 'the clock went back: the pod reads as stopped after now' };
  const dueAt = record.since + Math.round(rule.afterHours * 3_600_000);
  const { since, exact } = record;
  return now >= dueAt ? { kind: 'due', since, exact } : { kind: 'waiting', since, exact, dueAt };
}

/** A rule typed by the user or read back from storage, or the reason it is refused. */
export function validateStoppedRule(value: unknown): { rule: StoppedRule } | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: 'the rule is not an object' };
  const { afterHours } = value as Record<string, unknown>;
  if (typeof afterHours !== 'number' || !Number.isFinite(afterHours) || afterHours <= 0 || afterHours > MAX_HOURS)
    return { error: `the time must be a number of hours above 0 and at most ${MAX_HOURS}` };
  return { rule: { afterHours } };
}

/**
 * Whether a delete-when-stopped rule can be set on the pod: its cloud stops pods (where stopping is deleting, as
 * on NeevCloud, a stopped pod does not exist) and deletes them, and the pod is not failed or on its way out.
 * Tree menus and the palette's picker both ask this.
 */
export function deleteWhenStoppedAllowed(caps: Pick<Capabilities, 'podActions'>, pod: Pod): boolean {
  return (
    pod.kind === 'pod' &&
    caps.podActions.has('stop') &&
    caps.podActions.has('terminate') &&
    ['provisioning', 'running', 'stopping', 'stopped'].includes(pod.status)
  );
}
