import * as vscode from 'vscode';
import type { CommandId } from '../workbench/commandIds';
import { formatUsd, oncePerPod, usablePrice } from '../core/burnRate';
import type { Clock } from '../core/clock';
import { minutesText } from '../core/plural';
import type { IdleRule } from '../core/utilisation/idleRule';
import { idleSummary, type IdleSummaryEntry } from '../core/utilisation/idleSummary';
import type { UtilisationFeed } from '../core/utilisation/feed';
import type { AccountData } from '../services/accountData';
import type { IdleRules } from '../services/idleRules';
import { displayMarkdown, escapeMarkdown } from './format';
import { idleStatusText } from './utilisationText';

/**
 * Its own status-bar item next to the burn rate: "2 idle · $3.10/h", the running pods whose readings prove
 * them idle (under their own rule, else the default rule from settings), shown only while there is one.
 * Separate from the burn-rate item, which exists before GPU Pods loads and never waits on readings; a warning
 * belongs in its own place, and hiding it when nothing is idle keeps the bar quiet.
 */
export class IdleStatus implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** The text last shown, undefined while hidden (read by tests). */
  text?: string;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly data: AccountData,
    private readonly feed: UtilisationFeed,
    private readonly rules: IdleRules,
    private readonly defaults: () => IdleRule,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.item = vscode.window.createStatusBarItem('gpuPods.idle', vscode.StatusBarAlignment.Right, 99);
    this.item.name = vscode.l10n.t('GPU Pods: Idle Pods');
    this.item.command = 'gpuPods.showRunningPods' satisfies CommandId;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.disposables.push(
      this.item,
      data.onDidChange(() => this.update()),
      feed.onDidChange(() => this.update()),
      rules.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(now = this.clock.now()): void {
    const entries: Array<IdleSummaryEntry & { name: string }> = oncePerPod(this.data.allPods()).map(
      ({ account, pod }) => {
        const rule = this.rules.get(account.id, pod.id)?.rule ?? this.defaults();
        return {
          pod,
          name: pod.name || pod.id,
          verdict:
            pod.status === 'running'
              ? this.rules.verdict(account.id, pod.id, rule, now)
              : { kind: 'unknown', why: 'not running' },
        };
      },
    );
    const text = idleStatusText(idleSummary(entries));
    this.text = text;
    if (!text) {
      this.item.hide();
      return;
    }
    this.item.text = `$(debug-pause) ${text}`;
    this.item.accessibilityInformation = { label: vscode.l10n.t('GPU Pods: {0}', text) };
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('GPU Pods: {0}', text))}**\n\n`);
    for (const e of entries) {
      if (e.pod.status !== 'running' || e.verdict.kind !== 'idle') continue;
      const price = usablePrice(e.pod.pricePerHour);
      const line = vscode.l10n.t(
        'idle for {0} · {1}',
        minutesText(e.verdict.minutes),
        price === undefined ? vscode.l10n.t('price unknown') : `${formatUsd(price)}/h`,
      );
      md.appendMarkdown(`${displayMarkdown(e.name)} · ${escapeMarkdown(line)}  \n`);
    }
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
