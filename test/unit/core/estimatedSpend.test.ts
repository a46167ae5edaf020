import * as assert from 'node:assert/strict';
import { accrue, EstimatedSpend, type SpendRecord } from '../../../src/core/estimatedSpend';
import { FakeClock } from './fakeClock';

const HOUR = 3_600_000;
/** Local times, so the tests hold in every time zone. */
const at = (month: number, day: number, hour: number, minute = 0) =>
  new Date(2026, month - 1, day, hour, minute).getTime();

function memory(): { get(): unknown; set(r: SpendRecord): void; value?: SpendRecord } {
  const store: { get(): unknown; set(r: SpendRecord): void; value?: SpendRecord } = {
    get: () => store.value,
    set: (r) => (store.value = r),
  };
  return store;
}

describe('estimated spend so far (burn rate × time on the injected clock)', () => {
  it('counts the burn rate for the time it ran; a new rate counts from the sample that saw it', async () => {
    const clock = new FakeClock(at(12, 7, 9));
    let rate = 0.7;
    const spend = new EstimatedSpend(clock, () => rate);
    await clock.advance(2 * HOUR);
    assert.equal(spend.today(), 1.4);
    rate = 2.69;
    spend.sample();
    await clock.advance(HOUR);
    assert.ok(Math.abs(spend.today() - 4.09) < 1e-9, String(spend.today()));
    assert.equal(spend.estimated, true);
  });

  it('unknown prices are not counted: a rate that is not a positive number adds nothing', async () => {
    const clock = new FakeClock(at(12, 7, 9));
    for (const odd of [NaN, -1, Infinity, 0]) {
      const spend = new EstimatedSpend(clock, () => odd);
      await clock.advance(HOUR);
      assert.equal(spend.today(), 0, String(odd));
    }
  });

  it('splits at local midnight: what ran before it stays yesterday’s; the month goes on', () => {
    const r = accrue({ day: '', month: '', today: 0, thisMonth: 0 }, at(12, 7, 23), at(12, 8, 1), 1);
    assert.deepEqual(r, { day: '2026-12-08', month: '2026-12', today: 1, thisMonth: 2 });
  });

  it('starts a new month on the first, with only what ran since midnight', () => {
    const r = accrue({ day: '2026-11-30', month: '2026-11', today: 5, thisMonth: 50 }, at(11, 30, 22), at(12, 1, 3), 2);
    assert.deepEqual(r, { day: '2026-12-01', month: '2026-12', today: 6, thisMonth: 6 });
  });

  it('a clock set back counts nothing; a laptop that slept counts the pods that kept running', async () => {
    const clock = new FakeClock(at(12, 7, 9));
    const spend = new EstimatedSpend(clock, () => 1);
    clock.stepBack(HOUR);
    assert.equal(spend.today(), 0);
    clock.suspend(3 * HOUR);
    assert.equal(spend.today(), 3);
  });

  it('is kept across a reload within the day, and starts over on another day', async () => {
    const clock = new FakeClock(at(12, 7, 9));
    const store = memory();
    const first = new EstimatedSpend(clock, () => 1, store);
    await clock.advance(2 * HOUR);
    first.sample();
    const again = new EstimatedSpend(clock, () => 1, store);
    assert.equal(again.today(), 2, 'what VS Code was closed for is not counted, what was counted stays');
    clock.stepForward(24 * HOUR);
    const tomorrow = new EstimatedSpend(clock, () => 1, store);
    assert.equal(tomorrow.today(), 0);
    assert.equal(tomorrow.thisMonth(), 2);
  });
});
