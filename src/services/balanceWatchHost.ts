import * as vscode from 'vscode';
import type { AccountBalance } from '../core/balance';
import type { Clock } from '../core/clock';
import { CLOUDS } from '../providers/clouds';
import type { Workbench } from '../workbench/workbench';
import type { AccountData } from './accountData';
import type { AccountStore } from './accounts';
import { accountBurn, accountWhere } from './accountBurn';
import type { AccountBurn, BalanceHost, LowBalance } from './balanceWatchPort';
import { lowBalanceWarning } from './lowBalanceWarning';
import type { ProviderManager } from './providerManager';
import { spendSettings } from './spendSettings';

/** What the running extension hands its balance watch. */
export interface BalanceWiring {
  memento: vscode.Memento;
  accounts: AccountStore;
  data: AccountData;
  providers: ProviderManager;
  log: vscode.LogOutputChannel;
  clock: Clock;
  view: Pick<vscode.TreeView<unknown>, 'visible' | 'onDidChangeVisibility'>;
  workbench: Workbench;
}

/** The balance watch's view of the running extension: accounts, lists, providers, settings, the workbench. */
export class ExtensionBalanceHost implements BalanceHost {
  readonly memento: vscode.Memento;
  readonly log: vscode.LogOutputChannel;
  readonly clock: Clock;

  constructor(private readonly w: BalanceWiring) {
    this.memento = w.memento;
    this.log = w.log;
    this.clock = w.clock;
  }

  accountIds(): readonly string[] {
    return this.w.accounts.list().map((a) => a.id);
  }

  publishesBalance(accountId: string): boolean | undefined {
    return this.w.data.snapshot(accountId)?.capabilities?.balance;
  }

  async readBalance(accountId: string, signal?: AbortSignal): Promise<AccountBalance> {
    const account = this.w.accounts.get(accountId);
    if (!account) throw new Error('the account is no longer connected');
    const provider = await this.w.providers.get(account);
    if (!provider.balance) throw new Error(`${CLOUDS[account.cloud].displayName} publishes no balance`);
    return provider.balance(signal);
  }

  burn(accountId: string): AccountBurn {
    const account = this.w.accounts.get(accountId);
    return account ? accountBurn(this.w.data, account, this.clock.now()) : { perHour: 0, running: 0, unpriced: 0 };
  }

  warnHours(): number {
    return spendSettings.lowBalanceHours();
  }

  viewVisible(): boolean {
    return this.w.view.visible;
  }

  onViewVisibility(listener: () => void): vscode.Disposable {
    return this.w.view.onDidChangeVisibility(listener);
  }

  onPodsChange(listener: (accountId: string) => void): vscode.Disposable {
    return this.w.data.onDidChange(listener);
  }

  warnLow(low: LowBalance): void {
    const { accounts, data, workbench } = this.w;
    const account = accounts.get(low.accountId);
    if (!account) return;
    const caps = data.snapshot(account.id)?.capabilities;
    // A fixed page of the cloud's console, never a URL a cloud sent.
    const billingPage = CLOUDS[account.cloud].billingPage;
    const { message, buttons } = lowBalanceWarning(low, accountWhere(account, accounts.list()), {
      billingPage: !!billingPage,
      stop: caps?.podActions.has('stop') ? caps.stopWord : false,
    });
    const labels = [buttons.billing, buttons.stop].filter((b): b is string => !!b);
    void workbench.showWarning(message, ...labels).then((answer) => {
      if (answer && answer === buttons.billing && billingPage)
        void workbench.openExternal(vscode.Uri.parse(billingPage));
      if (answer && answer === buttons.stop)
        void workbench.executeCommand(caps?.stopWord === 'pause' ? 'gpuPods.pausePod' : 'gpuPods.stopPod');
    });
  }
}
