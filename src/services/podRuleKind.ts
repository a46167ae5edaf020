import type { PodRuleState } from '../core/podRule';
import type { FreshPod } from './idleRulesPort';

/*
 * What a kind of per-pod rule tells the machinery that runs it (podRules.ts): its name and storage, its warning's
 * answers, and the sentences it speaks in.
 */

/** The warning's answers: act now, keep (snooze the rule), turn the rule off. */
export type RuleAnswer = 'now' | 'keep' | 'off';

export interface RuleWarning {
  message: string;
  /** The button of each answer; the first is the one the warning announces. */
  buttons: Record<RuleAnswer, string>;
}

/** What a kind of rule is called and kept as. */
export interface PodRuleKind<R> {
  /** Where its rules live in global state. */
  storageKey: string;
  /** "idle rule": how the output channel names a stored entry it left out. */
  noun: string;
  /** "Idle rule": how its lines in the output channel start. */
  logName: string;
  validate(value: unknown): { rule: R } | { error: string };
  /**
   * A warning shown before a sleep (or a step ahead of the clock) gets its whole grace period again from the
   * wake-up, so the pod is acted on only after the user had the grace period awake. The idle rules need not:
   * their readings go stale across a sleep, the verdict turns unknown and the warning is withdrawn.
   */
  graceAfterSleep?: 'restart';
}

/** The sentences a kind of rule speaks in: the output channel's (English) and the user's (translated). */
export interface RuleWords<R, V> {
  /** Log: what the rule does, after it was set. */
  armed(state: PodRuleState<R>): string;
  /** Log: the warning was shown; `grace` is the grace period's length. */
  warned(state: PodRuleState<R>, verdict: V, grace: string): string;
  /** Log: the condition no longer holds; a warning shown is withdrawn. */
  withdrawn(state: PodRuleState<R>, why: string): string;
  /** Log: the action is asked of the cloud after the grace period. */
  asking(state: PodRuleState<R>, fresh: FreshPod, verdict: V): string;
  /** Log: the action after the grace period is done. */
  doneLog(state: PodRuleState<R>, fresh: FreshPod, verdict: V): string;
  /** The cloud's verb for the action, inside a sentence ("pause", "delete"). */
  verb(fresh: FreshPod): string;
  /** "Paused", "Deleted": the word that opens a "done" notification. */
  doneWord(fresh: FreshPod): string;
  /** Shown after the action taken at the end of the grace period. */
  done(state: PodRuleState<R>, fresh: FreshPod, verdict: V): string;
  /** Shown when an answer comes after the pod left the watched state. */
  outOfDate(name: string): string;
  /** Shown when an answer comes after the rule was changed or turned off. */
  changed(name: string): string;
  /** Shown when the action failed. */
  failed(name: string): string;
}
