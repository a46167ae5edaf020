import { type ClockMove, keptDue } from './clockSteps';
import type { CloudId } from './model';
import { l10n } from './l10n';

/**
 * Idle guard timers as plain data. They are kept in global state with absolute times (epoch ms), so a
 * window reload, a sleeping laptop or a late setTimeout never stretches or shortens them: every check
 * compares the clock with `dueAt`. When the clock itself is stepped, `timersAfterMove` keeps them (the rule
 * is in core/clockSteps.ts).
 */

/** 'stop': stop the pod when due unless the user keeps it; 'remind': only ask. */
export type IdleKind = 'stop' | 'remind';

export interface IdleTimer {
  accountId: string;
  cloud: CloudId;
  podId: string;
  podName: string;
  kind: IdleKind;
  hours: number;
  setAt: number;
  dueAt: number;
  /** When the notification was shown in this window's session; the grace period counts from here. */
  notifiedAt?: number;
}

/**
 * waiting: not yet due; due: show the notification; grace: shown, waiting for an answer;
 * act: a stop timer whose grace period passed with no answer: stop the pod.
 */
export type IdlePhase = 'waiting' | 'due' | 'grace' | 'act';

/** The longest timer accepted: 30 days. */
export const MAX_HOURS = 720;

export function timerKey(accountId: string, podId: string): string {
  return `${accountId}/${podId}`;
}

export function phaseOf(timer: IdleTimer, now: number, graceMs: number): IdlePhase {
  if (now < timer.dueAt) return 'waiting';
  if (timer.notifiedAt === undefined) return 'due';
  if (timer.kind === 'remind') return 'grace';
  return now < timer.notifiedAt + graceMs ? 'grace' : 'act';
}

/** When the next timer changes phase (absolute ms), or undefined when nothing is pending. */
export function nextChange(timers: readonly IdleTimer[], now: number, graceMs: number): number | undefined {
  let next: number | undefined;
  for (const t of timers) {
    const at = t.notifiedAt === undefined ? t.dueAt : t.kind === 'stop' ? t.notifiedAt + graceMs : undefined;
    if (at === undefined) continue;
    const when = Math.max(at, now);
    if (next === undefined || when < next) next = when;
  }
  return next;
}

/**
 * The timers after the clock moved: each keeps the time it had left (and is never further than its length
 * from now); a warning shown before a sleep or a step ahead gets its grace period again from now.
 * Undefined when nothing changed.
 */
export function timersAfterMove(timers: readonly IdleTimer[], move: ClockMove): IdleTimer[] | undefined {
  let changed = false;
  const out = timers.map((t) => {
    const dueAt = keptDue(t.dueAt, move, Math.max(0, t.dueAt - t.setAt));
    const notifiedAt = move.aheadMs > 0 && t.notifiedAt !== undefined ? move.now : keptDue(t.notifiedAt, move, 0);
    if (dueAt === t.dueAt && notifiedAt === t.notifiedAt) return t;
    changed = true;
    const moved = { ...t, dueAt, setAt: t.setAt + (dueAt - t.dueAt) };
    return notifiedAt === undefined ? moved : { ...moved, notifiedAt };
  });
  return changed ? out : undefined;
}

export function newTimer(fields: Omit<IdleTimer, 'setAt' | 'dueAt' | 'notifiedAt'>, now: number): IdleTimer {
  return { ...fields, setAt: now, dueAt: now + Math.round(fields.hours * 3_600_000) };
}

/** Replaces the pod's timer (one per pod). */
export function withTimer(timers: readonly IdleTimer[], timer: IdleTimer): IdleTimer[] {
  return [...timers.filter((t) => timerKey(t.accountId, t.podId) !== timerKey(timer.accountId, timer.podId)), timer];
}

export function withoutTimer(timers: readonly IdleTimer[], accountId: string, podId: string): IdleTimer[] {
  return timers.filter((t) => timerKey(t.accountId, t.podId) !== timerKey(accountId, podId));
}

/**
 * Hours typed by the user: "4", "1.5", "0.25" (decimal point or comma). Undefined with the reason when the
 * text is not a positive number of hours up to MAX_HOURS.
 */
export function parseHours(text: string): { hours: number } | { error: string } {
  const t = text.trim().replace(',', '.');
  const n = /^\d+(\.\d+)?$|^\.\d+$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(n) || n <= 0) return { error: l10n.t('Enter a number of hours greater than 0, e.g. 4 or 1.5.') };
  if (n > MAX_HOURS) return { error: l10n.t('At most {0} hours (30 days).', MAX_HOURS) };
  return { hours: n };
}
