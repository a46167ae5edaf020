import { type BurnRate, formatDuration, hourlyCost } from '../core/burnRate';
import { displayText, escapeMarkdown } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { priceSourceText, spendSourceText } from '../core/moneySource';
import { formatMoney, formatRate, noCurrencyNote } from '../core/price';
import type { Amounts, MoneyKey } from '../core/spendLedger';
import type { UserPrices } from '../core/userPrices';
import type { PodBilled } from '../services/cloudBills';
import { formatDate, spentText } from './format';

/*
 * The words for spend, each figure with where it comes from: billed by the cloud, or estimated by GPU Pods
 * (price × time). Pure (no vscode at run time), so the words are unit-tested in plain Node.
 */

/** The command the "price unknown" rows offer; enabled in the tooltips that link to it, and no other. */
export const SET_PRICE_COMMAND = 'gpuPods.setGpuPrice';

/**
 * The pod tooltip's "Spent" row: what the cloud billed, where it publishes bills per pod; else an estimate for a
 * running pod with a price and a start time; undefined when neither is known.
 */
export function podSpendRow(
  pod: Pod,
  now: number,
  options: { prices?: UserPrices; cloudName?: string; billed?: PodBilled | 'unreadable' } = {},
): [string, string] | undefined {
  const label = l10n.t('Spent');
  const { billed, cloudName } = options;
  if (billed && billed !== 'unreadable') {
    const amount = formatMoney(billed.usd, 'USD');
    const source = spendSourceText('billed', cloudName);
    return [
      label,
      billed.cut
        ? l10n.t('{0} since {1} ({2}; its bills reach no further back)', amount, formatDate(billed.since) ?? '', source)
        : l10n.t('{0} since {1} ({2})', amount, formatDate(billed.since) ?? '', source),
    ];
  }
  const cost = hourlyCost(pod, options.prices);
  const since = pod.createdAt;
  if (pod.status !== 'running' || !cost || typeof since !== 'number' || !(since <= now)) return undefined;
  const estimate = l10n.t(
    'about {0} in {1} since created ({2}: price × time; less if it was stopped in between)',
    spentText((cost.amount * (now - since)) / 3_600_000, cost),
    formatDuration(now - since),
    spendSourceText('estimated'),
  );
  return [label, billed === 'unreadable' ? l10n.t('{0}; the bills could not be read', estimate) : estimate];
}

/** A markdown link that runs Set Price for this GPU type (its name is escaped in the text and encoded in the link). */
export function setPriceLink(gpuName: string): string {
  const args = encodeURIComponent(JSON.stringify([gpuName]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29');
  return `[${escapeMarkdown(l10n.t('Set Price for {0}…', displayText(gpuName)))}](command:${SET_PRICE_COMMAND}?${args})`;
}

/**
 * "$2.69/h published by the clouds · $1.60/h set by you · 1.98/h quoted at create (no currency stated)": the
 * total per hour by where its prices come from, one currency at a time.
 */
export function priceSourcesLine(b: BurnRate): string | undefined {
  const parts: string[] = [];
  for (const source of ['published', 'quoted', 'user'] as const) {
    const rows = b.rows.filter((r) => r.cost?.source === source);
    for (const money of moneyKeys(rows.map((r) => r.cost!.currency ?? 'unstated'))) {
      const total = round(rows.filter((r) => (r.cost!.currency ?? 'unstated') === money).map((r) => r.cost!.amount));
      const unstated = money === 'unstated' ? ` (${noCurrencyNote()})` : '';
      parts.push(`${formatRate(total, 'hour', money)} ${sourcePlural(source)}${unstated}`);
    }
  }
  if (b.unknown > 0) parts.push(l10n.t('{0} price unknown', b.unknown));
  return parts.length ? l10n.t('Prices: {0}', parts.join(' · ')) : undefined;
}

function sourcePlural(source: 'published' | 'quoted' | 'user'): string {
  return source === 'published' ? l10n.t('published by the clouds') : priceSourceText(source);
}

/**
 * "Today: $1.42 — $0.71 billed by Novita AI, about $0.71 estimated": per account the cloud's bills where it
 * publishes them (and they were read), else GPU Pods' estimate; currencies never added together.
 */
export function spendLine(
  label: string,
  estimated: Record<string, Amounts>,
  billed: (accountId: string) => number | undefined,
  accountName: (accountId: string) => string,
  billedAccounts: readonly string[],
): string {
  const billedIds = billedAccounts.filter((id) => billed(id) !== undefined);
  const billedUsd = round(billedIds.map((id) => billed(id)!));
  const guessed: Amounts = {};
  for (const [accountId, amounts] of Object.entries(estimated))
    for (const money of moneyKeys(Object.keys(amounts) as MoneyKey[])) {
      if (money === 'USD' && billedIds.includes(accountId)) continue; // the bills replace the estimate
      guessed[money] = (guessed[money] ?? 0) + (amounts[money] ?? 0);
    }
  const estimate = moneyKeys(Object.keys(guessed) as MoneyKey[])
    .filter((m) => (guessed[m] ?? 0) > 0 || m === 'USD')
    .map((m) => formatMoney(guessed[m]!, m) + (m === 'unstated' ? ` (${noCurrencyNote()})` : ''));
  const estimateText = estimate.length ? estimate.join(' + ') : formatMoney(0, 'USD');
  if (billedIds.length === 0) return l10n.t('{0}: about {1} ({2})', label, estimateText, spendSourceText('estimated'));
  const names = [...new Set(billedIds.map(accountName))].join(', ');
  const total = formatMoney(round([billedUsd, guessed.USD ?? 0]), 'USD');
  return l10n.t(
    '{0}: {1} — {2} {3}, about {4} {5}',
    label,
    total,
    formatMoney(billedUsd, 'USD'),
    spendSourceText('billed', names),
    estimateText,
    spendSourceText('estimated'),
  );
}

const ORDER: MoneyKey[] = ['USD', 'CNY', 'unstated'];
function moneyKeys(keys: readonly MoneyKey[]): MoneyKey[] {
  return ORDER.filter((k) => keys.includes(k));
}

function round(values: readonly number[]): number {
  return Math.round(values.reduce((t, v) => t + v * 10_000, 0)) / 10_000;
}
