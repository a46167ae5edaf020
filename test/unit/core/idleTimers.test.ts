import assert from 'node:assert/strict';
import {
  type IdleTimer,
  newTimer,
  nextChange,
  parseHours,
  phaseOf,
  withoutTimer,
  withTimer,
} from '../../../src/core/idleTimers';

const T0 = Date.UTC(2026, 0, 1, 8);
const HOUR = 3_600_000;
const GRACE = 10 * 60_000;

function timer(kind: 'stop' | 'remind', hours: number, podId = 'p1'): IdleTimer {
  return newTimer({ accountId: 'a1', cloud: 'novita', podId, podName: podId, kind, hours }, T0);
}

describe('idle timers', () => {
  it('is due at the absolute time it was set for', () => {
    const t = timer('stop', 4);
    assert.equal(t.dueAt, T0 + 4 * HOUR);
    assert.equal(phaseOf(t, T0 + 4 * HOUR - 1, GRACE), 'waiting');
    assert.equal(phaseOf(t, T0 + 4 * HOUR, GRACE), 'due');
    assert.equal(phaseOf(t, T0 + 100 * HOUR, GRACE), 'due', 'a window closed for days notifies, it does not act');
  });

  it('a stop timer acts only after the grace period that follows the notification', () => {
    const t = { ...timer('stop', 1), notifiedAt: T0 + HOUR + 5000 };
    assert.equal(phaseOf(t, T0 + HOUR + 5000 + GRACE - 1, GRACE), 'grace');
    assert.equal(phaseOf(t, T0 + HOUR + 5000 + GRACE, GRACE), 'act');
  });

  it('a reminder never acts by itself', () => {
    const t = { ...timer('remind', 1), notifiedAt: T0 + HOUR };
    assert.equal(phaseOf(t, T0 + 1000 * HOUR, GRACE), 'grace');
  });

  it('fractions of an hour are allowed (tests use seconds)', () => {
    assert.equal(timer('stop', 0.001).dueAt - T0, 3600);
  });

  it('the next wake-up is the earliest due time or grace end', () => {
    const a = timer('stop', 2, 'a');
    const b = { ...timer('stop', 1, 'b'), notifiedAt: T0 + HOUR };
    const c = { ...timer('remind', 0.5, 'c'), notifiedAt: T0 + HOUR / 2 };
    assert.equal(nextChange([a, b, c], T0, GRACE), T0 + HOUR + GRACE);
    assert.equal(nextChange([a], T0 + 3 * HOUR, GRACE), T0 + 3 * HOUR, 'overdue: now');
    assert.equal(nextChange([c], T0, GRACE), undefined);
    assert.equal(nextChange([], T0, GRACE), undefined);
  });

  it('one timer per pod: setting replaces, clearing removes only that pod', () => {
    let list = withTimer([], timer('stop', 2, 'a'));
    list = withTimer(list, timer('remind', 3, 'a'));
    list = withTimer(list, timer('stop', 1, 'b'));
    assert.deepEqual(
      list.map((t) => `${t.podId}:${t.kind}`),
      ['a:remind', 'b:stop'],
    );
    assert.deepEqual(
      withoutTimer(list, 'a1', 'a').map((t) => t.podId),
      ['b'],
    );
  });

  it('parses hours and refuses nonsense', () => {
    assert.deepEqual(parseHours('4'), { hours: 4 });
    assert.deepEqual(parseHours(' 1,5 '), { hours: 1.5 });
    assert.deepEqual(parseHours('.25'), { hours: 0.25 });
    for (const bad of ['', '0', '-1', 'abc', '1e3', '721', '2h']) assert.ok('error' in parseHours(bad), bad);
  });
});
