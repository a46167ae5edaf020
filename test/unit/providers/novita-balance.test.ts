import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { UnexpectedResponseError } from '../../../src/core/errors';
import { usdFromBalanceUnits } from '../../../src/providers/novita/balance';
import { startFourClouds, type CloudUnderTest } from './fourClouds';
import { startNovitaHarness, type NovitaHarness } from '../../simulator/novita/harness';

const HOUR = 3_600_000;

describe('Novita AI balance (GET /billing/balance/detail, amounts in 1/10,000 USD)', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('reads the documented example, 1000000 units available, as $100.00 (cash $80 + credit line $20)', async () => {
    const provider = h.provider();
    assert.equal(capabilitiesOf(provider).balance, true);
    assert.deepEqual(await provider.balance!(), { availableUsd: 100, cashUsd: 80, creditLimitUsd: 20, owedUsd: 0 });
    const asked = h.sim.requestsFor('novita', 'GET').map((r) => r.path);
    assert.deepEqual(asked, ['/billing/balance/detail']);
  });

  it('converts 1/10,000 USD, not the 1/100,000 of instance prices, and never reads a word or a gap as $0', () => {
    assert.equal(usdFromBalanceUnits('10000'), 1);
    assert.equal(usdFromBalanceUnits('12345'), 1.2345);
    assert.equal(usdFromBalanceUnits('67000'), 6.7);
    assert.equal(usdFromBalanceUnits('-12345'), -1.2345);
    assert.equal(usdFromBalanceUnits(5), 0.0005);
    assert.equal(usdFromBalanceUnits(' 250000 '), 25);
    for (const odd of ['', 'n/a', '1e5', '$10', null, undefined]) assert.equal(usdFromBalanceUnits(odd), undefined);
  });

  it('goes down as the account’s instances run on the cloud’s own clock; a stopped one costs nothing', async () => {
    h.control.setBalance(10);
    h.control.seedInstance({ name: 'burner', productId: 'prod-4090', gpuNum: 2 }); // 2 × 35000 = $0.70/h
    h.control.seedInstance({ name: 'parked', productId: 'prod-4090', gpuNum: 2, status: 'exited' });
    h.control.advanceClock(2 * HOUR);
    const balance = await h.provider().balance!();
    assert.ok(Math.abs(balance.availableUsd - 8.6) < 0.001, String(balance.availableUsd));
    h.control.advanceClock(20 * HOUR);
    const after = await h.provider().balance!();
    // $10 of cash gone: what is owed is charged after it, and nothing is left to spend.
    assert.ok(after.availableUsd <= 0, String(after.availableUsd));
    assert.ok(after.owedUsd! > 5, String(after.owedUsd));
  });

  it('an answer without a readable balance is an error, never a balance of $0', async () => {
    h.sim.addFault({
      cloud: 'novita',
      path: '/billing/balance/detail',
      mode: 'replaceAfter',
      body: { availableBalance: 'n/a', cashBalance: '0' },
    });
    await assert.rejects(h.provider().balance!(), (e) => e instanceof UnexpectedResponseError);
  });
});

describe('which clouds publish a balance (the capability)', () => {
  let clouds: CloudUnderTest[];
  before(async () => (clouds = await startFourClouds()));
  after(() => Promise.all(clouds.map((c) => c.stop())));

  it('only Novita AI: Yotta Labs, GPUGeek and NeevCloud document no balance endpoint', () => {
    const publishes = Object.fromEntries(clouds.map((c) => [c.name, capabilitiesOf(c.provider()).balance]));
    assert.deepEqual(publishes, { 'Yotta Labs': false, 'Novita AI': true, GPUGeek: false, NeevCloud: false });
  });
});
