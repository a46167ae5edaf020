import assert from 'node:assert/strict';
import { systemClock } from '../../../src/core/clock';
import type { GpuOffer } from '../../../src/core/model';
import {
  matchesModel,
  modelChoices,
  modelKey,
  OfferCache,
  offerRows,
  type OfferSource,
  regionFor,
} from '../../../src/core/offers';

function offer(cloud: GpuOffer['cloud'], gpuName: string, price?: number, available = true): GpuOffer {
  return {
    cloud,
    id: `${cloud}-${gpuName}`,
    gpuName,
    pricePerGpuHour: price,
    regions: [{ id: 'r1', name: 'R1', available }],
    available,
  };
}

function source(key: string, list: () => Promise<GpuOffer[]>): OfferSource & { calls: number } {
  const s = { key, cloud: 'novita' as const, where: key, calls: 0, list: () => (s.calls++, list()) };
  return s;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cross-cloud offers', () => {
  it('asks every account in parallel: the total is the slowest, not the sum', async () => {
    const cache = new OfferCache(systemClock, 60_000, 2000);
    const sources = [100, 150, 200].map((ms, i) =>
      source(`s${i}`, async () => (await wait(ms), [offer('novita', 'H100', 2)])),
    );
    const start = Date.now();
    const results = await cache.gather(sources);
    const took = Date.now() - start;
    assert.ok(took < 350, `took ${took} ms`);
    assert.ok(results.every((r) => r.offers?.length === 1));
  });

  it('a slow account times out with its reason; the others are not held back', async () => {
    const cache = new OfferCache(systemClock, 60_000, 100);
    const results = await cache.gather([
      source('fast', async () => [offer('novita', 'H100', 2)]),
      source('slow', () => wait(1000).then(() => [])),
    ]);
    assert.equal(results[0].offers?.length, 1);
    assert.match(results[1].error!, /no answer within 100 ms/);
  });

  it('a failing account reports its message and is asked again next time', async () => {
    const cache = new OfferCache(systemClock, 60_000, 1000);
    let fail = true;
    const s = source('flaky', async () => {
      if (fail) throw new Error('HTTP 503 from the cloud');
      return [offer('novita', 'A100', 1)];
    });
    assert.equal((await cache.gather([s]))[0].error, 'HTTP 503 from the cloud');
    fail = false;
    assert.equal((await cache.gather([s]))[0].offers?.length, 1);
    assert.equal(s.calls, 2);
  });

  it('costs one request per account per cache period', async () => {
    let now = 1000;
    const cache = new OfferCache({ ...systemClock, now: () => now }, 60_000, 1000);
    const s = source('a', async () => [offer('novita', 'H100', 2)]);
    const first = await cache.gather([s]);
    now += 59_000;
    const second = await cache.gather([s]);
    assert.equal(s.calls, 1);
    assert.deepEqual([first[0].cached, second[0].cached], [false, true]);
    now += 2000;
    await cache.gather([s]);
    assert.equal(s.calls, 2, 'asked again after the period');
    assert.equal(cache.requests.get('a'), 2);
  });

  it('sorts by $/GPU-hour, unknown prices after known ones, sold out and unavailable clouds last', () => {
    const results = [
      {
        source: source('Novita', async () => []),
        offers: [offer('novita', 'H100 SXM 80GB', 2.59), offer('novita', 'H100 PCIe', 1.5, false)],
        cached: false,
        ms: 1,
      },
      { source: source('Yotta', async () => []), offers: [offer('yotta', 'H100', undefined)], cached: false, ms: 1 },
      {
        source: source('Neev', async () => []),
        offers: [offer('neevcloud', 'H100', 1.99), offer('neevcloud', 'A100', 1.29)],
        cached: false,
        ms: 1,
      },
      { source: source('GPUGeek', async () => []), error: 'HTTP 500', cached: false, ms: 1 },
    ];
    const rows = offerRows(results, (o) => matchesModel(o, { key: 'h100:?' }));
    assert.deepEqual(
      rows.map((r) =>
        r.kind === 'offer'
          ? `${r.source.where}:${r.offer.gpuName}:${r.price ?? 'unknown'}`
          : `${r.source.where}:unavailable:${r.reason}`,
      ),
      [
        'Neev:H100:1.99',
        'Novita:H100 SXM 80GB:2.59',
        'Yotta:H100:unknown',
        'Novita:H100 PCIe:1.5',
        'GPUGeek:unavailable:HTTP 500',
      ],
    );
  });

  it('an unusable price is unknown, never $0', () => {
    const results = [
      {
        source: source('x', async () => []),
        offers: [offer('novita', 'RTX 4090', Number.NaN), offer('novita', 'RTX 4090 B', 0.35)],
        cached: false,
        ms: 1,
      },
    ];
    const rows = offerRows(results, () => true);
    assert.equal(rows[0].kind === 'offer' && rows[0].price, 0.35);
    assert.equal(rows[1].kind === 'offer' && rows[1].price, undefined);
  });

  it('groups the same GPU across clouds by model, cheapest first', () => {
    assert.equal(modelKey('RTX 4090 24GB'), '4090');
    assert.equal(modelKey('A100-PCIE-40G'), 'a100');
    assert.equal(modelKey('H100 SXM 80GB'), 'h100');
    assert.equal(modelKey('NVIDIA_H100_80G'), 'h100');
    assert.equal(modelKey('MI300X'), 'mi300x');
    const results = [
      {
        source: source('Novita', async () => []),
        offers: [offer('novita', 'RTX 4090 24GB', 0.35), offer('novita', 'H100 SXM 80GB', 2.59)],
        cached: false,
        ms: 1,
      },
      {
        source: source('Yotta', async () => []),
        offers: [offer('yotta', 'RTX 4090'), offer('yotta', 'B200')],
        cached: false,
        ms: 1,
      },
    ];
    const choices = modelChoices(results);
    assert.deepEqual(
      choices.map((c) => c.key),
      ['4090:?', 'h100:?', 'b200:?'],
    );
    assert.deepEqual(choices[0].clouds, ['Novita', 'Yotta']);
    assert.equal(choices[0].cheapest, 0.35);
    assert.equal(choices[2].cheapest, undefined);
  });

  it('typed text matches part of the name', () => {
    assert.ok(matchesModel(offer('novita', 'H100 SXM 80GB'), { text: 'h100 sxm' }));
    assert.ok(!matchesModel(offer('novita', 'A100 80GB'), { text: 'H100' }));
    assert.ok(matchesModel(offer('novita', 'A100 80GB'), { text: '' }));
  });

  it('preselects a region only when exactly one is open', () => {
    const o = offer('novita', 'H100');
    assert.equal(regionFor(o), 'r1');
    assert.equal(regionFor({ ...o, regions: [...o.regions, { id: 'r2', name: 'R2', available: true }] }), undefined);
  });
});
