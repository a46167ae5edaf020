import type * as vscode from 'vscode';
import type { Pod, QuotedPrice } from '../core/model';
import { keepListed, readQuotes, type StoredQuote, withQuote, withQuotedPrices } from '../core/priceQuotes';

/** Where the quotes live in global state. */
export const PRICE_QUOTES_KEY = 'gpuPods.priceQuotes';

/**
 * Prices quoted at create, kept in global state so a pod whose cloud lists no price (GPUGeek) still shows
 * and counts the quote after a reload. No `vscode` at run time: unit-tested with a fake memento and clock.
 */
export class PriceQuotes {
  constructor(
    private readonly memento: Pick<vscode.Memento, 'get' | 'update'>,
    private readonly now: () => number,
    private readonly log?: Pick<vscode.LogOutputChannel, 'warn'>,
  ) {}

  private read(): StoredQuote[] {
    const { quotes, ignored } = readQuotes(this.memento.get(PRICE_QUOTES_KEY));
    if (ignored.length === 0) return quotes;
    // Said once: the entries that failed the checks are dropped from storage.
    for (const reason of ignored) this.log?.warn(`Dropping a stored price quote: ${reason}.`);
    void this.memento.update(PRICE_QUOTES_KEY, quotes);
    return quotes;
  }

  /** Keeps the quote the cloud gave for this new pod. */
  async remember(accountId: string, podId: string, quote: QuotedPrice): Promise<void> {
    await this.memento.update(
      PRICE_QUOTES_KEY,
      withQuote(this.read(), { accountId, podId, quote, quotedAt: this.now() }),
    );
  }

  /** The pods, each with its kept quote where the cloud gives no price. */
  apply(accountId: string, pods: readonly Pod[]): Pod[] {
    return withQuotedPrices(accountId, pods, this.read());
  }

  /** After a complete list of the account's pods: forgets the quotes of pods no longer there. */
  async prune(accountId: string, listed: readonly Pod[]): Promise<void> {
    const quotes = this.read();
    const kept = keepListed(quotes, accountId, new Set(listed.map((p) => p.id)), this.now());
    if (kept.length !== quotes.length) await this.memento.update(PRICE_QUOTES_KEY, kept);
  }
}
