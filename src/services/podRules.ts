import { formatDuration } from '../core/burnRate';
import { ClockSteps, type ClockMove, keptDue } from '../core/clockSteps';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { CloudId, Pod } from '../core/model';
import { type PodRuleState, readStates, ruleKey, ruleStep, snooze, withoutRule, withRule } from '../core/podRule';
import type { FreshPod, IdleRulesHost } from './idleRulesPort';
import type { PodRuleKind, RuleAnswer, RuleWarning, RuleWords } from './podRuleKind';

/** Even with nothing new, armed rules are looked at this often (a grace period ends, a snooze runs out). */
const MAX_SLEEP_MS = 60_000;

/**
 * The machinery every per-pod rule shares: the GPU utilisation rule (idleRules.ts, "stop when GPUs are idle")
 * and the delete-when-stopped rule (stoppedRules.ts). A rule watches its pod while the pod is in one state
 * (running; stopped); when its condition holds, a warning offers act now / keep / turn off, and unanswered
 * within the grace period the action is taken — after the account's list is read again and everything the
 * action rests on is checked once more. Rules live in global state (they survive reloads and run from startup;
 * the accounts with a rule are kept listed); a clock step moves the snoozes and grace periods with it
 * (core/clockSteps.ts), and a warning shown before a sleep gets its whole grace period again after it. Every
 * automatic action is logged, then shown. A subclass says what its condition is, what it does, and in which words.
 */
export abstract class PodRules<R, V> {
  private readonly listeners = new Set<(accountId: string) => void>();
  /** When this window showed the warning, per rule key (never stored: see PodRuleState.notifiedAt). */
  private readonly notified = new Map<string, number>();
  /** The verdict each warning was shown on: the action is taken only while the condition is that same one. */
  private readonly warnedOn = new Map<string, V>();
  private readonly acting = new Set<string>();
  /**
   * When the action was last tried after a grace period and left alone (the list could not be read, the cloud
   * cannot): tried again at most once per MAX_SLEEP_MS, never in a loop (reading the list fires a change).
   */
  private readonly tried = new Map<string, number>();
  protected readonly disposables: Array<{ dispose(): void }> = [];
  private timeout?: unknown;
  private readonly steps: ClockSteps;
  private checking?: Promise<void>;
  private again?: Promise<void>;
  private loggedIgnored = false;

  constructor(
    protected readonly host: IdleRulesHost,
    private readonly kind: PodRuleKind<R>,
  ) {
    this.steps = new ClockSteps(host.clock, 2 * MAX_SLEEP_MS);
  }

  /** Whether the rule watches its pod in this state (running; stopped). */
  protected abstract watches(pod: Pod): boolean;
  /** The condition's verdict for the pod now. */
  protected abstract judge(state: PodRuleState<R>, pod: Pod, now: number): V;
  protected abstract isDue(verdict: V): boolean;
  /** Why the verdict is what it is, for the output channel. */
  protected abstract describe(verdict: V): string;
  /** Whether the condition now is still the one the warning was shown on. */
  protected abstract sameAsWarned(warned: V, now: V): boolean;
  /** How long "keep" keeps the pod. */
  protected abstract snoozeMs(state: PodRuleState<R>): number;
  protected abstract warning(state: PodRuleState<R>, pod: Pod, verdict: V, graceMs: number): RuleWarning;
  /** Why the cloud cannot do the rule's action on the fresh pod (logged), or undefined when it can. */
  protected abstract refusal(state: PodRuleState<R>, fresh: FreshPod): string | undefined;
  /** The rule's action, through the host. */
  protected abstract act(accountId: string, pod: Pod): Promise<void>;
  /** The words of the rule's action and notifications. */
  protected abstract readonly words: RuleWords<R, V>;

  /** Subscribes and takes a first look; called at the end of the subclass's constructor. */
  protected start(): void {
    this.disposables.push(this.host.onPodsChange((accountId) => void this.podsChanged(accountId)));
    this.rulesChanged();
    this.tick();
  }

  /** Called after the stored rules or the pods' states changed (the idle rules ask the feed for readings). */
  protected rulesChanged(): void {}

  /** Called after an account's complete list came in, before the rules look at it. */
  protected async afterListed(_accountId: string): Promise<void> {}

  /** Called when a look finds the wall clock moved (core/clockSteps.ts). */
  protected async clockMoved(_move: ClockMove): Promise<void> {}

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
  list(): Array<PodRuleState<R>> {
    const { storageKey, noun, logName, validate } = this.kind;
    const read = readStates(this.host.memento.get<unknown>(storageKey), this.host.clouds, validate, noun);
    if (read.ignored.length > 0 && !this.loggedIgnored) {
      this.loggedIgnored = true;
      for (const why of read.ignored) this.host.log.warn(`${logName}s: ignored a stored rule (${why}).`);
    }
    return read.states;
  }

  get(accountId: string, podId: string): PodRuleState<R> | undefined {
    const key = ruleKey(accountId, podId);
    return this.list().find((s) => ruleKey(s.accountId, s.podId) === key);
  }

  /** Arms (or replaces) the pod's rule. The caller has checked that the pod's cloud allows the rule. */
  async set(target: { accountId: string; cloud: CloudId; pod: Pod }, rule: R): Promise<PodRuleState<R>> {
    const { accountId, cloud, pod } = target;
    const state: PodRuleState<R> = {
      accountId,
      cloud,
      podId: pod.id,
      podName: pod.name || pod.id,
      rule,
      setAt: this.host.clock.now(),
    };
    this.forgetWarning(ruleKey(accountId, pod.id));
    await this.save(withRule(this.list(), state));
    this.host.log.info(`${this.kind.logName}: ${this.words.armed(state)}`);
    this.fire(accountId);
    return state;
  }

  async clear(accountId: string, podId: string): Promise<boolean> {
    const before = this.list();
    const after = withoutRule(before, accountId, podId);
    this.forgetWarning(ruleKey(accountId, podId));
    if (after.length === before.length) return false;
    await this.save(after);
    this.fire(accountId);
    return true;
  }

  /**
   * Looks at every armed rule now. Runs are serialised; a call made while one runs gets one more run after it
   * (new readings, lists or an answer may have come in since it started).
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
    const watched = this.watchedPods();
    for (const key of [...this.notified.keys()]) if (!watched.has(key)) this.forgetWarning(key);
    for (const { state, pod } of watched.values()) {
      const key = ruleKey(state.accountId, state.podId);
      const verdict = this.judge(state, pod, now);
      const warned = this.warnedOn.get(key);
      if (warned !== undefined && this.isDue(verdict) && !this.sameAsWarned(warned, verdict)) {
        // The pod is not in the state it was warned about (it ran and stopped again): warned again, afresh.
        this.forgetWarning(key);
        this.host.log.info(`${this.kind.logName}: "${state.podName}" changed since its warning; warned again.`);
      }
      const step = ruleStep({ ...state, notifiedAt: this.notified.get(key) }, this.isDue(verdict), now, grace);
      try {
        if (step.kind === 'watch' && this.forgetWarning(key)) {
          this.host.log.info(`${this.kind.logName}: ${this.words.withdrawn(state, this.describe(verdict))}`);
        } else if (step.kind === 'notify') {
          this.notified.set(key, now);
          this.warnedOn.set(key, verdict);
          this.notify(state, pod, verdict, grace);
        } else if (step.kind === 'act') {
          const tried = this.tried.get(key);
          if (tried !== undefined && now >= tried && now - tried < MAX_SLEEP_MS) continue;
          this.tried.set(key, now);
          // A failed action is said; the next try comes with a new warning and a whole grace period.
          if (await this.actAfterGrace(state, warned ?? verdict)) this.forgetWarning(key);
        }
      } catch (e) {
        this.host.log.error(`${this.kind.logName} (${state.podName}): ${String((e as Error)?.message ?? e)}`);
      }
    }
  }

  private notify(state: PodRuleState<R>, pod: Pod, verdict: V, graceMs: number): void {
    const { message, buttons } = this.warning(state, pod, verdict, graceMs);
    this.host.log.info(`${this.kind.logName}: ${this.words.warned(state, verdict, formatDuration(graceMs))}`);
    void this.host
      .showWarning(message, buttons.now, buttons.keep, buttons.off)
      .then((choice) => {
        const answer = (Object.keys(buttons) as RuleAnswer[]).find((a) => buttons[a] === choice);
        return answer && this.answered(state, displayText(pod.name || pod.id), answer, verdict);
      })
      .then(undefined, (e: unknown) =>
        this.host.log.error(`${this.kind.logName} (${state.podName}): ${String((e as Error)?.message ?? e)}`),
      );
  }

  /**
   * The user's answer to a warning, which may come long after it was shown (it waits in the notification
   * centre): when the pod left the state its rule watches, or the rule changed since, nothing is done and that
   * is said.
   */
  private async answered(state: PodRuleState<R>, name: string, answer: RuleAnswer, warned: V): Promise<void> {
    const key = ruleKey(state.accountId, state.podId);
    const { logName } = this.kind;
    if (!this.watchedPods().has(key)) {
      // The answer came after the pod left that state: the rule stays for when it is back in it.
      this.host.log.info(`${logName}: "${state.podName}" answered (${answer}) too late; nothing changed.`);
      void this.host.showInfo(this.words.outOfDate(name));
      return;
    }
    if (answer === 'now') {
      this.forgetWarning(key);
      await this.actNow(state, warned);
      return;
    }
    if (this.get(state.accountId, state.podId)?.setAt !== state.setAt) {
      void this.host.showInfo(this.words.changed(name));
      return;
    }
    this.forgetWarning(key);
    if (answer === 'off') {
      await this.clear(state.accountId, state.podId);
      this.host.log.info(`${logName}: "${state.podName}" kept (Turn Off Rule); its rule is off.`);
    } else {
      const current = this.get(state.accountId, state.podId);
      const ms = this.snoozeMs(state);
      if (current) await this.save(withRule(this.list(), snooze(current, this.host.clock.now(), ms)));
      this.host.log.info(`${logName}: "${state.podName}" kept for ${formatDuration(ms)}.`);
      this.fire(state.accountId);
    }
  }

  /** "Stop Now" / "Delete Now" on the warning: done at once (the user asked), on the pod as its cloud lists it now. */
  private async actNow(state: PodRuleState<R>, warned: V): Promise<void> {
    await this.actOnce(state, async () => {
      const fresh = await this.host.fresh(state.accountId, state.podId);
      if (fresh && this.watches(fresh.pod)) await this.afterListed(state.accountId);
      const now = this.host.clock.now();
      if (
        !fresh ||
        !this.watches(fresh.pod) ||
        this.refusal(state, fresh) !== undefined ||
        !this.sameAsWarned(warned, this.judge(state, fresh.pod, now))
      ) {
        void this.host.showInfo(this.words.outOfDate(displayText(state.podName)));
        return;
      }
      this.host.log.info(
        `${this.kind.logName}: asking ${fresh.cloudName} to ${this.words.verb(fresh)} "${state.podName}" (the warning's button).`,
      );
      await this.act(state.accountId, fresh.pod);
      void this.host.showInfo(
        l10n.t('{0} "{1}".', this.words.doneWord(fresh), displayText(fresh.pod.name || fresh.pod.id)),
      );
      this.fire(state.accountId);
    });
  }

  /** Acts after the grace period, once more checking everything the action rests on; true when the action failed. */
  private async actAfterGrace(state: PodRuleState<R>, warned: V): Promise<boolean> {
    // Another window may have answered (Turn Off Rule, Keep) or acted already.
    const stored = this.get(state.accountId, state.podId);
    if (!stored || stored.setAt !== state.setAt) return false;
    if (stored.snoozedUntil !== undefined && this.host.clock.now() < stored.snoozedUntil) return false;
    const { logName } = this.kind;
    return this.actOnce(state, async () => {
      const fresh = await this.host.fresh(state.accountId, state.podId);
      if (!fresh) {
        this.host.log.warn(`${logName}: "${state.podName}" left alone: its cloud's list could not be read again.`);
        return;
      }
      if (!this.watches(fresh.pod)) return;
      const refusal = this.refusal(stored, fresh);
      if (refusal) {
        this.host.log.warn(`${logName}: "${state.podName}" left alone: ${refusal}`);
        return;
      }
      await this.afterListed(state.accountId);
      const verdict = this.judge(stored, fresh.pod, this.host.clock.now());
      if (!this.isDue(verdict) || !this.sameAsWarned(warned, verdict)) {
        this.host.log.info(`${logName}: "${state.podName}" left alone: ${this.describe(verdict)}.`);
        return;
      }
      this.host.log.info(`${logName}: ${this.words.asking(stored, fresh, verdict)}`);
      await this.act(state.accountId, fresh.pod);
      this.host.log.info(`${logName}: ${this.words.doneLog(stored, fresh, verdict)}`);
      void this.host.showInfo(this.words.done(stored, fresh, verdict));
      this.fire(state.accountId);
    });
  }

  /**
   * One action on the pod at a time (a click and the grace period may meet); a failure is said, not thrown.
   * True when it failed.
   */
  private async actOnce(state: PodRuleState<R>, work: () => Promise<void>): Promise<boolean> {
    const key = ruleKey(state.accountId, state.podId);
    if (this.acting.has(key)) return false;
    this.acting.add(key);
    try {
      await work();
      return false;
    } catch (e) {
      this.host.log.error(
        `${this.kind.logName}: acting on "${state.podName}" failed: ${String((e as Error)?.message ?? e)}`,
      );
      void this.host.showWarning(this.words.failed(displayText(state.podName)));
      return true;
    } finally {
      this.acting.delete(key);
    }
  }

  /** The rules whose pod is in the state they watch, with the pod, by rule key. */
  protected watchedPods(): Map<string, { state: PodRuleState<R>; pod: Pod }> {
    const rules = new Map(this.list().map((s) => [ruleKey(s.accountId, s.podId), s]));
    const out = new Map<string, { state: PodRuleState<R>; pod: Pod }>();
    for (const { accountId, pod } of this.host.pods()) {
      const key = ruleKey(accountId, pod.id);
      const state = rules.get(key);
      if (state && this.watches(pod)) out.set(key, { state, pod });
    }
    return out;
  }

  /**
   * Rules of pods that a complete list no longer has (or shows terminated) are dropped; a pod in another state
   * keeps its rule, which applies again when the pod is back in the watched one.
   */
  private async podsChanged(accountId: string): Promise<void> {
    const listed = this.host.listed(accountId);
    if (listed) await this.afterListed(accountId);
    const states = this.list();
    const gone = listed
      ? states.filter(
          (s) => s.accountId === accountId && !listed.some((p) => p.id === s.podId && p.status !== 'terminated'),
        )
      : [];
    if (gone.length > 0) {
      await this.save(states.filter((s) => !gone.includes(s)));
      for (const s of gone) this.host.log.info(`${this.kind.logName}: "${s.podName}" is gone; its rule is dropped.`);
      this.fire(accountId);
    } else this.rulesChanged();
    void this.check();
  }

  protected async save(states: Array<PodRuleState<R>>): Promise<void> {
    // notifiedAt belongs to this window only.
    await this.host.memento.update(
      this.kind.storageKey,
      states.map(({ notifiedAt: _n, ...s }) => s),
    );
    this.rulesChanged();
    this.schedule();
  }

  /**
   * The clock now; a step back since the last look moves the snoozes and the warnings' grace periods with it,
   * and where the kind says so a warning shown before a sleep (or a step ahead) gets its whole grace period
   * again from now (core/clockSteps.ts).
   */
  private async afterClockMove(): Promise<number> {
    const move = this.steps.look();
    const restart = move.aheadMs > 0 && this.kind.graceAfterSleep === 'restart';
    for (const [key, at] of this.notified) this.notified.set(key, restart ? move.now : keptDue(at, move, 0));
    const states = this.list();
    const kept = states.map((s) =>
      s.snoozedUntil === undefined ? s : { ...s, snoozedUntil: keptDue(s.snoozedUntil, move, this.snoozeMs(s)) },
    );
    if (kept.some((s, i) => s.snoozedUntil !== states[i].snoozedUntil)) await this.save(kept);
    await this.clockMoved(move);
    return move.now;
  }

  private schedule(): void {
    if (this.timeout !== undefined) this.host.clock.clearTimeout(this.timeout);
    this.timeout = undefined;
    if (this.list().length === 0) return;
    const now = this.host.clock.now();
    const grace = this.host.graceMs();
    // A grace period that ended waits for the next try (a minute after the last), not for nothing.
    const due = [...this.notified].map(([key, at]) =>
      at + grace > now ? at + grace - now : (this.tried.get(key) ?? now) + MAX_SLEEP_MS - now,
    );
    const wait = Math.min(MAX_SLEEP_MS, ...due.map((ms) => Math.max(0, ms)));
    this.timeout = this.host.clock.setTimeout(() => this.tick(), wait);
  }

  /** Forgets a warning shown in this window; true when there was one. */
  private forgetWarning(key: string): boolean {
    this.warnedOn.delete(key);
    this.tried.delete(key);
    return this.notified.delete(key);
  }

  protected fire(accountId: string): void {
    for (const l of [...this.listeners]) l(accountId);
  }

  dispose(): void {
    if (this.timeout !== undefined) this.host.clock.clearTimeout(this.timeout);
    for (const d of this.disposables) d.dispose();
    this.listeners.clear();
  }
}
