import type * as vscode from 'vscode';
import type { Budget } from '../core/budget';
import { computeBurnRate } from '../core/burnRate';
import type { Clock } from '../core/clock';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { SpendSoFar } from '../core/spendSoFar';
import type { Workbench } from '../workbench/workbench';
import type { AccountData } from './accountData';
import type { AccountStore } from './accounts';
import { accountWhere } from './accountBurn';
import type { BudgetHost } from './budgetWatch';
import type { BurningPod } from './budgetWarning';

/** What the running extension hands its budget. */
export interface BudgetWiring {
  memento: vscode.Memento;
  accounts: AccountStore;
  data: AccountData;
  log: vscode.LogOutputChannel;
  clock: Clock;
  spend: SpendSoFar;
  workbench: Workbench;
  /** `gpuPods.budget.*` (services/spendSettings.ts), read at each check. */
  budget(): Budget | undefined;
}

/** The budget's view of the running extension: settings, the spend, the accounts' lists and the Stop command. */
export class ExtensionBudgetHost implements BudgetHost {
  readonly memento: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  readonly clock: Clock;
  readonly spend: SpendSoFar;

  constructor(private readonly w: BudgetWiring) {
    this.memento = w.memento;
    this.log = w.log;
    this.clock = w.clock;
    this.spend = w.spend;
  }

  budget(): Budget | undefined {
    return this.w.budget();
  }

  private burnRate() {
    const all = this.w.accounts.list();
    return computeBurnRate(
      this.w.data.allPods().map(({ account, pod }) => ({
        accountId: account.id,
        cloud: account.cloud,
        where: accountWhere(account, all),
        pod,
      })),
      this.clock.now(),
    );
  }

  burning(): BurningPod[] {
    return this.burnRate()
      .rows.filter((r) => r.perHour !== undefined)
      .map((r) => {
        const caps = this.w.data.snapshot(r.accountId)?.capabilities;
        const pod: BurningPod = {
          accountId: r.accountId,
          podId: r.pod.id,
          name: r.pod.name,
          where: r.where,
          perHour: r.perHour!,
        };
        if (caps?.allows('stop', r.pod)) pod.stop = caps.stopWord;
        return pod;
      });
  }

  unpriced(): number {
    const b = this.burnRate();
    return b.running - b.priced;
  }

  onPodsChange(listener: (accountId: string) => void): vscode.Disposable {
    return this.w.data.onDidChange(listener);
  }

  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined> {
    return this.w.workbench.showWarning(message, ...buttons);
  }

  /** The pod as its account's list has it now: the Stop command runs only where the cloud still allows it. */
  async stop(target: BurningPod): Promise<void> {
    const { accounts, data, workbench } = this.w;
    const account = accounts.get(target.accountId);
    if (account) await data.refresh(account.id);
    const s = data.snapshot(target.accountId);
    const pod = s && !s.error ? s.pods.find((p) => p.id === target.podId) : undefined;
    const caps = s?.capabilities;
    if (!account || !pod || !caps?.allows('stop', pod)) {
      void workbench.showInfo(
        l10n.t(
          'GPU Pods cannot stop "{0}" now: its account does not list it as running.',
          displayText(target.name || target.podId),
        ),
      );
      return;
    }
    await workbench.executeCommand(caps.stopWord === 'pause' ? 'gpuPods.pausePod' : 'gpuPods.stopPod', {
      type: 'pod',
      account,
      pod,
    });
  }
}
