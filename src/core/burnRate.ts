import { l10n } from './l10n';
import type { CloudId, Currency, Pod, QuotedPrice } from './model';
import type { PriceSource } from './moneySource';
import { userPriceFor, type UserPrices } from './userPrices';

/**
 * What running pods cost right now, from the pods already loaded (no request of its own). A pod whose
 * cloud gives no price is counted but never priced: it is neither $0 nor a guess. A pod the cloud does not
 * price but quoted at create (GPUGeek) counts with that quote, in the quote's own currency: a quote that
 * names no currency is never added to dollars. A pod priced by neither gets the price the user set for its
 * GPU type (USD per GPU-hour × its GPUs), said to be the user's.
 */

export interface BurnEntry {
  accountId: string;
  cloud: CloudId;
  /** "Novita AI" or "Novita AI (work)" when the cloud has several accounts. */
  where: string;
  pod: Pod;
}

/** What one pod costs per hour, and where the figure comes from. */
export interface HourlyCost {
  amount: number;
  /** Undefined: the quote names no currency. */
  currency?: Currency;
  /** From the quote kept since create, not from the cloud's list. */
  quoted?: QuotedPrice;
  /** Where the figure comes from: the cloud's list, its quote at create, or the user's price for the GPU type. */
  source: PriceSource;
  /** The user's USD per GPU-hour the amount is made of (source 'user'), times `gpus`. */
  perGpu?: number;
  gpus?: number;
}

export interface BurnRow extends BurnEntry {
  /** USD per hour (the cloud's price, or a quote in dollars); undefined otherwise. */
  perHour?: number;
  /** The pod's hourly cost in whatever currency it is known; undefined when nothing prices it. */
  cost?: HourlyCost;
  /** How long since the pod was created (or started, where the cloud says); undefined when unknown. */
  runningMs?: number;
  /** cost × runningMs (in the cost's currency), an upper bound when the pod was stopped in between; undefined when either is unknown. */
  spent?: number;
}

/** Hourly totals of pods priced in another currency than dollars (or in none stated). */
export interface OtherTotal {
  currency?: Currency;
  perHour: number;
  pods: number;
}

export interface BurnRate {
  running: number;
  /** Sum of the known prices, USD per hour. */
  knownPerHour: number;
  /** Running pods with a price in dollars. */
  priced: number;
  /** Running pods priced only by a quote in another (or no stated) currency, summed per currency. */
  other: OtherTotal[];
  /** Running pods without any price. */
  unknown: number;
  /** Dearest first, unknown prices last. */
  rows: BurnRow[];
}

/** A price we can add up: finite and not negative. Anything else counts as unknown. */
export function usablePrice(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Hours in a quote's period (a month is 30 days): a daily quote counts as its hourly share. */
const QUOTE_HOURS: Record<QuotedPrice['per'], number> = { hour: 1, day: 24, week: 168, month: 720 };

/**
 * The cloud's own price first; else the quote kept since create; else the user's price for the pod's GPU type
 * (only with a known GPU count: a count is never guessed); else nothing.
 */
export function hourlyCost(
  pod: Pick<Pod, 'pricePerHour' | 'quotedPrice' | 'gpuName' | 'gpuCount'>,
  prices?: UserPrices,
): HourlyCost | undefined {
  const listed = usablePrice(pod.pricePerHour);
  if (listed !== undefined) return { amount: listed, currency: 'USD', source: 'published' };
  const quote = pod.quotedPrice;
  const amount = usablePrice(quote?.amount);
  if (quote && amount !== undefined && QUOTE_HOURS[quote.per])
    return { amount: amount / QUOTE_HOURS[quote.per], currency: quote.currency, quoted: quote, source: 'quoted' };
  const perGpu = userPriceFor(prices, pod.gpuName);
  const gpus = pod.gpuCount;
  if (perGpu === undefined || typeof gpus !== 'number' || !Number.isInteger(gpus) || gpus < 1) return undefined;
  return { amount: sum([perGpu * gpus]), currency: 'USD', source: 'user', perGpu, gpus };
}

/** Sum in cents-of-a-cent to keep 0.1 + 0.2 from printing as 0.30000000000000004 anywhere. */
function sum(values: readonly number[]): number {
  return Math.round(values.reduce((total, v) => total + v * 10_000, 0)) / 10_000;
}

/**
 * Each pod once, under the first account that lists it: two accounts of one cloud with the same key (or a
 * team's pod both keys see) list the same pod, which costs once.
 */
export function oncePerPod<T extends { pod: Pick<Pod, 'cloud' | 'id'> }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.pod.cloud}/${e.pod.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `prices`: the user's USD per GPU-hour by GPU type, for pods no cloud prices. */
export function computeBurnRate(entries: readonly BurnEntry[], now: number, prices?: UserPrices): BurnRate {
  const rows: BurnRow[] = oncePerPod(entries)
    .filter((e) => e.pod.status === 'running')
    .map((e) => {
      const cost = hourlyCost(e.pod, prices);
      const perHour = cost?.currency === 'USD' ? cost.amount : undefined;
      const since = e.pod.createdAt;
      const runningMs = typeof since === 'number' && Number.isFinite(since) && since <= now ? now - since : undefined;
      const spent = cost && runningMs !== undefined ? (cost.amount * runningMs) / 3_600_000 : undefined;
      return { ...e, perHour, cost, runningMs, spent };
    })
    .sort(
      (a, b) =>
        (b.perHour ?? -1) - (a.perHour ?? -1) ||
        Number(!!b.cost) - Number(!!a.cost) ||
        a.pod.name.localeCompare(b.pod.name),
    );
  const priced = rows.filter((r) => r.perHour !== undefined);
  const elsewhere = rows.filter((r) => r.cost && r.perHour === undefined);
  const other: OtherTotal[] = [];
  for (const currency of new Set(elsewhere.map((r) => r.cost!.currency))) {
    const mine = elsewhere.filter((r) => r.cost!.currency === currency);
    other.push({ currency, perHour: sum(mine.map((r) => r.cost!.amount)), pods: mine.length });
  }
  return {
    running: rows.length,
    knownPerHour: sum(priced.map((r) => r.perHour!)),
    priced: priced.length,
    other,
    unknown: rows.filter((r) => !r.cost).length,
    rows,
  };
}

/** "$4.12", "$0.35", "$0.004" (three decimals below ten cents, so small rates never read as $0.00). */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.1) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(2)}`;
}

/** "45m", "3h 05m", "2d 4h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return l10n.t('{0}m', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return l10n.t('{0}h {1}m', hours, String(minutes % 60).padStart(2, '0'));
  return l10n.t('{0}d {1}h', Math.floor(hours / 24), hours % 24);
}
