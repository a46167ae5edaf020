import { formatDuration } from '../burnRate';
import { type PodRuleState, readStates, type ReadStates, ruleStep, snooze as snoozeRule } from '../podRule';
import { figuresOf, isUnavailable, type UtilisationSample } from './model';
import { HISTORY_MS } from './samples';
import { SAMPLE_INTERVAL_MS } from './sampling';

/**
 * "Stop when GPUs stay below X % for N minutes", as data and pure decisions. A pod is idle only when the
 * readings prove it: every GPU below the threshold in every sample across the whole window, with no gap
 * longer than MAX_GAP_MS and the newest reading at most MAX_GAP_MS old. A gap, readings that stopped
 * arriving, a reading newer than now (the clock went back), a pod we cannot reach or a GPU that does not
 * report makes the verdict unknown, and an unknown pod is never stopped: we do not stop a pod on a guess.
 */

export interface IdleRule {
  /** A GPU is idle below this (strictly): with 5, a GPU at 5 % is busy. */
  thresholdPercent: number;
  forMinutes: number;
}

export const DEFAULT_IDLE_RULE: Readonly<IdleRule> = { thresholdPercent: 5, forMinutes: 30 };
/** The readings kept are the last hour, so a longer window could never be covered. */
export const MAX_FOR_MINUTES = HISTORY_MS / 60_000;
/** Two missed readings in a row are tolerated; a longer silence is a gap and makes the verdict unknown. */
export const MAX_GAP_MS = 3 * SAMPLE_INTERVAL_MS;
/** "Keep Running For 1 Hour". */
export const SNOOZE_MS = 3_600_000;

export type IdleVerdict =
  /**
   * A GPU is at or above the threshold now, or was since the start of the window. `quietSince`: when every
   * GPU has been below it since then, but not yet for the rule's minutes.
   */
  | { kind: 'busy'; quietSince?: number }
  /** Every GPU below the threshold since `since`, for at least the rule's minutes. */
  | { kind: 'idle'; since: number; minutes: number }
  | { kind: 'unknown'; why: string };

export interface EvaluateOptions {
  maxGapMs?: number;
}

export function evaluate(
  samples: readonly UtilisationSample[],
  rule: IdleRule,
  now: number,
  options: EvaluateOptions = {},
): IdleVerdict {
  // A NaN threshold would make every reading "below" it: a rule that is not valid proves nothing.
  const valid = validateRule(rule);
  if ('error' in valid) return unknown(`the idle rule is not valid: ${valid.error}`);
  const maxGap = options.maxGapMs ?? MAX_GAP_MS;
  const windowMs = valid.rule.forMinutes * 60_000;
  const list = samples.filter((s) => Number.isFinite(s.at)).sort((a, b) => a.at - b.at);
  if (list.length === 0) return { kind: 'unknown', why: 'no reading yet' };
  // The clock went back since this reading was taken. Judging what is left would judge on old readings with
  // the newest (maybe busy) ones hidden: nothing is judged until readings taken since fill the window.
  if (list[list.length - 1].at > now) return unknown('the clock went back: the newest reading is dated after now');
  let runStart: number | undefined;
  let stop: IdleVerdict | undefined;
  let later = now;
  for (let i = list.length - 1; i >= 0 && !stop; i--) {
    const s = list[i];
    const figures = figuresOf(s);
    if (later - s.at > maxGap) {
      const silence = formatDuration(later - s.at);
      stop = unknown(
        i === list.length - 1
          ? `no reading for ${silence}`
          : `no reading for ${silence}, ${formatDuration(now - later)} ago`,
      );
    } else if (isUnavailable(s)) stop = unknown(s.unavailable);
    else if (!figures) stop = unknown(s.gpus.length === 0 ? 'no GPU reported' : 'a GPU did not report its utilisation');
    else if (figures.maxPercent >= valid.rule.thresholdPercent) stop = { kind: 'busy' };
    else later = runStart = s.at;
  }
  if (runStart !== undefined && now - runStart >= windowMs) {
    return { kind: 'idle', since: runStart, minutes: Math.floor((now - runStart) / 60_000) };
  }
  if (stop?.kind === 'busy') return runStart === undefined ? stop : { kind: 'busy', quietSince: runStart };
  if (stop) return stop;
  const watched = runStart === undefined ? 0 : now - runStart;
  return unknown(`watched for ${formatDuration(watched)} of the ${rule.forMinutes} minutes the rule needs`);
}

function unknown(why: string): IdleVerdict {
  return { kind: 'unknown', why };
}

/** A rule typed in settings or read back from storage, or the reason it is refused. */
export function validateRule(value: unknown): { rule: IdleRule } | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: 'the rule is not an object' };
  const { thresholdPercent, forMinutes } = value as Record<string, unknown>;
  if (typeof thresholdPercent !== 'number' || !(thresholdPercent > 0 && thresholdPercent <= 100)) {
    return { error: 'the threshold must be a percentage above 0 and at most 100' };
  }
  if (
    typeof forMinutes !== 'number' ||
    !Number.isInteger(forMinutes) ||
    forMinutes < 1 ||
    forMinutes > MAX_FOR_MINUTES
  ) {
    return { error: `the idle time must be a whole number of minutes from 1 to ${MAX_FOR_MINUTES}` };
  }
  return { rule: { thresholdPercent, forMinutes } };
}

/** One pod's armed GPU utilisation rule (the shared shape: core/podRule.ts). */
export type IdleRuleState = PodRuleState<IdleRule>;

export { withoutRule, withRule } from '../podRule';

/** "Keep Running For 1 Hour" (the default): the rule says nothing and stops nothing for `ms`. */
export function snooze(state: IdleRuleState, now: number, ms = SNOOZE_MS): IdleRuleState {
  return snoozeRule(state, now, ms);
}

/**
 * What to do for a running pod with an armed rule, given the latest verdict (the shared steps of
 * core/podRule.ts, with the idle time):
 * - snoozed: the user asked to keep it running until then;
 * - watch: not idle (busy or unknown); a notification shown earlier is withdrawn (clear `notifiedAt`);
 * - notify: idle: show the notification (pod, idle time, cost; Cancel / Keep Running For 1 Hour), set `notifiedAt`;
 * - grace: notified, waiting for an answer until `until`;
 * - stop: notified, no answer within the grace period, and still idle now.
 */
export type IdleStep =
  | { kind: 'snoozed'; until: number }
  | { kind: 'watch' }
  | { kind: 'notify'; since: number; minutes: number }
  | { kind: 'grace'; until: number }
  | { kind: 'stop'; since: number; minutes: number };

export function nextStep(state: IdleRuleState, verdict: IdleVerdict, now: number, graceMs: number): IdleStep {
  const step = ruleStep(state, verdict.kind === 'idle', now, graceMs);
  const idle = verdict.kind === 'idle' ? { since: verdict.since, minutes: verdict.minutes } : undefined;
  switch (step.kind) {
    case 'notify':
      return idle ? { kind: 'notify', ...idle } : { kind: 'watch' };
    case 'act':
      return idle ? { kind: 'stop', ...idle } : { kind: 'watch' };
    default:
      return step;
  }
}

/**
 * The rules read back from global state. Anything malformed is left out with the reason, never a crash and
 * never a guessed rule; `notifiedAt` is dropped (see PodRuleState).
 */
export function readRuleStates(value: unknown, clouds: readonly string[]): ReadStates<IdleRuleState> {
  return readStates(value, clouds, validateRule, 'idle rule');
}
