/**
 * How a price reads everywhere: an amount with its currency, and what it is per ("$1.25/h", "$0.35/GPU·h",
 * "¥47.52/day"). A figure without its unit is never shown; where a cloud publishes no price or no unit, the
 * text says so instead of guessing one.
 */

import { formatUsd } from './burnRate';
import { l10n } from './l10n';
import type { Currency, QuotedPrice } from './model';

/** What a price is per. */
export type PricePer = 'hour' | 'gpuHour' | 'day' | 'week' | 'month';

const SUFFIX: Record<PricePer, string> = {
  hour: '/h',
  gpuHour: '/GPU·h',
  day: '/day',
  week: '/week',
  month: '/month',
};

/** A price's currency: 'unstated' when the cloud's quote names none (never taken for dollars). */
export type MoneyUnit = Currency | 'unstated';

/** "$1.25", "¥1.98", or "1.98" when the currency is unstated (the same digits as formatUsd). */
export function formatMoney(amount: number, currency: MoneyUnit): string {
  const digits = formatUsd(amount).slice(1);
  return currency === 'USD' ? `$${digits}` : currency === 'CNY' ? `¥${digits}` : digits;
}

/** "$1.25/h", "$0.35/GPU·h", "¥47.52/day", "1.98/h". */
export function formatRate(amount: number, per: PricePer, currency: MoneyUnit = 'USD'): string {
  return `${formatMoney(amount, currency)}${SUFFIX[per]}`;
}

/**
 * A price a cloud wrote as text ("10", "¥47.52", "1.98 CNY", "$2"): the amount and the currency it names, if
 * any. Undefined for anything else (a range, a word): such a text is shown as written, never counted.
 */
export function parseAmount(text: string): { amount: number; currency?: Currency } | undefined {
  const m = /^\s*(\$|US\$|¥|￥|USD|CNY|RMB)?\s*(\d+(?:\.\d+)?)\s*(USD|CNY|RMB|元)?\s*$/i.exec(text);
  if (!m || (m[1] && m[3])) return undefined;
  const amount = Number(m[2]);
  if (!Number.isFinite(amount)) return undefined;
  const sign = (m[1] ?? m[3] ?? '').toUpperCase();
  const currency: Currency | undefined =
    sign === '$' || sign === 'US$' || sign === 'USD' ? 'USD' : sign === '' ? undefined : 'CNY';
  return currency ? { amount, currency } : { amount };
}

/** "1.98/h as quoted at create", "¥47.52/day as quoted at create". */
export function quotedText(quote: QuotedPrice): string {
  return l10n.t('{0} as quoted at create', formatRate(quote.amount, quote.per, quote.currency ?? 'unstated'));
}

/** Said next to a quote that names no currency (GPUGeek documents none). */
export function noCurrencyNote(): string {
  return l10n.t('no currency stated');
}

/**
 * A cost figure whose currency and period the cloud does not publish (Yotta's volume and endpoint `cost`,
 * Novita's storage `price`): the figure as sent, and that its unit is unknown.
 */
export function unitNotPublished(amountText: string): string {
  return l10n.t('{0} (unit not published)', amountText);
}
