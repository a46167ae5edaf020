import assert from 'node:assert/strict';
import { computeBurnRate, type BurnEntry } from '../../../src/core/burnRate';
import type { Pod } from '../../../src/core/model';
import { parseUserPrice, readUserPrices, withUserPrice } from '../../../src/core/userPrices';
import { podTooltipRows } from '../../../src/views/podFacts';
import { podPriceText } from '../../../src/views/format';
import { priceSourcesLine } from '../../../src/views/spendText';

const NOW = Date.UTC(2026, 0, 1, 12);

function entry(cloud: Pod['cloud'], name: string, fields: Partial<Pod> = {}): BurnEntry {
  const pod: Pod = {
    cloud,
    kind: 'pod',
    id: name,
    name,
    status: 'running',
    rawStatus: 'running',
    ports: [],
    details: [],
    ...fields,
  };
  return { accountId: cloud, cloud, where: cloud, pod };
}

/** One pod on each cloud: Novita and NeevCloud publish a price, GPUGeek quoted one, Yotta publishes none. */
const FOUR = [
  entry('novita', 'n', { pricePerHour: 0.7, gpuName: 'RTX 4090', gpuCount: 2 }),
  entry('neevcloud', 'v', { pricePerHour: 1.99, gpuName: 'H100', gpuCount: 1 }),
  entry('gpugeek', 'g', { gpuName: 'G40-24G', gpuCount: 1, quotedPrice: { amount: 1.98, per: 'hour' } }),
  entry('yotta', 'y', { gpuName: 'RTX 5090', gpuCount: 2 }),
];

describe('a price set by the user for a GPU type', () => {
  it('with one pod on each cloud, the one Yotta price leaves no pod with its price unknown', () => {
    const before = computeBurnRate(FOUR, NOW);
    assert.equal(before.unknown, 1);
    const after = computeBurnRate(FOUR, NOW, { 'RTX 5090': 0.8 });
    assert.equal(after.unknown, 0);
    assert.equal(after.knownPerHour, 4.29, '$0.70 + $1.99 + $0.80 × 2 GPUs');
    assert.deepEqual(
      after.other,
      [{ currency: undefined, perHour: 1.98, pods: 1 }],
      'the quote without a currency stays apart',
    );
  });

  it('says where each hourly figure comes from: published, quoted at create, set by you', () => {
    const b = computeBurnRate(FOUR, NOW, { 'RTX 5090': 0.8 });
    assert.deepEqual(Object.fromEntries(b.rows.map((r) => [r.pod.name, r.cost?.source])), {
      n: 'published',
      v: 'published',
      g: 'quoted',
      y: 'user',
    });
    assert.equal(
      priceSourcesLine(b),
      'Prices: $2.69/h published by the clouds · 1.98/h quoted at create (no currency stated) · $1.60/h set by you',
    );
  });

  it("never overrides a cloud's price or quote, and matches the name whatever its case or spacing", () => {
    const b = computeBurnRate(FOUR, NOW, { 'rtx 4090': 5, 'g40-24g': 5, ' rtx  5090 ': 0.8 });
    assert.equal(b.knownPerHour, 4.29);
  });

  it('is never guessed for a pod whose GPU count is unknown', () => {
    const b = computeBurnRate([entry('yotta', 'y', { gpuName: 'RTX 5090' })], NOW, { 'RTX 5090': 0.8 });
    assert.equal(b.unknown, 1);
  });

  it('the pod row and tooltip say the price is set by you, and how it is made', () => {
    const pod = FOUR[3].pod;
    assert.equal(podPriceText(pod, false, { 'RTX 5090': 0.8 }), '$1.60/h set by you');
    const rows = podTooltipRows(pod, { prices: { 'RTX 5090': 0.8 } });
    assert.equal(rows.find(([l]) => l === 'Price')?.[1], '$1.60/h set by you ($0.80/GPU·h × 2)');
    assert.equal(podTooltipRows(pod).find(([l]) => l === 'Price')?.[1], 'price unknown');
    const published = podTooltipRows(FOUR[0].pod).find(([l]) => l === 'Price')?.[1];
    assert.equal(published, '$0.700/h (published by Novita AI)');
  });

  it('the setting keeps only prices of 0 or more: a negative, NaN, text or a nameless entry is left out', () => {
    const { prices, ignored } = readUserPrices({ H100: 2, A100: -1, L4: Number.NaN, T4: '0.2', ' ': 1, Free: 0 });
    assert.deepEqual(prices, { H100: 2, Free: 0 });
    assert.equal(ignored.length, 4);
    assert.deepEqual(readUserPrices([1, 2]).prices, {});
  });

  it('what the user types is a price in dollars, or refused', () => {
    assert.deepEqual(parseUserPrice('0.8'), { price: 0.8 });
    assert.deepEqual(parseUserPrice('$1,25'), { price: 1.25 });
    assert.deepEqual(parseUserPrice('0'), { price: 0 });
    assert.deepEqual(parseUserPrice('-1'), { error: 'negative' });
    assert.deepEqual(parseUserPrice('NaN'), { error: 'notNumber' });
    assert.deepEqual(parseUserPrice('1e999'), { error: 'notNumber' });
    assert.deepEqual(parseUserPrice(''), { error: 'empty' });
  });

  it('setting a price replaces the entry under another spelling of the same GPU type and keeps the others', () => {
    assert.deepEqual(withUserPrice({ 'rtx 5090': 1, H100: 2 }, 'RTX 5090', 0.8), { H100: 2, 'RTX 5090': 0.8 });
  });
});
