import type * as vscode from 'vscode';
import { type Clock, every } from '../core/clock';
import { displayText } from '../core/displayText';
import { DiskAlarms, diskText } from '../core/diskUsage';
import { timerKey } from '../core/idleTimers';
import { l10n } from '../core/l10n';
import type { DiskUsage, Pod } from '../core/model';
import type { Workbench } from '../workbench/workbench';
import type { AccountData } from './accountData';
import type { Account, AccountStore } from './accounts';
import type { ProviderManager } from './providerManager';

/** How often running pods' disks are read from a cloud's monitoring while the view is shown. */
export const DISK_READ_MS = 10 * 60_000;
/** Pods of one account read per round: a cloud's request budget is shared with the tree and the GPU sampler. */
export const DISK_READS_PER_ACCOUNT = 10;

export interface DiskWatchDeps {
  accounts: Pick<AccountStore, 'get' | 'list'>;
  data: Pick<AccountData, 'snapshot' | 'onDidChange'>;
  providers: Pick<ProviderManager, 'get'>;
  view: Pick<vscode.TreeView<unknown>, 'visible'>;
  clock: Clock;
  workbench: Workbench;
  log: Pick<vscode.LogOutputChannel, 'info' | 'debug'>;
  intervalMs?: number;
}

/**
 * How full each running pod's disks are, and one warning per disk when it crosses the line (core/diskUsage.ts).
 * Disks come from the pod list where a cloud's pod record carries them (GPUGeek), else from the cloud's
 * monitoring (`Provider.diskUsage`, Yotta): read every ten minutes while the view is shown, the longest unread
 * first, and whenever the user hovers the pod (the tooltip's fresh reading is recorded here too).
 */
export class DiskWatch implements vscode.Disposable {
  private readonly read = new Map<string, { disks: DiskUsage[]; at: number }>();
  private readonly alarms = new DiskAlarms();
  private readonly listeners = new Set<(accountId: string) => void>();
  private readonly disposables: Array<{ dispose(): void }>;
  private running = false;

  constructor(private readonly d: DiskWatchDeps) {
    this.disposables = [
      d.data.onDidChange((accountId) => this.listed(accountId)),
      every(d.clock, d.intervalMs ?? DISK_READ_MS, () => void this.round()),
    ];
  }

  /** Fires with the account whose disks changed. */
  onDidChange(listener: (accountId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The pod's disks: its own record's, else the last reading of its cloud's monitoring. */
  disks(accountId: string, pod: Pod): DiskUsage[] | undefined {
    return pod.disks ?? this.read.get(timerKey(accountId, pod.id))?.disks;
  }

  /** A reading taken elsewhere (the tooltip's). */
  record(account: Account, pod: Pod, disks: DiskUsage[]): void {
    this.read.set(timerKey(account.id, pod.id), { disks, at: this.d.clock.now() });
    this.warn(account, pod, disks);
    for (const l of [...this.listeners]) l(account.id);
  }

  private listed(accountId: string): void {
    const account = this.d.accounts.get(accountId);
    const pods = this.d.data.snapshot(accountId)?.pods ?? [];
    if (!account) return;
    const listed = new Set(pods.map((p) => timerKey(accountId, p.id)));
    for (const key of [...this.read.keys()])
      if (key.startsWith(timerKey(accountId, '')) && !listed.has(key)) this.read.delete(key);
    for (const pod of pods) if (pod.disks && pod.status === 'running') this.warn(account, pod, pod.disks);
    this.alarms.prune(
      new Set(
        this.d.accounts
          .list()
          .flatMap((a) => (this.d.data.snapshot(a.id)?.pods ?? []).map((p) => timerKey(a.id, p.id))),
      ),
    );
  }

  private warn(account: Account, pod: Pod, disks: DiskUsage[]): void {
    for (const disk of this.alarms.update(timerKey(account.id, pod.id), disks)) {
      const message = l10n.t(
        '"{0}" of "{1}" is nearly full: {2}. Free some space before it fills up.',
        displayText(disk.label),
        displayText(pod.name || pod.id),
        diskText(disk),
      );
      this.d.log.info(`Disk nearly full on ${account.cloud} pod ${pod.id}: ${message}`);
      void this.d.workbench.showWarning(message);
    }
  }

  /** Reads the disks of running pods whose cloud reports them only through its monitoring. */
  private async round(): Promise<void> {
    if (!this.d.view.visible || this.running) return;
    this.running = true;
    try {
      for (const account of this.d.accounts.list()) await this.readAccount(account);
    } finally {
      this.running = false;
    }
  }

  private async readAccount(account: Account): Promise<void> {
    const pods = (this.d.data.snapshot(account.id)?.pods ?? []).filter((p) => p.status === 'running' && !p.disks);
    if (!pods.length) return;
    const provider = await this.d.providers.get(account).catch(() => undefined);
    if (!provider?.diskUsage) return;
    const age = (p: Pod) => this.read.get(timerKey(account.id, p.id))?.at ?? -Infinity;
    const due = [...pods].sort((a, b) => age(a) - age(b)).slice(0, DISK_READS_PER_ACCOUNT);
    for (const pod of due) {
      try {
        this.record(account, pod, await provider.diskUsage(pod.id));
      } catch (e) {
        // The row keeps its last reading; a failed read is not worth a toast.
        this.d.log.debug(
          `Reading the disks of ${account.cloud} pod ${pod.id} failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.listeners.clear();
  }
}
