import { formatDuration } from '../core/burnRate';
import { ClockSteps, keptDue } from '../core/clockSteps';
import { displayText } from '../core/displayText';
import { timerKey } from '../core/idleTimers';
import { l10n } from '../core/l10n';
import { minutesText } from '../core/plural';
import type { CloudId, Pod } from '../core/model';
import {
  evaluate,
  type IdleRule,
  type IdleRuleState,
  type IdleVerdict,
  nextStep,
  readRuleStates,
  ruleKey,
  snooze,
  SNOOZE_MS,
  withoutRule,
  withRule,
} from '../core/utilisation/idleRule';
import { IDLE_RULES_KEY } from './idleRulesKey';
import type { IdleRulesHost } from './idleRulesPort';
import { type IdleAnswer, idleWarning } from './idleWarning';

/** Even with no new reading, armed rules are looked at this often (a grace period ends, a snooze runs out). */
const MAX_SLEEP_MS = 60_000;

/**
 * "Stop when GPUs stay below X % for N minutes", per pod. The rules live in global state (so they survive
 * reloads and run from startup, like the idle timers); while a rule's pod runs, the feed is asked to sample
 * it (`idleRule` demand). When the readings prove the pod idle, a notification (idleWarning.ts) offers Stop
 * Now, Keep Running 1 Hour and Turn Off Rule; unanswered within the grace period, the pod is stopped (Yotta
 * pauses). A pod whose readings are missing, stale or unreachable is never stopped, nor one whose account
 * list cannot be read again right before acting. Each automatic action is logged and then shown.
 */
export class IdleRules {
  private readonly listeners = new Set<(accountId: string) => void>();
  /** When this window showed the notification, per rule key (never stored: see IdleRuleState.notifiedAt). */
  private readonly notified = new Map<string, number>();
  private readonly stopping = new Set<string>();
  private readonly disposables: Array<{ dispose(): void }> = [];
  private timeout?: unknown;
  private readonly steps: ClockSteps;
  private checking?: Promise<void>;
  private again?: Promise<void>;
  private loggedIgnored = false;

  constructor(private readonly host: IdleRulesHost) {
    this.steps = new ClockSteps(host.clock, 2 * MAX_SLEEP_MS);
    this.disposables.push(host.onPodsChange((accountId) => void this.podsChanged(accountId)));
    if (host.feed) this.disposables.push(host.feed.onDidChange(() => void this.check()));
    this.updateDemand();
    this.tick();
  }

  /** Lists of the accounts with a rule kept fresh, then every rule looked at. */
  private tick(): void {
    const accounts = [...new Set(this.list().map((s) => s.accountId))];
    if (accounts.length > 0) this.host.keepListed(accounts);
    void this.check();
  }

  /** Fires with the account id whose rules changed (the tree redraws that account). */
  onDidChange(listener: (accountId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The stored rules; anything malformed is left out and said once in the output channel. */
  list(): IdleRuleState[] {
    const read = readRuleStates(this.host.memento.get<unknown>(IDLE_RULES_KEY), this.host.clouds);
    if (read.ignored.length > 0 && !this.loggedIgnored) {
      this.loggedIgnored = true;
      for (const why of read.ignored) this.host.log.warn(`Idle rules: ignored a stored rule (${why}).`);
    }
    return read.states;
  }

  get(accountId: string, podId: string): IdleRuleState | undefined {
    const key = ruleKey(accountId, podId);
    return this.list().find((s) => ruleKey(s.accountId, s.podId) === key);
  }

  /** Arms (or replaces) the pod's rule. The caller has checked that the pod's cloud can stop pods. */
  async set(target: { accountId: string; cloud: CloudId; pod: Pod }, rule: IdleRule): Promise<IdleRuleState> {
    const { accountId, cloud, pod } = target;
    const state: IdleRuleState = {
      accountId,
      cloud,
      podId: pod.id,
      podName: pod.name || pod.id,
      rule,
      setAt: this.host.clock.now(),
    };
    this.notified.delete(ruleKey(accountId, pod.id));
    await this.save(withRule(this.list(), state));
    this.host.log.info(
      `Idle rule: stop "${state.podName}" (${cloud}) when its GPUs stay below ${rule.thresholdPercent}% for ${rule.forMinutes} minutes.`,
    );
    this.fire(accountId);
    return state;
  }

  async clear(accountId: string, podId: string): Promise<boolean> {
    const before = this.list();
    const after = withoutRule(before, accountId, podId);
    this.notified.delete(ruleKey(accountId, podId));
    if (after.length === before.length) return false;
    await this.save(after);
    this.fire(accountId);
    return true;
  }

  /** The verdict the pod's readings give under `rule`; unknown without readings. */
  verdict(accountId: string, podId: string, rule: IdleRule, now = this.host.clock.now()): IdleVerdict {
    const feed = this.host.feed;
    if (!feed) return { kind: 'unknown', why: 'no utilisation readings' };
    return evaluate(feed.history(timerKey(accountId, podId), now), rule, now);
  }

  /**
   * Looks at every armed rule now. Runs are serialised; a call made while one runs gets one more run after it
   * (new readings or an answer may have come in since it started).
   */
  check(): Promise<void> {
    if (this.checking) {
      this.again ??= this.checking.then(() => {
        this.again = undefined;
        return this.check();
      });
      return this.again;
    }
    this.checking = this.run().finally(() => {
      this.checking = undefined;
      this.schedule();
    });
    return this.checking;
  }

  private async run(): Promise<void> {
    const now = await this.afterClockMove();
    const grace = this.host.graceMs();
    const running = this.runningPods();
    for (const key of [...this.notified.keys()]) if (!running.has(key)) this.notified.delete(key);
    for (const { state, pod } of running.values()) {
      const key = ruleKey(state.accountId, state.podId);
      const verdict = this.verdict(state.accountId, state.podId, state.rule, now);
      const step = nextStep({ ...state, notifiedAt: this.notified.get(key) }, verdict, now, grace);
      try {
        if (step.kind === 'watch' && this.notified.delete(key)) {
          this.host.log.info(
            `Idle rule: "${state.podName}" is no longer idle (${describe(verdict)}); it keeps running.`,
          );
        } else if (step.kind === 'notify') {
          this.notified.set(key, now);
          this.notify(state, pod, step.minutes, grace);
        } else if (step.kind === 'stop') {
          this.notified.delete(key);
          await this.autoStop(state, step.minutes);
        }
      } catch (e) {
        this.host.log.error(`Idle rule (${state.podName}): ${String((e as Error)?.message ?? e)}`);
      }
    }
  }

  private notify(state: IdleRuleState, pod: Pod, minutes: number, graceMs: number): void {
    const { message, buttons } = idleWarning(state, pod, minutes, graceMs);
    this.host.log.info(
      `Idle rule: "${state.podName}" idle for ${minutes} minutes (below ${state.rule.thresholdPercent}%); notified, stopping after ${formatDuration(graceMs)} without an answer.`,
    );
    void this.host
      .showWarning(message, buttons.stopNow, buttons.keep, buttons.off)
      .then((choice) => {
        const answer = (Object.keys(buttons) as IdleAnswer[]).find((a) => buttons[a] === choice);
        return answer && this.answered(state, displayText(pod.name || pod.id), answer);
      })
      .then(undefined, (e: unknown) =>
        this.host.log.error(`Idle rule (${state.podName}): ${String((e as Error)?.message ?? e)}`),
      );
  }

  /**
   * The user's answer to a warning, which may come long after it was shown (it waits in the notification
   * centre): when the pod is no longer running, or its rule changed since, nothing is done and that is said.
   */
  private async answered(state: IdleRuleState, name: string, answer: IdleAnswer): Promise<void> {
    const key = ruleKey(state.accountId, state.podId);
    if (!this.runningPods().has(key)) {
      // The answer came after the pod stopped: the rule stays for when it runs again.
      this.host.log.info(`Idle rule: "${state.podName}" answered (${answer}) after it stopped; nothing changed.`);
      void this.host.showInfo(l10n.t('"{0}" is no longer running; that warning is out of date.', name));
      return;
    }
    if (answer === 'stopNow') {
      this.notified.delete(key);
      await this.stopNow(state);
      return;
    }
    if (this.get(state.accountId, state.podId)?.setAt !== state.setAt) {
      void this.host.showInfo(
        l10n.t(
          'The GPU utilisation rule of "{0}" was changed or turned off since that warning; nothing changed.',
          name,
        ),
      );
      return;
    }
    this.notified.delete(key);
    if (answer === 'off') {
      await this.clear(state.accountId, state.podId);
      this.host.log.info(`Idle rule: "${state.podName}" kept running (Turn Off Rule); its idle rule is off.`);
    } else {
      const current = this.get(state.accountId, state.podId);
      if (current) await this.save(withRule(this.list(), snooze(current, this.host.clock.now())));
      this.host.log.info(`Idle rule: "${state.podName}" kept running for 1 hour.`);
      this.fire(state.accountId);
    }
  }

  /** "Stop Now" on the warning: the pod as its cloud lists it now is stopped at once (the user asked). */
  private stopNow(state: IdleRuleState): Promise<void> {
    return this.stopOnce(state, async () => {
      const fresh = await this.host.fresh(state.accountId, state.podId);
      if (!fresh || fresh.pod.status !== 'running' || !fresh.canStop) {
        void this.host.showInfo(
          l10n.t('"{0}" is no longer running; that warning is out of date.', displayText(state.podName)),
        );
        return;
      }
      this.host.log.info(`Idle rule: asking ${fresh.cloudName} to ${fresh.stopVerb} "${state.podName}" (Stop Now).`);
      await this.host.stop(state.accountId, fresh.pod);
      void this.host.showInfo(l10n.t('{0} "{1}".', fresh.stoppedWord, displayText(fresh.pod.name || fresh.pod.id)));
      this.fire(state.accountId);
    });
  }

  /** Stops the pod after the grace period, once more checking everything a stop rests on. */
  private async autoStop(state: IdleRuleState, minutes: number): Promise<void> {
    // Another window may have answered (Turn Off Rule, Keep Running) or stopped it already.
    const stored = this.get(state.accountId, state.podId);
    if (!stored || stored.setAt !== state.setAt) return;
    if (stored.snoozedUntil !== undefined && this.host.clock.now() < stored.snoozedUntil) return;
    await this.stopOnce(state, async () => {
      const fresh = await this.host.fresh(state.accountId, state.podId);
      if (!fresh) {
        this.host.log.warn(`Idle rule: "${state.podName}" not stopped: its cloud's list could not be read again.`);
        return;
      }
      if (fresh.pod.status !== 'running') return;
      if (!fresh.canStop) {
        this.host.log.warn(
          `Idle rule: "${state.podName}" not stopped: ${fresh.cloudName} cannot stop pods, and an idle rule never deletes one.`,
        );
        return;
      }
      const verdict = this.verdict(state.accountId, state.podId, stored.rule);
      if (verdict.kind !== 'idle') {
        this.host.log.info(`Idle rule: "${state.podName}" not stopped: ${describe(verdict)}.`);
        return;
      }
      this.host.log.info(
        `Idle rule: asking ${fresh.cloudName} to ${fresh.stopVerb} "${state.podName}" after ${verdict.minutes} idle minutes (GPUs below ${stored.rule.thresholdPercent}%), no answer within the grace period.`,
      );
      await this.host.stop(state.accountId, fresh.pod);
      const name = displayText(fresh.pod.name || fresh.pod.id);
      this.host.log.info(
        `Idle rule: "${state.podName}" ${fresh.stoppedWord.toLowerCase()} after ${verdict.minutes} idle minutes.`,
      );
      void this.host.showInfo(
        l10n.t(
          '{0} "{1}": its GPUs were idle for {2} (below {3}%).',
          fresh.stoppedWord,
          name,
          minutesText(Math.max(minutes, verdict.minutes)),
          stored.rule.thresholdPercent,
        ),
      );
      this.fire(state.accountId);
    });
  }

  /** Runs one stop of the pod at a time (a click and the grace period may meet); a failure is said, not thrown. */
  private async stopOnce(state: IdleRuleState, stop: () => Promise<void>): Promise<void> {
    const key = ruleKey(state.accountId, state.podId);
    if (this.stopping.has(key)) return;
    this.stopping.add(key);
    try {
      await stop();
    } catch (e) {
      this.host.log.error(`Idle rule: stopping "${state.podName}" failed: ${String((e as Error)?.message ?? e)}`);
      void this.host.showWarning(
        l10n.t(
          'GPU Pods could not stop the idle pod "{0}"; it is still running. See the GPU Pods output for details.',
          displayText(state.podName),
        ),
      );
    } finally {
      this.stopping.delete(key);
    }
  }

  /** The rules whose pod is running now, with the pod, by rule key. */
  private runningPods(): Map<string, { state: IdleRuleState; pod: Pod }> {
    const rules = new Map(this.list().map((s) => [ruleKey(s.accountId, s.podId), s]));
    const out = new Map<string, { state: IdleRuleState; pod: Pod }>();
    for (const { accountId, pod } of this.host.pods()) {
      const key = ruleKey(accountId, pod.id);
      const state = rules.get(key);
      if (state && pod.status === 'running') out.set(key, { state, pod });
    }
    return out;
  }

  /** The feed samples exactly the running pods whose rule is armed (a snoozed rule keeps its readings). */
  private updateDemand(): void {
    const keys = [...this.runningPods().values()].map(({ state }) => timerKey(state.accountId, state.podId));
    this.host.feed?.setDemand('idleRule', keys);
  }

  /**
   * Rules of pods that a complete list no longer has (or shows terminated) are dropped; a stopped pod keeps
   * its rule, which applies again when the pod runs.
   */
  private async podsChanged(accountId: string): Promise<void> {
    const listed = this.host.listed(accountId);
    const states = this.list();
    const gone = listed
      ? states.filter(
          (s) => s.accountId === accountId && !listed.some((p) => p.id === s.podId && p.status !== 'terminated'),
        )
      : [];
    if (gone.length > 0) {
      await this.save(states.filter((s) => !gone.includes(s)));
      for (const s of gone) this.host.log.info(`Idle rule: "${s.podName}" is gone; its rule is dropped.`);
      this.fire(accountId);
    } else this.updateDemand();
    void this.check();
  }

  private async save(states: IdleRuleState[]): Promise<void> {
    // notifiedAt belongs to this window only.
    await this.host.memento.update(
      IDLE_RULES_KEY,
      states.map(({ notifiedAt: _n, ...s }) => s),
    );
    this.updateDemand();
    this.schedule();
  }

  /**
   * The clock now; a step back since the last look moves the snoozes and the warnings' grace periods with it
   * (core/clockSteps.ts). A jump ahead needs no care here: the readings are then too old, the verdict unknown,
   * and a warning shown before it is withdrawn.
   */
  private async afterClockMove(): Promise<number> {
    const move = this.steps.look();
    for (const [key, at] of this.notified) this.notified.set(key, keptDue(at, move, 0));
    const states = this.list();
    const kept = states.map((s) =>
      s.snoozedUntil === undefined ? s : { ...s, snoozedUntil: keptDue(s.snoozedUntil, move, SNOOZE_MS) },
    );
    if (kept.some((s, i) => s.snoozedUntil !== states[i].snoozedUntil)) await this.save(kept);
    return move.now;
  }

  private schedule(): void {
    if (this.timeout !== undefined) this.host.clock.clearTimeout(this.timeout);
    this.timeout = undefined;
    if (this.list().length === 0) return;
    const now = this.host.clock.now();
    const grace = this.host.graceMs();
    const due = [...this.notified.values()].map((at) => at + grace - now);
    const wait = Math.min(MAX_SLEEP_MS, ...due.map((ms) => Math.max(0, ms)));
    this.timeout = this.host.clock.setTimeout(() => this.tick(), wait);
  }

  private fire(accountId: string): void {
    for (const l of [...this.listeners]) l(accountId);
  }

  dispose(): void {
    if (this.timeout !== undefined) this.host.clock.clearTimeout(this.timeout);
    for (const d of this.disposables) d.dispose();
    this.host.feed?.setDemand('idleRule', []);
    this.listeners.clear();
  }
}

function describe(verdict: IdleVerdict): string {
  if (verdict.kind === 'unknown') return verdict.why;
  if (verdict.kind === 'busy') return 'a GPU is busy';
  return `idle for ${verdict.minutes} minutes`;
}
