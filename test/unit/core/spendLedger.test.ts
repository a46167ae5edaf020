import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { accrue, type Calendar, currentSpend, readSpend, type SpendState } from '../../../src/core/spendLedger';
import { SpendTracker } from '../../../src/services/spendTracker';
import { FakeClock } from './fakeClock';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Days and months in UTC, so the figures do not depend on the machine's time zone. */
const UTC: Calendar = {
  dayStart: (t) => Math.floor(t / DAY) * DAY,
  monthStart: (t) => {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  },
};
/** 2026-01-15 10:00 UTC. */
const T0 = Date.UTC(2026, 0, 15, 10);

function pod(id: string, fields: Partial<Pod> = {}): Pod {
  return {
    cloud: 'novita',
    kind: 'pod',
    id,
    name: id,
    status: 'running',
    rawStatus: 'running',
    pricePerHour: 1,
    createdAt: T0,
    ports: [],
    details: [],
    ...fields,
  };
}

/** A memento in memory that stores what global state stores: JSON. */
function memento() {
  const store = new Map<string, string>();
  return {
    get: <T>(key: string) => (store.has(key) ? (JSON.parse(store.get(key)!) as T) : undefined),
    update: async (key: string, value: unknown) => void store.set(key, JSON.stringify(value)),
    raw: () => store,
  };
}

describe("today's and this month's spend, fed by the clock", () => {
  const build = (start = T0) => {
    const clock = new FakeClock(start);
    const state = memento();
    const tracker = new SpendTracker(state, clock, UTC);
    return { clock, state, tracker };
  };
  const today = (t: SpendTracker, account = 'a1', money: 'USD' | 'CNY' | 'unstated' = 'USD') =>
    Math.round((t.current().today[account]?.[money] ?? 0) * 10_000) / 10_000;
  const month = (t: SpendTracker, account = 'a1') =>
    Math.round((t.current().month[account]?.USD ?? 0) * 10_000) / 10_000;

  it('counts a running $1/h pod as the clock runs forward: an hour of ticks is $1.00', async () => {
    const { clock, tracker } = build();
    const pods = [{ accountId: 'a1', pod: pod('p') }];
    tracker.accrue(pods);
    for (let i = 0; i < 60; i++) {
      await clock.advance(MIN);
      tracker.accrue(pods);
    }
    assert.equal(today(tracker), 1);
    assert.equal(month(tracker), 1);
  });

  it('a clock stepped back counts nothing and never goes negative; the minutes are counted once when it catches up', async () => {
    const { clock, tracker } = build();
    const pods = [{ accountId: 'a1', pod: pod('p') }];
    tracker.accrue(pods);
    await clock.advance(HOUR);
    tracker.accrue(pods);
    assert.equal(today(tracker), 1);
    clock.stepBack(30 * MIN);
    tracker.accrue(pods);
    assert.equal(today(tracker), 1, 'nothing counted, nothing taken back');
    await clock.advance(20 * MIN); // still before the last counted moment
    tracker.accrue(pods);
    assert.equal(today(tracker), 1);
    await clock.advance(40 * MIN); // 30 minutes past it
    tracker.accrue(pods);
    assert.equal(today(tracker), 1.5, 'only the time after the last counted moment');
  });

  it('after a suspend, a pod still running is counted over the gap once (it ran on the cloud), not again at the next tick', async () => {
    const { clock, tracker } = build();
    const pods = [{ accountId: 'a1', pod: pod('p') }];
    tracker.accrue(pods);
    clock.suspend(3 * HOUR);
    tracker.accrue(pods);
    tracker.accrue(pods); // the wake-up's update and the tick that was due during the sleep
    await clock.advance(0);
    tracker.accrue(pods);
    assert.equal(today(tracker), 3);
  });

  it('two windows sharing global state count the same minutes once', async () => {
    const { clock, state } = build();
    const a = new SpendTracker(state, clock, UTC);
    const b = new SpendTracker(state, clock, UTC);
    const pods = [{ accountId: 'a1', pod: pod('p') }];
    a.accrue(pods);
    b.accrue(pods);
    await clock.advance(HOUR);
    a.accrue(pods);
    b.accrue(pods);
    assert.equal(today(a), 1);
    assert.equal(today(b), 1);
  });

  it('is kept across a reload: a new tracker on the same state goes on from it, counting the closed hours as estimated spend', async () => {
    const { clock, state, tracker } = build();
    const pods = [{ accountId: 'a1', pod: pod('p') }];
    tracker.accrue(pods);
    await clock.advance(HOUR);
    tracker.accrue(pods);
    // VS Code closed for two hours; the pod kept running on the cloud.
    clock.stepForward(2 * HOUR);
    const reloaded = new SpendTracker(state, clock, UTC);
    assert.equal(today(reloaded), 1, 'what was counted survives the reload');
    reloaded.accrue(pods);
    assert.equal(today(reloaded), 3);
  });

  it('a pod first seen running is counted from its create time, this month only', () => {
    const { tracker } = build(T0);
    tracker.accrue([{ accountId: 'a1', pod: pod('p', { createdAt: T0 - 4 * HOUR }) }]);
    assert.equal(today(tracker), 4);
    const { tracker: old } = build(T0);
    old.accrue([{ accountId: 'a1', pod: pod('q', { createdAt: Date.UTC(2025, 11, 1) }) }]);
    assert.equal(month(old), 14 * 24 + 10, 'since 1 January, not since December');
    assert.equal(today(old), 10, 'since midnight');
  });

  it('a stopped pod costs nothing here, and a restart is counted from when it was last seen, not from its create time', async () => {
    const { clock, tracker } = build();
    tracker.accrue([{ accountId: 'a1', pod: pod('p', { status: 'stopped' }) }]);
    await clock.advance(5 * HOUR);
    tracker.accrue([{ accountId: 'a1', pod: pod('p', { status: 'stopped' }) }]);
    await clock.advance(HOUR);
    tracker.accrue([{ accountId: 'a1', pod: pod('p') }]);
    assert.equal(today(tracker), 1);
  });

  it('a pod without a price waits uncounted; once priced (say by the user) it is counted since it was created', async () => {
    const { clock, tracker } = build();
    tracker.accrue([{ accountId: 'a1', pod: pod('y', { pricePerHour: undefined, gpuName: 'RTX 4090', gpuCount: 2 }) }]);
    await clock.advance(HOUR);
    tracker.accrue(
      [{ accountId: 'a1', pod: pod('y', { pricePerHour: undefined, gpuName: 'RTX 4090', gpuCount: 2 }) }],
      { 'RTX 4090': 0.5 },
    );
    assert.equal(today(tracker), 1);
  });

  it('a new day starts at zero; this month goes on', async () => {
    const { clock, tracker } = build(Date.UTC(2026, 0, 15, 23));
    const pods = [{ accountId: 'a1', pod: pod('p', { createdAt: Date.UTC(2026, 0, 15, 23) }) }];
    tracker.accrue(pods);
    await clock.advance(2 * HOUR);
    tracker.accrue(pods);
    assert.equal(today(tracker), 1, 'only the hour after midnight');
    assert.equal(month(tracker), 2);
  });

  it('dollars, yuan and a quote without a currency are kept apart, per account', async () => {
    const { clock, tracker } = build();
    const pods = [
      { accountId: 'a1', pod: pod('usd') },
      {
        accountId: 'a2',
        pod: pod('cny', {
          cloud: 'gpugeek',
          pricePerHour: undefined,
          quotedPrice: { amount: 2, currency: 'CNY', per: 'hour' },
        }),
      },
      {
        accountId: 'a2',
        pod: pod('raw', { cloud: 'gpugeek', pricePerHour: undefined, quotedPrice: { amount: 3, per: 'hour' } }),
      },
    ];
    tracker.accrue(pods);
    await clock.advance(HOUR);
    tracker.accrue(pods);
    assert.deepEqual(tracker.current().today, { a1: { USD: 1 }, a2: { CNY: 2, unstated: 3 } });
  });

  it('a pod two accounts list is counted once, under the first', async () => {
    const { clock, tracker } = build();
    const pods = [
      { accountId: 'a1', pod: pod('p') },
      { accountId: 'a2', pod: pod('p') },
    ];
    tracker.accrue(pods);
    await clock.advance(HOUR);
    tracker.accrue(pods);
    assert.deepEqual(tracker.current().today, { a1: { USD: 1 } });
  });

  it('a stored state that is not one is started afresh, never trusted', () => {
    assert.equal(readSpend('x'), undefined);
    assert.equal(readSpend({ dayStart: 'yesterday' }), undefined);
    const state = readSpend({
      dayStart: 0,
      monthStart: 0,
      counted: { a: 'x', b: 5 },
      today: { a1: { USD: -3, CNY: 2 } },
    });
    assert.deepEqual(state, { counted: { b: 5 }, dayStart: 0, monthStart: 0, today: { a1: { CNY: 2 } }, month: {} });
  });

  it("yesterday's totals are not shown as today's", () => {
    const state: SpendState = accrue(undefined, [], T0, UTC);
    state.today = { a1: { USD: 5 } };
    assert.deepEqual(currentSpend(state, T0 + DAY, UTC).today, {});
  });
});
