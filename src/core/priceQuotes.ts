import type { Pod, QuotedPrice } from './model';

/**
 * Prices quoted at create, kept per pod (account + pod id) in global state, for clouds whose pod list carries
 * no price (GPUGeek quotes one in its dry run only). Plain data; what is read back from storage is checked
 * entry by entry, and a bad entry is dropped with the reason, never trusted.
 */

export interface StoredQuote {
  accountId: string;
  podId: string;
  quote: QuotedPrice;
  /** Epoch ms: a quote whose pod is not listed is dropped only once it is older than a list can lag. */
  quotedAt: number;
}

/** How long a quote outlives its pod's absence from a complete list (a new pod may be missing from it at first). */
export const UNLISTED_GRACE_MS = 10 * 60_000;

const PERIODS: ReadonlySet<string> = new Set(['hour', 'day', 'week', 'month']);
const CURRENCIES: ReadonlySet<string> = new Set(['USD', 'CNY']);

export function quoteKey(accountId: string, podId: string): string {
  return `${accountId}/${podId}`;
}

/** The stored quotes that pass every check; the others are named in `ignored`. */
export function readQuotes(value: unknown): { quotes: StoredQuote[]; ignored: string[] } {
  if (value === undefined) return { quotes: [], ignored: [] };
  if (!Array.isArray(value)) return { quotes: [], ignored: ['the stored price quotes are not a list'] };
  const quotes: StoredQuote[] = [];
  const ignored: string[] = [];
  value.forEach((entry, i) => {
    const read = readQuote(entry);
    if (typeof read === 'string') ignored.push(`price quote ${i + 1}: ${read}`);
    else quotes.push(read);
  });
  return { quotes, ignored };
}

function readQuote(entry: unknown): StoredQuote | string {
  if (typeof entry !== 'object' || entry === null) return 'not an object';
  const e = entry as Record<string, unknown>;
  if (typeof e.accountId !== 'string' || e.accountId === '') return 'no accountId';
  if (typeof e.podId !== 'string' || e.podId === '') return 'no podId';
  if (typeof e.quotedAt !== 'number' || !Number.isFinite(e.quotedAt) || e.quotedAt < 0) return 'no valid quotedAt';
  const q = (typeof e.quote === 'object' && e.quote !== null ? e.quote : {}) as Record<string, unknown>;
  if (typeof q.amount !== 'number' || !Number.isFinite(q.amount) || q.amount < 0) return 'no valid amount';
  if (typeof q.per !== 'string' || !PERIODS.has(q.per)) return 'no valid period';
  if (q.currency !== undefined && (typeof q.currency !== 'string' || !CURRENCIES.has(q.currency)))
    return 'unknown currency';
  const quote: QuotedPrice = { amount: q.amount, per: q.per as QuotedPrice['per'] };
  if (q.currency !== undefined) quote.currency = q.currency as QuotedPrice['currency'];
  return { accountId: e.accountId, podId: e.podId, quote, quotedAt: e.quotedAt };
}

/** One quote per pod: the new one replaces an older one. */
export function withQuote(quotes: readonly StoredQuote[], added: StoredQuote): StoredQuote[] {
  const key = quoteKey(added.accountId, added.podId);
  return [...quotes.filter((q) => quoteKey(q.accountId, q.podId) !== key), added];
}

/** The account's pods with their kept quote where the cloud gives no price of its own. */
export function withQuotedPrices(accountId: string, pods: readonly Pod[], quotes: readonly StoredQuote[]): Pod[] {
  const mine = new Map(quotes.filter((q) => q.accountId === accountId).map((q) => [q.podId, q.quote]));
  return pods.map((pod) => {
    const quote = mine.get(pod.id);
    return quote && pod.pricePerHour === undefined ? { ...pod, quotedPrice: quote } : pod;
  });
}

/**
 * The quotes to keep after a complete list of the account's pods: those of listed pods, other accounts',
 * and new ones a list may not show yet.
 */
export function keepListed(
  quotes: readonly StoredQuote[],
  accountId: string,
  listed: ReadonlySet<string>,
  now: number,
): StoredQuote[] {
  return quotes.filter((q) => q.accountId !== accountId || listed.has(q.podId) || now - q.quotedAt < UNLISTED_GRACE_MS);
}
