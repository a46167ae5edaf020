import type { CloudId } from './model';

/*
 * What every per-pod rule shares, as data and pure decisions: the GPU utilisation rule ("stop when GPUs are
 * idle", core/utilisation/idleRule.ts) and the delete-when-stopped rule (core/stoppedRule.ts) are both a
 * condition watched on one pod, a warning when it holds, a grace period, then an action; a "keep" answer snoozes
 * the rule. The engine that runs them is src/services/podRules.ts.
 */

/** One pod's armed rule, kept in global state (absolute times, so it survives reloads like the timers). */
export interface PodRuleState<R> {
  accountId: string;
  cloud: CloudId;
  podId: string;
  podName: string;
  rule: R;
  setAt: number;
  /** The user answered "keep": no warning and no action before this. */
  snoozedUntil?: number;
  /**
   * When this window showed the warning; the grace period counts from here. Never read back from storage: the
   * warning is gone with the old window, so it is shown again with a full grace period.
   */
  notifiedAt?: number;
}

export function ruleKey(accountId: string, podId: string): string {
  return `${accountId}/${podId}`;
}

/** Replaces the pod's rule (one per pod and kind). */
export function withRule<S extends PodRuleState<unknown>>(states: readonly S[], state: S): S[] {
  const key = ruleKey(state.accountId, state.podId);
  return [...states.filter((s) => ruleKey(s.accountId, s.podId) !== key), state];
}

export function withoutRule<S extends PodRuleState<unknown>>(
  states: readonly S[],
  accountId: string,
  podId: string,
): S[] {
  const key = ruleKey(accountId, podId);
  return states.filter((s) => ruleKey(s.accountId, s.podId) !== key);
}

/** The "keep" answer: no warning and no action for `ms`; a warning shown is answered. */
export function snooze<S extends PodRuleState<unknown>>(state: S, now: number, ms: number): S {
  const { notifiedAt: _shown, ...rest } = state;
  return { ...rest, snoozedUntil: now + ms } as S;
}

/**
 * What to do for a pod in the state its rule watches, given whether the rule's condition holds now (`due`):
 * - snoozed: the user asked to keep it until then;
 * - watch: the condition does not hold (or is unknown); a warning shown earlier is withdrawn;
 * - notify: it holds: show the warning, set `notifiedAt`;
 * - grace: warned, waiting for an answer until `until`;
 * - act: warned, no answer within the grace period, and it still holds now.
 */
export type RuleStep =
  | { kind: 'snoozed'; until: number }
  | { kind: 'watch' }
  | { kind: 'notify' }
  | { kind: 'grace'; until: number }
  | { kind: 'act' };

export function ruleStep(state: PodRuleState<unknown>, due: boolean, now: number, graceMs: number): RuleStep {
  if (state.snoozedUntil !== undefined && now < state.snoozedUntil)
    return { kind: 'snoozed', until: state.snoozedUntil };
  if (!due) return { kind: 'watch' };
  if (state.notifiedAt === undefined) return { kind: 'notify' };
  const until = state.notifiedAt + graceMs;
  return now < until ? { kind: 'grace', until } : { kind: 'act' };
}

export interface ReadStates<S> {
  states: S[];
  /** Why each stored entry left out was refused (for the output channel). */
  ignored: string[];
}

/**
 * Rules read back from global state. Anything malformed is left out with the reason, never a crash and never
 * a guessed rule; `notifiedAt` is dropped (see PodRuleState). `noun` names an entry in the reasons ("idle rule").
 */
export function readStates<R>(
  value: unknown,
  clouds: readonly string[],
  validate: (rule: unknown) => { rule: R } | { error: string },
  noun: string,
): ReadStates<PodRuleState<R>> {
  if (value === undefined) return { states: [], ignored: [] };
  if (!Array.isArray(value)) return { states: [], ignored: [`the stored ${noun}s are not a list`] };
  let states: Array<PodRuleState<R>> = [];
  const ignored: string[] = [];
  value.forEach((entry, i) => {
    const read = readState(entry, clouds, validate);
    if ('error' in read) ignored.push(`${noun} ${i + 1}: ${read.error}`);
    else states = withRule(states, read.state);
  });
  return { states, ignored };
}

function readState<R>(
  entry: unknown,
  clouds: readonly string[],
  validate: (rule: unknown) => { rule: R } | { error: string },
): { state: PodRuleState<R> } | { error: string } {
  if (typeof entry !== 'object' || entry === null) return { error: 'not an object' };
  const e = entry as Record<string, unknown>;
  for (const field of ['accountId', 'podId', 'podName'] as const) {
    if (typeof e[field] !== 'string' || (field !== 'podName' && e[field] === '')) return { error: `no ${field}` };
  }
  if (typeof e.cloud !== 'string' || !clouds.includes(e.cloud)) return { error: 'unknown cloud' };
  const rule = validate(e.rule);
  if ('error' in rule) return { error: rule.error };
  if (!isTime(e.setAt)) return { error: 'no valid setAt' };
  if (e.snoozedUntil !== undefined && !isTime(e.snoozedUntil)) return { error: 'snoozedUntil is not a time' };
  return {
    state: {
      accountId: e.accountId as string,
      cloud: e.cloud as CloudId,
      podId: e.podId as string,
      podName: e.podName as string,
      rule: rule.rule,
      setAt: e.setAt as number,
      ...(e.snoozedUntil !== undefined && { snoozedUntil: e.snoozedUntil as number }),
    },
  };
}

export function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
