import * as vscode from 'vscode';
import type { CommandId } from '../commands/commandIds';
import { type BurnEntry, type BurnRate, computeBurnRate, formatDuration, formatUsd } from '../core/burnRate';
import { CLOUDS } from '../providers/clouds';
import type { AccountData } from '../services/accountData';
import type { Account, AccountStore } from '../services/accounts';
import { displayMarkdown, escapeMarkdown } from './format';

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
  private readonly ticker: ReturnType<typeof setInterval>;
  /** The tree's lists; until GPU Pods is fully loaded (view opened, command run) there are none. */
  private data?: AccountData;

  constructor(private readonly accounts: AccountStore) {
    this.item = vscode.window.createStatusBarItem('gpuPods.burnRate', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('GPU Pods: Burn Rate');
    this.item.command = 'gpuPods.showRunningPods' satisfies CommandId;
    this.disposables.push(
      this.item,
      accounts.onDidChange(() => this.update()),
    );
    this.ticker = setInterval(() => this.state?.running && this.update(), TICK_MS);
    this.update();
  }

  /** From now on the figures come from these lists (built when the rest of GPU Pods loads). */
  attach(data: AccountData): void {
    this.data = data;
    this.disposables.push(data.onDidChange(() => this.update()));
    this.update();
  }

  update(now = Date.now()): void {
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
    const b = computeBurnRate(entries, now);
    this.state = b;
    this.item.text = `${b.running ? '$(vm-running)' : '$(vm-outline)'} ${summary(b)}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('GPU Pods: {0}', summary(b)) };
    this.item.tooltip = this.tooltip(b, accounts);
    this.visible = true;
    this.item.show();
  }

  private tooltip(b: BurnRate, accounts: readonly Account[]): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('GPU Pods: {0}', summary(b)))}**\n\n`);
    for (const r of b.rows) {
      const price = r.perHour !== undefined ? `${formatUsd(r.perHour)}/h` : vscode.l10n.t('price unknown');
      const spent =
        r.spent !== undefined
          ? vscode.l10n.t('about {0} in {1} since created', formatUsd(r.spent), formatDuration(r.runningMs!))
          : r.runningMs !== undefined
            ? vscode.l10n.t('spend unknown ({0} since created)', formatDuration(r.runningMs))
            : vscode.l10n.t('spend unknown');
      md.appendMarkdown(
        `$(vm-running) ${displayMarkdown(r.pod.name || r.pod.id)} · ${escapeMarkdown(r.where)} · ${escapeMarkdown(price)} · ${escapeMarkdown(spent)}  \n`,
      );
    }
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

  dispose(): void {
    clearInterval(this.ticker);
    for (const d of this.disposables) d.dispose();
  }
}

/** "No pods running", "3 running · $4.12/h", "3 running · $2.53/h + 1 price unknown", "1 running · price unknown". */
export function summary(b: BurnRate): string {
  if (b.running === 0) return vscode.l10n.t('No pods running');
  const parts = [vscode.l10n.t('{0} running', b.running)];
  if (b.priced > 0 && b.unknown > 0)
    parts.push(vscode.l10n.t('{0}/h + {1} price unknown', formatUsd(b.knownPerHour), b.unknown));
  else if (b.priced > 0) parts.push(`${formatUsd(b.knownPerHour)}/h`);
  else parts.push(vscode.l10n.t('price unknown'));
  return parts.join(' · ');
}
