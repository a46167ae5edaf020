import * as assert from 'node:assert/strict';
import { quotedText } from '../../../src/core/price';
import { readQuotes } from '../../../src/core/priceQuotes';
import { PRICE_QUOTES_KEY, PriceQuotes } from '../../../src/services/priceQuotes';
import { gpuGeekPod as pod } from '../core/pods';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 1, 12);

/** Global state as VS Code keeps it: JSON in, JSON out (so a reload reads back only what survives JSON). */
class Memento {
  private readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const v = this.values.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }
}

describe('a price quoted at create, kept per pod in global state', () => {
  it('survives a reload and is shown on the pod "as quoted at create" until the cloud gives a price', async () => {
    const memento = new Memento();
    await new PriceQuotes(memento, () => NOW).remember('a1', 'p1', { amount: 1.98, per: 'hour' });
    const reloaded = new PriceQuotes(memento, () => NOW + HOUR);
    const [quoted, listed, other] = reloaded.apply('a1', [pod('p1'), pod('p2', { pricePerHour: 0.5 }), pod('p3')]);
    assert.deepEqual(quoted.quotedPrice, { amount: 1.98, per: 'hour' });
    assert.equal(quotedText(quoted.quotedPrice!), '1.98/h as quoted at create');
    assert.equal(listed.quotedPrice, undefined);
    assert.equal(other.quotedPrice, undefined);
    assert.equal(reloaded.apply('another-account', [pod('p1')])[0].quotedPrice, undefined, 'keyed by account and pod');
    const withPrice = reloaded.apply('a1', [pod('p1', { pricePerHour: 2.1 })])[0];
    assert.equal(withPrice.quotedPrice, undefined, 'once the cloud prices the pod, its price is shown');
  });

  it('is forgotten when its pod is gone from a complete list, but not while a new pod may still be missing', async () => {
    const memento = new Memento();
    let now = NOW;
    const quotes = new PriceQuotes(memento, () => now);
    await quotes.remember('a1', 'p1', { amount: 1.98, per: 'hour' });
    await quotes.prune('a1', []);
    assert.equal(quotes.apply('a1', [pod('p1')])[0].quotedPrice?.amount, 1.98, 'just created: kept');
    now += 11 * 60_000;
    await quotes.prune('a1', [pod('p9')]);
    assert.equal(quotes.apply('a1', [pod('p1')])[0].quotedPrice, undefined);
  });

  it('a stored quote that fails a check is dropped with the reason, never shown or counted', () => {
    const good = { accountId: 'a1', podId: 'p1', quote: { amount: 1.98, per: 'hour' }, quotedAt: NOW };
    const { quotes, ignored } = readQuotes([
      good,
      { ...good, podId: '' },
      { ...good, quote: { amount: -1, per: 'hour' } },
      { ...good, quote: { amount: 'NaN', per: 'hour' } },
      { ...good, quote: { amount: 1, per: 'fortnight' } },
      { ...good, quote: { amount: 1, per: 'hour', currency: 'EUR' } },
      { ...good, quotedAt: 'yesterday' },
      'text',
    ]);
    assert.deepEqual(quotes, [good]);
    assert.equal(ignored.length, 7);
    assert.deepEqual(readQuotes({ not: 'a list' }).quotes, []);
    const memento = new Memento();
    void memento.update(PRICE_QUOTES_KEY, [good, { ...good, podId: 7 }]);
    assert.equal(new PriceQuotes(memento, () => NOW).apply('a1', [pod('p1')])[0].quotedPrice?.amount, 1.98);
    assert.equal(memento.get<unknown[]>(PRICE_QUOTES_KEY)?.length, 1, 'the bad entry is dropped from storage');
  });
});
