import { type HourlyCost, hourlyCost } from '../core/burnRate';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { priceSourceText } from '../core/moneySource';
import { formatMoney, formatRate, noCurrencyNote, quotedText } from '../core/price';
import type { UserPrices } from '../core/userPrices';

/*
 * The tree's words for prices, GPUs, states and times. Pure (no vscode at run time: `l10n` is bound to
 * vscode.l10n.t when a bundle loads), so the words are unit-tested in plain Node.
 */

function formatPrice(usdPerHour: number | undefined): string | undefined {
  if (usdPerHour === undefined || !Number.isFinite(usdPerHour)) return undefined;
  return `$${usdPerHour < 1 ? usdPerHour.toFixed(3) : usdPerHour.toFixed(2)}/h`;
}

/**
 * The pod's price with its unit: the cloud's "$0.350/h", else the quote kept since create ("1.98/h as quoted at
 * create"), else the price the user set for its GPU type ("$1.60/h set by you"); undefined when none is known.
 * `long` (the tooltip) says where every figure comes from, and that a quote names no currency.
 */
export function podPriceText(
  pod: Pick<Pod, 'pricePerHour' | 'quotedPrice' | 'gpuName' | 'gpuCount'>,
  long = false,
  prices?: UserPrices,
  cloudName?: string,
): string | undefined {
  const cost = hourlyCost(pod, prices);
  if (!cost) return undefined;
  if (cost.quoted) {
    const quoted = quotedText(cost.quoted);
    return long && !cost.quoted.currency ? `${quoted} (${noCurrencyNote()})` : quoted;
  }
  const price = formatPrice(cost.amount)!;
  if (cost.source === 'published') return long ? `${price} (${priceSourceText('published', cloudName)})` : price;
  const user = `${price} ${priceSourceText('user')}`;
  return long && cost.perGpu !== undefined ? `${user} (${formatRate(cost.perGpu, 'gpuHour')} × ${cost.gpus})` : user;
}

/**
 * A burn-rate row's hourly cost and where it comes from: "$0.70/h published by the cloud", "1.98/h as quoted
 * at create", "$1.60/h set by you", or "price unknown".
 */
export function costText(cost: HourlyCost | undefined): string {
  if (!cost) return l10n.t('price unknown');
  if (cost.quoted) return quotedText(cost.quoted);
  return `${formatRate(cost.amount, 'hour', cost.currency ?? 'unstated')} ${priceSourceText(cost.source)}`;
}

/** Money spent at that cost, in its currency: "$0.70", "3.96". */
export function spentText(amount: number, cost: HourlyCost | undefined): string {
  return formatMoney(amount, cost?.currency ?? 'unstated');
}

export function gpuLabel(pod: Pick<Pod, 'gpuName' | 'gpuCount'>): string | undefined {
  if (!pod.gpuName) return undefined;
  return pod.gpuCount && pod.gpuCount > 1 ? `${pod.gpuName} × ${pod.gpuCount}` : pod.gpuName;
}

export function formatDate(epochMs: number | undefined): string | undefined {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return undefined;
  return new Date(epochMs).toLocaleString();
}

/**
 * "as of 14:05 — last refresh failed": a row kept from an older good list after its list failed to load. It leads
 * the row's description (a narrow view cuts the end). Undefined for a current row.
 */
export function staleText(listedAt: number | undefined): string | undefined {
  if (listedAt === undefined) return undefined;
  const time = new Date(listedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return l10n.t('as of {0} — last refresh failed', time);
}

/** The same for the tooltip, with the full date and time of the last good read. */
export function staleDetail(listedAt: number | undefined): string | undefined {
  if (listedAt === undefined) return undefined;
  return l10n.t('as of {0} — last refresh failed', formatDate(listedAt) ?? '');
}

/** Cloud text in a MarkdownString goes through the one display-text module. */
export { displayMarkdown, displayText, escapeMarkdown } from '../core/displayText';
