import assert from 'node:assert/strict';
import { type IdleTimer, newTimer, withoutTimer } from '../../../src/core/idleTimers';
import { StopTimerSchedule } from '../../../src/core/stopTimerSchedule';
import { FakeClock } from './fakeClock';
import { MINUTE, T0 } from './utilisation/samples';

const HOUR = 60 * MINUTE;
const GRACE = 10 * MINUTE;

/** Global state as the timers see it: kept across "reloads" (a new schedule on the same store). */
function memoryStore() {
  let timers: IdleTimer[] = [];
  return { read: () => timers, write: async (next: IdleTimer[]) => void (timers = next) };
}

/**
 * A stop timer under the schedule, acted on as the idle guard acts: warned when due (its grace period
 * starts), stopped when the grace period passes unanswered. `events` says what happened.
 */
function guard(store = memoryStore(), clock = new FakeClock(T0)) {
  const events: string[] = [];
  const schedule: StopTimerSchedule = new StopTimerSchedule({
    clock,
    store,
    graceMs: () => GRACE,
    wake: () =>
      void schedule.phases().then(async (phases) => {
        for (const { timer, phase } of phases) {
          if (phase === 'due') {
            events.push('warned');
            await schedule.save(store.read().map((t) => (t === timer ? { ...t, notifiedAt: clock.now() } : t)));
          } else if (phase === 'act') {
            events.push('stopped');
            await schedule.save(withoutTimer(store.read(), timer.accountId, timer.podId));
          }
        }
        schedule.schedule();
      }),
  });
  const set = (hours: number) =>
    schedule.save([
      newTimer({ accountId: 'a', cloud: 'novita', podId: 'p', podName: 'trainer', kind: 'stop', hours }, clock.now()),
    ]);
  schedule.schedule();
  return { schedule, clock, store, events, set };
}

describe('stop timers when the clock moves', () => {
  let g: ReturnType<typeof guard>;
  afterEach(() => g?.schedule.dispose());

  it('a 4-hour stop timer warns after 4 hours and stops the pod after the grace period', async () => {
    g = guard();
    await g.set(4);
    await g.clock.advance(4 * HOUR - MINUTE);
    assert.deepEqual(g.events, []);
    await g.clock.advance(MINUTE);
    assert.deepEqual(g.events, ['warned']);
    await g.clock.advance(GRACE);
    assert.deepEqual(g.events, ['warned', 'stopped']);
  });

  it('a clock set back 2 hours does not postpone the stop by 2 hours', async () => {
    g = guard();
    await g.set(4);
    await g.clock.advance(HOUR);
    g.clock.stepBack(2 * HOUR);
    await g.clock.advance(3 * HOUR - 2 * MINUTE);
    assert.deepEqual(g.events, [], 'not early');
    await g.clock.advance(3 * MINUTE);
    assert.deepEqual(g.events, ['warned'], 'warned 4 hours after it was set, within the minute between two looks');
  });

  it('a clock set ahead during the grace period does not cut it short: the user gets the whole grace period', async () => {
    g = guard();
    await g.set(1);
    await g.clock.advance(HOUR);
    assert.deepEqual(g.events, ['warned']);
    await g.clock.advance(2 * MINUTE);
    g.clock.stepForward(HOUR);
    await g.clock.advance(GRACE - MINUTE);
    assert.deepEqual(g.events, ['warned'], 'not stopped at once');
    await g.clock.advance(2 * MINUTE);
    assert.deepEqual(g.events, ['warned', 'stopped']);
  });

  it('a laptop that sleeps through the grace period does not wake up to a stopped pod', async () => {
    g = guard();
    await g.set(1);
    await g.clock.advance(HOUR + 5 * MINUTE);
    assert.deepEqual(g.events, ['warned']);
    g.clock.suspend(3 * HOUR);
    await g.clock.advance(MINUTE);
    assert.deepEqual(g.events, ['warned'], 'the warning was not seen while it slept');
    await g.clock.advance(GRACE);
    assert.deepEqual(g.events, ['warned', 'stopped']);
  });

  it('a sleep through the due time counts (the pod billed through it): warned at wake-up', async () => {
    g = guard();
    await g.set(1);
    await g.clock.advance(30 * MINUTE);
    g.clock.suspend(2 * HOUR);
    await g.clock.advance(MINUTE);
    assert.deepEqual(g.events, ['warned']);
  });

  it('a reload keeps the due time', async () => {
    g = guard();
    await g.set(4);
    await g.clock.advance(3 * HOUR);
    g.schedule.dispose();
    g = guard(g.store, g.clock);
    await g.clock.advance(HOUR - MINUTE);
    assert.deepEqual(g.events, []);
    await g.clock.advance(MINUTE);
    assert.deepEqual(g.events, ['warned']);
  });

  it('a clock set back a day while VS Code was closed: the stop comes at most its 4 hours after the next start', async () => {
    g = guard();
    await g.set(4);
    await g.clock.advance(HOUR);
    g.schedule.dispose();
    g = guard(g.store, new FakeClock(g.clock.now() - 24 * HOUR));
    await g.clock.advance(4 * HOUR - 2 * MINUTE);
    assert.deepEqual(g.events, [], 'not early either');
    await g.clock.advance(3 * MINUTE);
    assert.deepEqual(g.events, ['warned'], 'warned within a minute of its 4 hours');
  });
});
