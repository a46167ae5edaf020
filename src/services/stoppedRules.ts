import { type ClockMove } from '../core/clockSteps';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import type { PodRuleState } from '../core/podRule';
import { stoppedForText } from '../core/storageCost';
import { type StoppedRule, type StoppedVerdict, stoppedVerdict, validateStoppedRule } from '../core/stoppedRule';
import { afterListed, readRecords, recordOf, recordsAfterMove, type StoppedRecord } from '../core/stoppedSince';
import { STOPPED_RULES_KEY, STOPPED_SINCE_KEY } from './idleRulesKey';
import type { FreshPod, IdleRulesHost } from './idleRulesPort';
import type { RuleWarning, RuleWords } from './podRuleKind';
import { PodRules } from './podRules';
import { stoppedWarning } from './stoppedWarning';

/**
 * "Delete when stopped for N hours", per pod, on the machinery every pod rule shares (podRules.ts: global state,
 * startup, warning, grace period, a fresh list before acting, clock steps). It also keeps, for every stopped
 * pod, since when it has been stopped (core/stoppedSince.ts), which the tree shows. When a pod with a rule has
 * been stopped that long, a warning offers Delete Now, Keep It Another N and Turn Off Rule; unanswered within the
 * grace period, the pod is deleted. Never while its account's last refresh failed, never a pod in another state
 * or with an operation pending, never one that ran and stopped again since the warning, and never on a cloud
 * where stopping is deleting (NeevCloud): there the rule is not offered, and a stored one does nothing.
 */
export class StoppedRules extends PodRules<StoppedRule, StoppedVerdict> {
  constructor(host: IdleRulesHost) {
    super(host, {
      storageKey: STOPPED_RULES_KEY,
      noun: 'delete rule',
      logName: 'Delete rule',
      validate: validateStoppedRule,
      // Deleting is for good: the user gets the whole grace period awake to answer.
      graceAfterSleep: 'restart',
    });
    this.start();
  }

  /** Since when the pod has been stopped, as its cloud said or GPU Pods first saw it; undefined when not known. */
  stoppedSince(accountId: string, podId: string): StoppedRecord | undefined {
    return recordOf(this.records(), accountId, podId);
  }

  /** The rule's verdict now: due, waiting (until when), or unknown (why). */
  verdict(state: PodRuleState<StoppedRule>, now = this.host.clock.now()): StoppedVerdict {
    if (!this.host.listed(state.accountId))
      return { kind: 'unknown', why: "its account's last refresh failed: its state is not known" };
    return stoppedVerdict(this.stoppedSince(state.accountId, state.podId), state.rule, now);
  }

  protected watches(pod: Pod): boolean {
    return pod.status === 'stopped' && !pod.pending;
  }

  protected judge(state: PodRuleState<StoppedRule>, _pod: Pod, now: number): StoppedVerdict {
    return this.verdict(state, now);
  }

  protected isDue(verdict: StoppedVerdict): boolean {
    return verdict.kind === 'due';
  }

  protected describe(verdict: StoppedVerdict): string {
    if (verdict.kind === 'unknown') return verdict.why;
    const since = new Date(verdict.since).toISOString();
    return verdict.kind === 'due'
      ? `stopped since ${since}${verdict.exact ? '' : ' at least'}`
      : `stopped since ${since}, due at ${new Date(verdict.dueAt).toISOString()}`;
  }

  /** The same stop: a pod that ran and stopped again since the warning is warned about again, never deleted. */
  protected sameAsWarned(warned: StoppedVerdict, now: StoppedVerdict): boolean {
    return warned.kind !== 'unknown' && now.kind !== 'unknown' && warned.since === now.since;
  }

  /** "Keep It Another N": the rule's own length. */
  protected snoozeMs(state: PodRuleState<StoppedRule>): number {
    return Math.round(state.rule.afterHours * 3_600_000);
  }

  protected warning(state: PodRuleState<StoppedRule>, pod: Pod, verdict: StoppedVerdict, graceMs: number): RuleWarning {
    const now = this.host.clock.now();
    const stopped = verdict.kind === 'unknown' ? { since: now, exact: false } : verdict;
    return stoppedWarning(state, pod, stopped, now, graceMs, this.host.terminateWord(state.accountId));
  }

  protected refusal(_state: PodRuleState<StoppedRule>, fresh: FreshPod): string | undefined {
    if (!fresh.canStop)
      return `${fresh.cloudName} cannot stop pods (stopping is deleting there): a delete-when-stopped rule never acts.`;
    if (!fresh.canTerminate) return `${fresh.cloudName} cannot ${fresh.terminateVerb} it now (${fresh.pod.rawStatus}).`;
    return undefined;
  }

  protected act(accountId: string, pod: Pod): Promise<void> {
    return this.host.terminate(accountId, pod);
  }

  /** A complete list of the account came in: its stopped pods' records follow it. */
  protected override async afterListed(accountId: string): Promise<void> {
    const listed = this.host.listed(accountId);
    if (!listed) return;
    const next = afterListed(this.records(), accountId, listed, this.host.clock.now());
    if (next) {
      await this.host.memento.update(STOPPED_SINCE_KEY, next);
      this.fire(accountId);
    }
  }

  protected override async clockMoved(move: ClockMove): Promise<void> {
    const moved = recordsAfterMove(this.records(), move);
    if (moved) await this.host.memento.update(STOPPED_SINCE_KEY, moved);
  }

  private records(): StoppedRecord[] {
    return readRecords(this.host.memento.get<unknown>(STOPPED_SINCE_KEY));
  }

  protected readonly words: RuleWords<StoppedRule, StoppedVerdict> = {
    armed: (s) => `delete "${s.podName}" (${s.cloud}) once it has been stopped for ${s.rule.afterHours} hours.`,
    warned: (s, v, grace) =>
      `"${s.podName}" stopped for ${this.stoppedFor(v)}; notified, deleting after ${grace} without an answer.`,
    withdrawn: (s, why) => `"${s.podName}" is not due for deletion any more (${why}); it is kept.`,
    asking: (s, fresh, v) =>
      `asking ${fresh.cloudName} to ${fresh.terminateVerb} "${s.podName}", stopped for ${this.stoppedFor(v)} (rule: ${s.rule.afterHours} hours), no answer within the grace period.`,
    doneLog: (s, fresh) => `"${s.podName}" ${fresh.terminatedWord.toLowerCase()}.`,
    verb: (fresh) => fresh.terminateVerb,
    doneWord: (fresh) => fresh.terminatedWord,
    done: (_s, fresh, v) =>
      l10n.t(
        '{0} "{1}": it had been stopped for {2}.',
        fresh.terminatedWord,
        displayText(fresh.pod.name || fresh.pod.id),
        this.stoppedFor(v),
      ),
    outOfDate: (name) => l10n.t('"{0}" is no longer stopped as it was; that warning is out of date.', name),
    changed: (name) =>
      l10n.t(
        'The delete-when-stopped rule of "{0}" was changed or turned off since that warning; nothing changed.',
        name,
      ),
    failed: (name) =>
      l10n.t(
        'GPU Pods could not delete the stopped pod "{0}"; it is still there. See the GPU Pods output for details.',
        name,
      ),
  };

  private stoppedFor(verdict: StoppedVerdict): string {
    return verdict.kind === 'unknown' ? verdict.why : stoppedForText(verdict, this.host.clock.now());
  }
}
