import * as vscode from 'vscode';
import { hourlyCost } from '../core/burnRate';
import type { Pod } from '../core/model';
import type { Capabilities } from '../core/capabilities';
import { settablePrice } from '../core/priceSetting';
import type { UserPrices } from '../core/userPrices';
import { actionVerb } from '../ui/actionLabels';
import { displayMarkdown, displayText, gpuLabel, podPriceText, staleText } from './format';
import { statusText } from '../ui/statusText';
import type { PodNode } from './nodes';
import { type PodFactsOptions, podTooltipRows } from './podFacts';
import { contextValue, podMenuFlags } from './menuFlags';
import { setPriceLink, SET_PRICE_COMMAND } from './spendText';
import { statusIcon } from './statusIcon';
import type { PodMarks } from './podMarks';

export function podItem(
  node: PodNode,
  capabilities: Capabilities | undefined,
  /**
   * The latest GPU reading ("GPU 37%"), whether the pod has a GPU utilisation rule (`+idleRule`) and whether
   * it has a stop timer or reminder (`+idleTimer`, which offers Clear Stop Timer): each flag from its own store.
   */
  gpu: {
    percentText?: string;
    idleRule?: boolean;
    idleTimer?: boolean;
    /** The pod has a delete-when-stopped rule (`+deleteRule`); its countdown for the row ("deletes in 1d 4h"). */
    deleteRule?: boolean;
    deleteRuleText?: string;
  } = {},
  /** When the pod's list was last read, if its latest read failed (the row is kept from that list). */
  staleSince?: number,
  /** "spot: reclaimed in 4 min" and "disk 93% full" first, "spot" after the price (views/podMarks.ts). */
  marks: PodMarks = {},
  /** The user's USD per GPU-hour by GPU type, for a pod no cloud prices. */
  prices?: UserPrices,
): vscode.TreeItem {
  const { pod, account } = node;
  const item = new vscode.TreeItem(displayText(pod.name || pod.id), vscode.TreeItemCollapsibleState.None);
  item.id = `pod:${account.id}:${pod.id}`;
  item.description = displayText(
    [
      staleText(staleSince),
      ...(marks.urgent ?? []),
      gpuLabel(pod),
      pod.region,
      podPriceText(pod, false, prices),
      marks.spot,
      gpu.percentText,
      pod.pending ? vscode.l10n.t('{0} (operation pending)', statusText(pod)) : statusText(pod),
      gpu.deleteRuleText,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  item.iconPath = marks.warning
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : statusIcon(pod.status, pod.pending);
  // The tooltip is built in resolveTreeItem, when the user hovers: building 500 of them up front
  // costs more than the rest of the tree.
  item.contextValue = contextValue(
    'pod',
    podMenuFlags(pod, capabilities, !!gpu.idleTimer, !!gpu.idleRule, settablePrice(pod, prices), !!gpu.deleteRule),
  );
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0}, {1}', displayText(pod.name || pod.id), item.description),
  };
  return item;
}

/**
 * Untrusted values only, all escaped: the tooltip carries no link from a cloud. Its one command link is ours
 * (Set Price for the GPU type, where no price is known), and it is the only command the tooltip may run.
 */
export function podTooltip(
  pod: Pod,
  options: PodFactsOptions & {
    capabilities?: Capabilities;
    /** Markdown already made safe (utilisationMarkdown): the GPU figures and the last hour's sparkline. */
    utilisation?: string;
  } = {},
): vscode.MarkdownString {
  const { capabilities, utilisation } = options;
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const rows = podTooltipRows(pod, options);
  if (capabilities && !capabilities.podActions.has('stop')) {
    rows.push([
      vscode.l10n.t('Stop'),
      vscode.l10n.t('not offered by this cloud: {0} the pod to stop billing', actionVerb(capabilities, 'terminate')),
    ]);
  }
  md.appendMarkdown(`**${displayMarkdown(pod.name || pod.id)}**\n\n`);
  for (const [label, value] of rows)
    md.appendMarkdown(`${displayMarkdown(label)}: ${displayMarkdown(value, { maxLength: 500 })}  \n`);
  if (pod.gpuName && !hourlyCost(pod, options.prices)) {
    md.isTrusted = { enabledCommands: [SET_PRICE_COMMAND] };
    md.appendMarkdown(`\n${setPriceLink(pod.gpuName)}\n`);
  }
  if (utilisation) md.appendMarkdown(`\n${utilisation}\n`);
  return md;
}
