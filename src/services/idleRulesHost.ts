import * as vscode from 'vscode';
import { CLOUD_IDS } from '../core/cloudIds';
import type { Clock } from '../core/clock';
import type { Pod } from '../core/model';
import type { CloudFacts } from '../core/provider';
import type { UtilisationFeed } from '../core/utilisation/feed';
import { CLOUDS } from '../providers/clouds';
import { actionVerb } from '../ui/actionLabels';
import type { Workbench } from '../workbench/workbench';
import type { AccountData } from './accountData';
import type { Account, AccountStore } from './accounts';
import type { FreshPod, IdleRulesHost } from './idleRulesPort';
import { settings } from './settings';

/** What the running extension hands its idle rules. */
export interface IdleRulesWiring {
  memento: vscode.Memento;
  accounts: AccountStore;
  data: AccountData;
  /** The GPU utilisation readings the rules judge on. */
  feed: UtilisationFeed;
  log: vscode.LogOutputChannel;
  clock: Clock;
  workbench: Workbench;
  /** Stops the pod as the Stop command does (progress, waiting for it); given by src/gpuPods.ts. */
  stopPod(account: Account, pod: Pod): Promise<void>;
  /** Deletes the pod as the Delete command does, without its confirmation (the rule's warning was it). */
  terminatePod(account: Account, pod: Pod): Promise<void>;
}

/**
 * The idle rules' view of the running extension (src/services/idleRules.ts asks through IdleRulesHost): pods
 * from the accounts' lists, a list read again right before acting, the cloud's own stop word, the pod stopped
 * the usual way, and the workbench's notifications.
 */
export class ExtensionIdleRulesHost implements IdleRulesHost {
  readonly memento: vscode.Memento;
  readonly feed: UtilisationFeed;
  readonly log: vscode.LogOutputChannel;
  readonly clock: Clock;
  readonly clouds: readonly string[] = CLOUD_IDS;

  constructor(private readonly w: IdleRulesWiring) {
    this.memento = w.memento;
    this.feed = w.feed;
    this.log = w.log;
    this.clock = w.clock;
  }

  graceMs(): number {
    return settings.idleGraceMs();
  }

  pods(): Array<{ accountId: string; pod: Pod }> {
    return this.w.data.allPods().map(({ account, pod }) => ({ accountId: account.id, pod }));
  }

  listed(accountId: string): readonly Pod[] | undefined {
    const s = this.w.data.snapshot(accountId);
    return s && !s.error ? s.pods : undefined;
  }

  keepListed(accountIds: readonly string[]): void {
    const { accounts, data } = this.w;
    const now = this.clock.now();
    for (const id of accountIds) {
      const account = accounts.get(id);
      const s = data.snapshot(id);
      if (!account || data.isRefreshing(id) || (s?.backoffUntil && now < s.backoffUntil)) continue;
      if (!s?.loadedAt || now - s.loadedAt >= settings.slowPollSeconds(account.cloud) * 1000)
        void data.refresh(id, { background: true });
    }
  }

  onPodsChange(listener: (accountId: string) => void): vscode.Disposable {
    return this.w.data.onDidChange(listener);
  }

  async fresh(accountId: string, podId: string): Promise<FreshPod | undefined> {
    const { accounts, data } = this.w;
    const account = accounts.get(accountId);
    if (!account) return undefined;
    await data.refresh(accountId);
    const s = data.snapshot(accountId);
    const pod = s && !s.error ? s.pods.find((p) => p.id === podId) : undefined;
    if (!s || !pod) return undefined;
    const caps = s.capabilities;
    return {
      pod,
      canStop: !!caps?.podActions.has('stop'),
      canTerminate: !!caps?.allows('terminate', pod),
      stopVerb: actionVerb(caps, 'stop'),
      stoppedWord: caps?.stopWord === 'pause' ? vscode.l10n.t('Paused') : vscode.l10n.t('Stopped'),
      terminateVerb: actionVerb(caps, 'terminate'),
      terminatedWord: terminatedWord(caps?.terminateWord),
      cloudName: CLOUDS[account.cloud].displayName,
    };
  }

  async stop(accountId: string, pod: Pod): Promise<void> {
    const account = this.w.accounts.get(accountId);
    if (!account) throw new Error('the account is no longer connected');
    await this.w.stopPod(account, pod);
    const after = this.w.data.snapshot(accountId)?.pods.find((p) => p.id === pod.id);
    if (after?.status === 'running') throw new Error('the pod is still running');
  }

  async terminate(accountId: string, pod: Pod): Promise<void> {
    const account = this.w.accounts.get(accountId);
    if (!account) throw new Error('the account is no longer connected');
    await this.w.terminatePod(account, pod);
    const after = this.w.data.snapshot(accountId)?.pods.find((p) => p.id === pod.id);
    if (after && after.status !== 'terminated' && after.status !== 'terminating')
      throw new Error(`the pod is still there (${after.rawStatus})`);
  }

  terminateWord(accountId: string): CloudFacts['terminateWord'] | undefined {
    return this.w.data.snapshot(accountId)?.capabilities?.terminateWord;
  }

  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined> {
    return this.w.workbench.showWarning(message, ...buttons);
  }

  showInfo(message: string, ...buttons: string[]): Thenable<string | undefined> {
    return this.w.workbench.showInfo(message, ...buttons);
  }
}

/** "Deleted" / "Released" / "Terminated": the cloud's word, opening a "done" notification. */
function terminatedWord(word: CloudFacts['terminateWord'] | undefined): string {
  return word === 'release'
    ? vscode.l10n.t('Released')
    : word === 'terminate'
      ? vscode.l10n.t('Terminated')
      : vscode.l10n.t('Deleted');
}
