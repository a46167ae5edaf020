import type * as vscode from 'vscode';
import { type Clock, every } from '../core/clock';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { clockTimeText, ReclaimNotices, timeLeftText } from '../core/spotReclaim';
import { CLOUDS } from '../providers/clouds';
import type { Workbench } from '../workbench/workbench';
import type { AccountData } from './accountData';
import type { Account, AccountStore } from './accounts';

/** How often an account with a running spot pod is read while the GPU Pods view is hidden. */
export const SPOT_FOLLOW_MS = 60_000;

export interface SpotWatchDeps {
  accounts: Pick<AccountStore, 'get' | 'list'>;
  data: Pick<AccountData, 'snapshot' | 'onDidChange' | 'refresh'>;
  view: Pick<vscode.TreeView<unknown>, 'visible'>;
  clock: Clock;
  workbench: Workbench;
  log: Pick<vscode.LogOutputChannel, 'info'>;
  followMs?: number;
}

/**
 * Warns as soon as a cloud announces that it will reclaim a spot pod (Novita `spotStatus`/`spotReclaimTime`),
 * with the time left on GPU Pods' clock: once per pod and reclaim time, however often the list is read again.
 * While the view is hidden the tree's poller rests, so accounts with a running spot pod are read once a minute
 * here: a reclaim notice is worth that one request.
 */
export class SpotWatch implements vscode.Disposable {
  private readonly notices = new ReclaimNotices();
  private readonly disposables: Array<{ dispose(): void }>;

  constructor(private readonly d: SpotWatchDeps) {
    this.disposables = [
      d.data.onDidChange((accountId) => this.check(accountId)),
      every(d.clock, d.followMs ?? SPOT_FOLLOW_MS, () => this.follow()),
    ];
  }

  private check(accountId: string): void {
    const account = this.d.accounts.get(accountId);
    const pods = this.d.data.snapshot(accountId)?.pods;
    if (!account || !pods) return;
    this.notices.prune(accountId, new Set(pods.map((p) => p.id)));
    for (const pod of this.notices.due(accountId, pods)) {
      const message = reclaimMessage(account, pod, this.d.clock.now());
      this.d.log.info(`Spot reclaim announced for ${account.cloud} pod ${pod.id}: ${message}`);
      void this.d.workbench.showWarning(message);
    }
  }

  /** The view's poller reads lists only while the view is shown; spot pods are followed here meanwhile. */
  private follow(): void {
    if (this.d.view.visible) return;
    for (const account of this.d.accounts.list()) {
      const pods = this.d.data.snapshot(account.id)?.pods ?? [];
      if (pods.some((p) => p.spot && p.status === 'running'))
        void this.d.data.refresh(account.id, { background: true });
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** "Novita AI will reclaim the spot pod "trainer" in 4 min (at 14:05). Save your work now." */
export function reclaimMessage(account: Pick<Account, 'cloud'>, pod: Pod, now: number): string {
  const cloud = CLOUDS[account.cloud].displayName;
  const name = displayText(pod.name || pod.id);
  const at = pod.spot?.reclaimAt;
  return at !== undefined
    ? l10n.t(
        '{0} will reclaim the spot pod "{1}" {2} (at {3}). Save your work now.',
        cloud,
        name,
        timeLeftText(at, now),
        clockTimeText(at),
      )
    : l10n.t('{0} has announced that it will reclaim the spot pod "{1}". Save your work now.', cloud, name);
}
