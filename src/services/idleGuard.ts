import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { formatDuration } from '../core/burnRate';
import { hoursText } from '../core/plural';
import type { Clock } from '../core/clock';
import { type IdleKind, type IdleTimer, newTimer, timerKey, withoutTimer, withTimer } from '../core/idleTimers';
import type { Pod } from '../core/model';
import type { PodAction } from '../core/provider';
import { StopTimerSchedule } from '../core/stopTimerSchedule';
import { CLOUDS } from '../providers/clouds';
import { actionLabel, actionVerb } from '../ui/actionLabels';
import type { AccountData } from './accountData';
import type { Account, AccountStore } from './accounts';
import { describeForLog } from './log';
import { IDLE_TIMERS_KEY } from './idleTimersKey';
import { settings } from './settings';
import type { Workbench } from '../workbench/workbench';

export interface IdleGuardHost {
  accounts: AccountStore;
  data: AccountData;
  log: vscode.LogOutputChannel;
  /** Due times are on this clock (core/clockSteps.ts: what a clock step does to them). */
  clock: Clock;
  /** The workbench GPU Pods was built with (the integration suites give a recording one). */
  workbench(): Workbench;
  /** Runs the pod action the usual way (progress, wait, errors reported). */
  act(account: Account, pod: Pod, action: PodAction): Promise<void>;
}

/**
 * Per-pod "stop after" and "remind me after" timers. They live in global state with absolute due times,
 * so they survive a window reload and keep them when the clock moves (StopTimerSchedule, core/clockSteps.ts);
 * one timer waits for the next due time. Nothing here makes a request until a timer is due. Where a cloud
 * cannot stop a pod (NeevCloud), nothing is deleted unless the user asks for it in the notification and
 * confirms in the modal dialog.
 */
export class IdleGuard implements vscode.Disposable {
  private readonly schedule: StopTimerSchedule;
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the account id whose timers changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private checking?: Promise<void>;

  constructor(
    memento: vscode.Memento,
    private readonly host: IdleGuardHost,
  ) {
    this.schedule = new StopTimerSchedule({
      clock: host.clock,
      store: {
        read: () => memento.get<IdleTimer[]>(IDLE_TIMERS_KEY, []),
        write: (t) => memento.update(IDLE_TIMERS_KEY, t),
      },
      graceMs: () => settings.idleGraceMs(),
      wake: () => void this.check(),
    });
    // A notification shown before a reload is gone with the old window: show it again, with a full grace period.
    const timers = this.list();
    if (timers.some((t) => t.notifiedAt !== undefined)) void this.save(timers.map(({ notifiedAt: _n, ...t }) => t));
    this.disposables.push(
      host.data.onDidChange((accountId) => void this.prune(accountId)),
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('gpuPods.idleGuard') && this.schedule.schedule(),
      ),
    );
    this.schedule.schedule();
  }

  list(): IdleTimer[] {
    return this.schedule.list();
  }

  get(accountId: string, podId: string): IdleTimer | undefined {
    return this.list().find((t) => timerKey(t.accountId, t.podId) === timerKey(accountId, podId));
  }

  async set(account: Account, pod: Pod, kind: IdleKind, hours: number): Promise<IdleTimer> {
    const timer = newTimer(
      { accountId: account.id, cloud: account.cloud, podId: pod.id, podName: pod.name || pod.id, kind, hours },
      this.host.clock.now(),
    );
    await this.save(withTimer(this.list(), timer));
    this.host.log.info(
      `Stop timer: ${kind} "${timer.podName}" (${account.cloud}) after ${hours} h, at ${new Date(timer.dueAt).toISOString()}.`,
    );
    this.changed.fire(account.id);
    return timer;
  }

  async clear(accountId: string, podId: string): Promise<boolean> {
    const before = this.list();
    const after = withoutTimer(before, accountId, podId);
    if (after.length === before.length) return false;
    await this.save(after);
    this.changed.fire(accountId);
    return true;
  }

  /** The timers a pod created in GPU Pods gets from the settings (a stop timer wins over a reminder). */
  async applyNewPodDefaults(account: Account, pod: Pod): Promise<void> {
    const { stop, remind } = settings.idleNewPodHours();
    if (stop > 0) await this.set(account, pod, 'stop', stop);
    else if (remind > 0) await this.set(account, pod, 'remind', remind);
  }

  /** One line for the pod's tooltip, or undefined when it has no timer. */
  describe(accountId: string, podId: string, now = this.host.clock.now()): string | undefined {
    const t = this.get(accountId, podId);
    if (!t) return undefined;
    const at = new Date(t.dueAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    const left = t.dueAt > now ? vscode.l10n.t('in {0}', formatDuration(t.dueAt - now)) : vscode.l10n.t('due now');
    return t.kind === 'stop'
      ? vscode.l10n.t('stop after {0} h, at {1} ({2})', t.hours, at, left)
      : vscode.l10n.t('only a reminder after {0} h, at {1} ({2})', t.hours, at, left);
  }

  private save(timers: IdleTimer[]): Promise<void> {
    return this.schedule.save(timers);
  }

  /** Acts on every timer that is due; runs are serialised. */
  check(): Promise<void> {
    this.checking ??= this.run().finally(() => {
      this.checking = undefined;
      this.schedule.schedule();
    });
    return this.checking;
  }

  private async run(): Promise<void> {
    const grace = settings.idleGraceMs();
    for (const { timer: t, phase } of await this.schedule.phases()) {
      try {
        if (phase === 'due') await this.notify(t, grace);
        else if (phase === 'act') await this.stopNow(t, vscode.l10n.t('no answer within the grace period'));
      } catch (e) {
        this.host.log.error(`Stop timer (${t.podName}): ${describeForLog(e)}`);
      }
    }
  }

  /** The pod as the account's fresh list has it, with the account; undefined when it is gone. */
  private async current(t: IdleTimer): Promise<{ account: Account; pod: Pod } | undefined> {
    const account = this.host.accounts.get(t.accountId);
    if (!account) return undefined;
    await this.host.data.refresh(account.id);
    const pod = this.host.data.snapshot(account.id)?.pods.find((p) => p.id === t.podId);
    return pod ? { account, pod } : undefined;
  }

  private async notify(t: IdleTimer, graceMs: number): Promise<void> {
    const found = await this.current(t);
    if (!found || found.pod.status !== 'running') {
      await this.clear(t.accountId, t.podId);
      return;
    }
    const { account, pod } = found;
    // The cloud's name for the pod, made inert: this warning appears on its own, without the user asking.
    const name = displayText(pod.name || pod.id);
    const caps = this.host.data.snapshot(account.id)?.capabilities;
    const canStop = !!caps?.allows('stop', pod);
    const cloud = CLOUDS[account.cloud].displayName;
    const keep = vscode.l10n.t('Keep Running');
    const stopWord = actionLabel(caps, 'stop');
    const stopNow = vscode.l10n.t('{0} Now', stopWord);
    const remove = vscode.l10n.t('{0}…', actionLabel(caps, 'terminate'));
    let message: string;
    if (!canStop) {
      // Never deleted by default: a reminder that only deleting stops the billing, and a button for it.
      message = vscode.l10n.t(
        '"{0}" on {1} has been running for {2}. {1} cannot stop it; only deleting it stops the billing.',
        name,
        cloud,
        hoursText(t.hours),
      );
      await this.clear(t.accountId, t.podId);
    } else if (t.kind === 'stop') {
      message = vscode.l10n.t(
        '"{0}" on {1} has been running for {2}. GPU Pods will {3} it in {4} unless you keep it running.',
        name,
        cloud,
        hoursText(t.hours),
        actionVerb(caps, 'stop'),
        formatDuration(graceMs) === '0m' ? vscode.l10n.t('a moment') : formatDuration(graceMs),
      );
      await this.save(
        this.list().map((x) =>
          timerKey(x.accountId, x.podId) === timerKey(t.accountId, t.podId)
            ? { ...x, notifiedAt: this.host.clock.now() }
            : x,
        ),
      );
    } else {
      message = vscode.l10n.t('"{0}" on {1} is still running (reminder after {2}).', name, cloud, hoursText(t.hours));
      await this.clear(t.accountId, t.podId);
    }
    this.host.log.info(`Stop timer: notified about "${pod.name}" (${t.kind}, ${t.hours} h).`);
    const buttons = canStop ? [keep, stopNow] : [keep, remove];
    void this.host
      .workbench()
      .showWarning(message, ...buttons)
      .then(async (choice) => {
        // The notification waits in the notification centre: an answer may come after the pod stopped.
        const outOfDate = () =>
          void this.host
            .workbench()
            .showInfo(vscode.l10n.t('"{0}" is no longer running; that notification is out of date.', name));
        const still = this.get(t.accountId, t.podId)?.setAt === t.setAt;
        if (choice === keep) {
          if (still) await this.clear(t.accountId, t.podId);
          else if (!this.listedRunning(t)) return outOfDate();
          this.host.log.info(`Stop timer: "${pod.name}" kept running.`);
        } else if (choice === stopNow) {
          if (!(await this.stopNow(t, vscode.l10n.t('you chose {0} Now', stopWord)))) outOfDate();
        } else if (choice === remove) {
          if (!this.listedRunning(t)) return outOfDate();
          // runPodAction asks for confirmation in a modal dialog before deleting.
          await this.host.act(account, pod, 'terminate');
        }
      });
  }

  /** Whether the account's list (as loaded, no request) still has the timer's pod running. */
  private listedRunning(t: IdleTimer): boolean {
    return this.host.data.snapshot(t.accountId)?.pods.find((p) => p.id === t.podId)?.status === 'running';
  }

  /** Stops the pod when its fresh list says it runs; false when it no longer does (nothing to stop). */
  private async stopNow(t: IdleTimer, why: string): Promise<boolean> {
    await this.clear(t.accountId, t.podId);
    const found = await this.current(t);
    if (!found || found.pod.status !== 'running') return false;
    this.host.log.info(`Stop timer: stopping "${found.pod.name}" (${why}).`);
    await this.host.act(found.account, found.pod, 'stop');
    return true;
  }

  /** Timers of pods that are gone or no longer running are dropped once the account's list says so. */
  private async prune(accountId: string): Promise<void> {
    const s = this.host.data.snapshot(accountId);
    if (!s || s.error) return;
    const timers = this.list();
    const gone = timers.filter((t) => {
      if (t.accountId !== accountId) return false;
      const pod = s.pods.find((p) => p.id === t.podId);
      return !pod || pod.status === 'stopped' || pod.status === 'terminated' || pod.status === 'failed';
    });
    if (gone.length === 0) return;
    await this.save(timers.filter((t) => !gone.includes(t)));
    this.changed.fire(accountId);
  }

  dispose(): void {
    this.schedule.dispose();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
