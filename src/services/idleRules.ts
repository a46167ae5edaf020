import { displayText } from '../core/displayText';
import { timerKey } from '../core/idleTimers';
import { l10n } from '../core/l10n';
import { minutesText } from '../core/plural';
import type { Pod } from '../core/model';
import {
  evaluate,
  type IdleRule,
  type IdleRuleState,
  type IdleVerdict,
  SNOOZE_MS,
  validateRule,
} from '../core/utilisation/idleRule';
import { IDLE_RULES_KEY } from './idleRulesKey';
import type { FreshPod, IdleRulesHost } from './idleRulesPort';
import { idleWarning } from './idleWarning';
import type { RuleWarning, RuleWords } from './podRuleKind';
import { PodRules } from './podRules';

/**
 * "Stop when GPUs stay below X % for N minutes", per pod, on the machinery every pod rule shares (podRules.ts:
 * global state, startup, warning, grace period, a fresh list before acting, clock steps). While a rule's pod
 * runs, the feed is asked to sample it (`idleRule` demand). When the readings prove the pod idle, a warning
 * (idleWarning.ts) offers Stop Now, Keep Running 1 Hour and Turn Off Rule; unanswered within the grace period,
 * the pod is stopped (Yotta pauses). A pod whose readings are missing, stale or unreachable is never stopped,
 * nor one on a cloud that cannot stop pods: an idle rule never deletes one.
 */
export class IdleRules extends PodRules<IdleRule, IdleVerdict> {
  constructor(host: IdleRulesHost) {
    super(host, { storageKey: IDLE_RULES_KEY, noun: 'idle rule', logName: 'Idle rule', validate: validateRule });
    if (host.feed) this.disposables.push(host.feed.onDidChange(() => void this.check()));
    this.start();
  }

  /** The verdict the pod's readings give under `rule`; unknown without readings. */
  verdict(accountId: string, podId: string, rule: IdleRule, now = this.host.clock.now()): IdleVerdict {
    const feed = this.host.feed;
    if (!feed) return { kind: 'unknown', why: 'no utilisation readings' };
    return evaluate(feed.history(timerKey(accountId, podId), now), rule, now);
  }

  protected watches(pod: Pod): boolean {
    return pod.status === 'running';
  }

  protected judge(state: IdleRuleState, _pod: Pod, now: number): IdleVerdict {
    return this.verdict(state.accountId, state.podId, state.rule, now);
  }

  protected isDue(verdict: IdleVerdict): boolean {
    return verdict.kind === 'idle';
  }

  protected describe(verdict: IdleVerdict): string {
    if (verdict.kind === 'unknown') return verdict.why;
    if (verdict.kind === 'busy') return 'a GPU is busy';
    return `idle for ${verdict.minutes} minutes`;
  }

  /** Idle now is idle enough: the readings are judged again right before the stop. */
  protected sameAsWarned(): boolean {
    return true;
  }

  protected snoozeMs(): number {
    return SNOOZE_MS;
  }

  protected warning(state: IdleRuleState, pod: Pod, verdict: IdleVerdict, graceMs: number): RuleWarning {
    const { message, buttons } = idleWarning(state, pod, verdict.kind === 'idle' ? verdict.minutes : 0, graceMs);
    return { message, buttons: { now: buttons.stopNow, keep: buttons.keep, off: buttons.off } };
  }

  protected refusal(_state: IdleRuleState, fresh: FreshPod): string | undefined {
    return fresh.canStop ? undefined : `${fresh.cloudName} cannot stop pods, and an idle rule never deletes one.`;
  }

  protected act(accountId: string, pod: Pod): Promise<void> {
    return this.host.stop(accountId, pod);
  }

  /** The feed samples exactly the running pods whose rule is armed (a snoozed rule keeps its readings). */
  protected override rulesChanged(): void {
    const keys = [...this.watchedPods().values()].map(({ state }) => timerKey(state.accountId, state.podId));
    this.host.feed?.setDemand('idleRule', keys);
  }

  protected readonly words: RuleWords<IdleRule, IdleVerdict> = {
    armed: (s) =>
      `stop "${s.podName}" (${s.cloud}) when its GPUs stay below ${s.rule.thresholdPercent}% for ${s.rule.forMinutes} minutes.`,
    warned: (s, v, grace) =>
      `"${s.podName}" idle for ${v.kind === 'idle' ? v.minutes : 0} minutes (below ${s.rule.thresholdPercent}%); notified, stopping after ${grace} without an answer.`,
    withdrawn: (s, why) => `"${s.podName}" is no longer idle (${why}); it keeps running.`,
    asking: (s, fresh, v) =>
      `asking ${fresh.cloudName} to ${fresh.stopVerb} "${s.podName}" after ${minutesOf(v)} idle minutes (GPUs below ${s.rule.thresholdPercent}%), no answer within the grace period.`,
    doneLog: (s, fresh, v) => `"${s.podName}" ${fresh.stoppedWord.toLowerCase()} after ${minutesOf(v)} idle minutes.`,
    verb: (fresh) => fresh.stopVerb,
    doneWord: (fresh) => fresh.stoppedWord,
    done: (s, fresh, v) =>
      l10n.t(
        '{0} "{1}": its GPUs were idle for {2} (below {3}%).',
        fresh.stoppedWord,
        displayName(fresh.pod),
        minutesText(minutesOf(v)),
        s.rule.thresholdPercent,
      ),
    outOfDate: (name) => l10n.t('"{0}" is no longer running; that warning is out of date.', name),
    changed: (name) =>
      l10n.t('The GPU utilisation rule of "{0}" was changed or turned off since that warning; nothing changed.', name),
    failed: (name) =>
      l10n.t(
        'GPU Pods could not stop the idle pod "{0}"; it is still running. See the GPU Pods output for details.',
        name,
      ),
  };

  override dispose(): void {
    super.dispose();
    this.host.feed?.setDemand('idleRule', []);
  }
}

function minutesOf(verdict: IdleVerdict): number {
  return verdict.kind === 'idle' ? verdict.minutes : 0;
}

function displayName(pod: Pod): string {
  return displayText(pod.name || pod.id);
}
