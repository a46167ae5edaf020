import * as vscode from 'vscode';
import type { HourlyCost } from '../core/burnRate';
import type { Pod, PodStatus } from '../core/model';
import { formatMoney, formatRate, noCurrencyNote, quotedText } from '../core/price';

function formatPrice(usdPerHour: number | undefined): string | undefined {
  if (usdPerHour === undefined || !Number.isFinite(usdPerHour)) return undefined;
  return `$${usdPerHour < 1 ? usdPerHour.toFixed(3) : usdPerHour.toFixed(2)}/h`;
}

/**
 * The pod's price with its unit: the cloud's "$0.350/h", else the quote kept since create ("1.98/h as quoted at
 * create"); undefined when neither is known. `long` adds that a quote names no currency (the tooltip).
 */
export function podPriceText(pod: Pick<Pod, 'pricePerHour' | 'quotedPrice'>, long = false): string | undefined {
  const listed = formatPrice(pod.pricePerHour);
  if (listed || !pod.quotedPrice) return listed;
  const quoted = quotedText(pod.quotedPrice);
  return long && !pod.quotedPrice.currency ? `${quoted} (${noCurrencyNote()})` : quoted;
}

/** A burn-rate row's hourly cost: "$0.70/h", "1.98/h as quoted at create", or "price unknown". */
export function costText(cost: HourlyCost | undefined): string {
  if (!cost) return vscode.l10n.t('price unknown');
  return cost.quoted ? quotedText(cost.quoted) : formatRate(cost.amount, 'hour', cost.currency ?? 'unstated');
}

/** Money spent at that cost, in its currency: "$0.70", "3.96". */
export function spentText(amount: number, cost: HourlyCost | undefined): string {
  return formatMoney(amount, cost?.currency ?? 'unstated');
}

export function gpuLabel(pod: Pod): string | undefined {
  if (!pod.gpuName) return undefined;
  return pod.gpuCount && pod.gpuCount > 1 ? `${pod.gpuName} × ${pod.gpuCount}` : pod.gpuName;
}

/** The status words of the tree, in the user's language (read each time: the bundle is loaded by then). */
function statusWord(status: PodStatus): string {
  switch (status) {
    case 'provisioning':
      return vscode.l10n.t('starting');
    case 'running':
      return vscode.l10n.t('running');
    case 'stopping':
      return vscode.l10n.t('stopping');
    case 'stopped':
      return vscode.l10n.t('stopped');
    case 'terminating':
      return vscode.l10n.t('terminating');
    case 'terminated':
      return vscode.l10n.t('terminated');
    case 'failed':
      return vscode.l10n.t('failed');
    default:
      return vscode.l10n.t('unknown');
  }
}

/** "running", or "unknown (weirdState)" so the cloud's own word is never hidden. */
export function statusText(pod: { status: PodStatus; rawStatus: string }): string {
  const word = statusWord(pod.status);
  return pod.status === 'unknown' ? vscode.l10n.t('{0} ({1})', word, pod.rawStatus) : word;
}

export function formatDate(epochMs: number | undefined): string | undefined {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return undefined;
  return new Date(epochMs).toLocaleString();
}

/** Cloud text in a MarkdownString goes through the one display-text module. */
export { displayMarkdown, displayText, escapeMarkdown } from '../core/displayText';
