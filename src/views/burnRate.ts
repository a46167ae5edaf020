import * as vscode from 'vscode';
import type { CommandId } from '../workbench/commandIds';
import { type BurnEntry, type BurnRate, computeBurnRate, formatDuration, formatUsd } from '../core/burnRate';
import { type Clock, every } from '../core/clock';
import { costText, spentText } from './format';
import { formatRate, noCurrencyNote } from '../core/price';
import { CLOUDS } from '../providers/clouds';
import type { AccountData } from '../services/accountData';
import type { Account, AccountStore } from '../services/accounts';
import { displayMarkdown, escapeMarkdown } from './format';
import { spendSourceText } from '../core/moneySource';
import { gpuPrices, onGpuPricesChange } from '../services/gpuPriceSettings';
import type { AccountBills } from '../services/cloudBills';
import type { SpendTracker } from '../services/spendTracker';
import { priceSourcesLine, SET_PRICE_COMMAND, setPriceLink, spendLine } from './spendText';

/** How often the tooltip's "spent so far" figures move on; no request is made for it. */
const TICK_MS = 60_000;

/** "Novita AI", or "Novita AI (work)" when several accounts of that cloud are connected. */
export function accountName(account: Account, all: readonly Account[]): string {
  const cloud = CLOUDS[account.cloud].displayName;
  return all.filter((a) => a.cloud === account.cloud).length > 1 ? `${cloud} (${account.label})` : cloud;
}

/**
 * The status-bar item: running pods and what they cost per hour across every connected account, from the
 * lists the tree already loaded (it never asks a cloud itself). Hidden while no account is connected.
 */
export class BurnRateStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** The figures last shown (read by tests). */
  state?: BurnRate;
  /** Whether the item is shown (StatusBarItem has no getter for it). */
  visible = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ticker: { dispose(): void };
  /** The tree's lists; until GPU Pods is fully loaded (view opened, command run) there are none. */
  private data?: AccountData;
  /** Today's and this month's spend: GPU Pods' estimate, and the bills of clouds that publish them. */
  private spend?: { tracker: SpendTracker; bills?: AccountBills };

  constructor(
    private readonly accounts: AccountStore,
    /** "Spent so far" is counted to its now, and moves on with its ticks. */
    private readonly clock: Clock,
  ) {
    this.item = vscode.window.createStatusBarItem('gpuPods.burnRate', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('GPU Pods: Burn Rate');
    this.item.command = 'gpuPods.showRunningPods' satisfies CommandId;
    this.disposables.push(
      this.item,
      accounts.onDidChange(() => this.update()),
      onGpuPricesChange(() => this.update()),
    );
    this.ticker = every(clock, TICK_MS, () => this.state?.running && this.update());
    this.update();
  }

  /** From now on the figures come from these lists (built when the rest of GPU Pods loads). */
  attach(data: AccountData, spend?: { tracker: SpendTracker; bills?: AccountBills }): void {
    this.data = data;
    this.spend = spend;
    this.disposables.push(data.onDidChange(() => this.update()));
    if (spend?.bills) this.disposables.push(spend.bills.onDidChange(() => this.update()));
    this.update();
  }

  update(now = this.clock.now()): void {
    const accounts = this.accounts.list();
    if (accounts.length === 0) {
      this.state = undefined;
      this.visible = false;
      this.item.hide();
      return;
    }
    const data = this.data;
    const loaded = data ? accounts.filter((a) => data.snapshot(a.id)) : [];
    if (!data || loaded.length === 0) {
      this.state = undefined;
      this.item.text = `$(vm-outline) ${vscode.l10n.t('GPU Pods')}`;
      this.item.tooltip = vscode.l10n.t('Open the GPU Pods view to load your pods and what they cost.');
      this.item.accessibilityInformation = { label: vscode.l10n.t('GPU Pods: pods not loaded yet') };
      this.visible = true;
      this.item.show();
      return;
    }
    const entries: BurnEntry[] = data.allPods().map(({ account, pod }) => ({
      accountId: account.id,
      cloud: account.cloud,
      where: accountName(account, accounts),
      pod,
    }));
    const prices = gpuPrices();
    const b = computeBurnRate(entries, now, prices);
    this.state = b;
    this.spend?.tracker.accrue(entries, prices);
    void this.spend?.bills?.refresh(loaded);
    this.item.text = `${b.running ? '$(vm-running)' : '$(vm-outline)'} ${summary(b)}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('GPU Pods: {0}', summary(b)) };
    this.item.tooltip = this.tooltip(b, accounts);
    this.visible = true;
    this.item.show();
  }

  private tooltip(b: BurnRate, accounts: readonly Account[]): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    // The one command it may run: Set Price, linked from a "price unknown" row (cloud text never forms a link).
    md.isTrusted = b.rows.some((r) => !r.cost && r.pod.gpuName) ? { enabledCommands: [SET_PRICE_COMMAND] } : false;
    md.supportHtml = false;
    md.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('GPU Pods: {0}', summary(b)))}**\n\n`);
    for (const r of b.rows) {
      const price = costText(r.cost);
      const spent =
        r.spent !== undefined
          ? `${vscode.l10n.t('about {0} in {1} since created', spentText(r.spent, r.cost), formatDuration(r.runningMs!))} (${spendSourceText('estimated')})`
          : r.runningMs !== undefined
            ? vscode.l10n.t('spend unknown ({0} since created)', formatDuration(r.runningMs))
            : vscode.l10n.t('spend unknown');
      const setPrice = !r.cost && r.pod.gpuName ? ` · ${setPriceLink(r.pod.gpuName)}` : '';
      md.appendMarkdown(
        `$(vm-running) ${displayMarkdown(r.pod.name || r.pod.id)} · ${escapeMarkdown(r.where)} · ${escapeMarkdown(price)}${setPrice} · ${escapeMarkdown(spent)}  \n`,
      );
    }
    const sources = priceSourcesLine(b);
    if (sources) md.appendMarkdown(`\n${escapeMarkdown(sources)}  \n`);
    if (this.spend) md.appendMarkdown(this.spendMarkdown(accounts));
    for (const a of accounts) {
      const s = this.data?.snapshot(a.id);
      const where = escapeMarkdown(accountName(a, accounts));
      if (!s) md.appendMarkdown(`$(info) ${where}: ${escapeMarkdown(vscode.l10n.t('not loaded yet'))}  \n`);
      else if (s.error)
        md.appendMarkdown(
          `$(warning) ${where}: ${escapeMarkdown(vscode.l10n.t('the last refresh failed; its last known pods are counted'))}  \n`,
        );
    }
    if (b.rows.some((r) => r.spent !== undefined)) {
      md.appendMarkdown(
        `\n${escapeMarkdown(vscode.l10n.t('Spend is price × time since the pod was created; less if it was stopped in between.'))}  \n`,
      );
    }
    md.appendMarkdown(`\n${escapeMarkdown(vscode.l10n.t('Click to list the running pods.'))}`);
    return md;
  }

  /** Today's and this month's spend across clouds: billed where the cloud's bills were read, else estimated. */
  private spendMarkdown(accounts: readonly Account[]): string {
    const { tracker, bills } = this.spend!;
    const { today, month } = tracker.current();
    const name = (id: string) => {
      const account = accounts.find((a) => a.id === id);
      return account ? accountName(account, accounts) : id;
    };
    const ids = accounts.map((a) => a.id);
    const billed = bills?.billedOnce(ids);
    const lines = [
      spendLine(vscode.l10n.t('Today'), today, (id) => billed?.get(id)?.today, name, ids),
      spendLine(vscode.l10n.t('This month'), month, (id) => billed?.get(id)?.month, name, ids),
    ];
    return `\n${lines.map((l) => `${escapeMarkdown(l)}  \n`).join('')}`;
  }

  dispose(): void {
    this.ticker.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * "No pods running", "3 running · $4.12/h", "3 running · $2.53/h + 1 price unknown", "1 running · price unknown",
 * "2 running · $0.70/h + 1.98/h (no currency stated)": a quote in another currency, or in none, is never added to
 * dollars.
 */
export function summary(b: BurnRate): string {
  if (b.running === 0) return vscode.l10n.t('No pods running');
  const money = [
    ...(b.priced > 0 ? [`${formatUsd(b.knownPerHour)}/h`] : []),
    ...b.other.map((o) =>
      o.currency
        ? formatRate(o.perHour, 'hour', o.currency)
        : `${formatRate(o.perHour, 'hour', 'unstated')} (${noCurrencyNote()})`,
    ),
  ];
  if (money.length === 0) return [vscode.l10n.t('{0} running', b.running), vscode.l10n.t('price unknown')].join(' · ');
  const total =
    b.unknown > 0 ? vscode.l10n.t('{0} + {1} price unknown', money.join(' + '), b.unknown) : money.join(' + ');
  return [vscode.l10n.t('{0} running', b.running), total].join(' · ');
}
