import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { ReclaimNotices, spotMark, spotRow, timeLeftText } from '../../../src/core/spotReclaim';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);

function spotPod(id: string, reclaimAt?: number, notice = true, status: Pod['status'] = 'running'): Pod {
  return {
    cloud: 'novita',
    kind: 'pod',
    id,
    name: id,
    status,
    rawStatus: status,
    ports: [],
    details: [],
    spot: { reclaimNotice: notice, ...(reclaimAt !== undefined ? { reclaimAt } : {}) },
  };
}

describe('spot reclaim: time left and one notice per pod per reclaim time', () => {
  it('says the time left in minutes and hours, counted from the clock it is given', () => {
    assert.equal(timeLeftText(T0 + 4 * MIN + 59_000, T0), 'in 4 min');
    assert.equal(timeLeftText(T0 + 65 * MIN, T0), 'in 1 h 5 min');
    assert.equal(timeLeftText(T0 + 120 * MIN, T0), 'in 2 h');
    assert.equal(timeLeftText(T0 + 30_000, T0), 'in less than a minute');
    assert.equal(timeLeftText(T0, T0), 'now');
    assert.equal(timeLeftText(T0 - MIN, T0), 'now', 'an overdue reclaim is "now", never a negative time');
  });

  it('the row says "spot" until a reclaim is announced, then how long is left', () => {
    assert.equal(spotMark(spotPod('a', undefined, false), T0), 'spot');
    assert.equal(spotMark(spotPod('a', T0 + 10 * MIN), T0), 'spot: reclaimed in 10 min');
    assert.equal(spotMark(spotPod('a', T0 + 10 * MIN), T0 + 7 * MIN), 'spot: reclaimed in 3 min');
    assert.equal(spotMark(spotPod('a'), T0), 'spot: reclaim announced');
    assert.equal(spotMark(spotPod('a', T0, true, 'stopped'), T0), 'spot', 'a reclaimed pod no longer counts down');
    assert.equal(spotMark({ ...spotPod('a'), spot: undefined }, T0), undefined);
  });

  it('the tooltip explains spot before a notice and gives the time left after one', () => {
    assert.deepEqual(spotRow(spotPod('a', undefined, false), T0), [
      'Spot capacity',
      'cheaper, and the cloud may reclaim the pod at any time',
    ]);
    assert.match(spotRow(spotPod('a', T0 + 10 * MIN), T0)![1], /^the cloud reclaims this pod in 10 min \(at .+\)$/);
  });

  it('tells each announcement once, however often the list is read again; a new reclaim time is told again', () => {
    const notices = new ReclaimNotices();
    const first = [spotPod('p1', T0 + 10 * MIN), spotPod('p2', undefined, false)];
    assert.deepEqual(
      notices.due('acc', first).map((p) => p.id),
      ['p1'],
    );
    assert.deepEqual(notices.due('acc', first), [], 'the next refresh says nothing');
    assert.deepEqual(notices.due('acc', [spotPod('p1', T0 + 10 * MIN)]), []);
    assert.deepEqual(
      notices.due('acc', [spotPod('p1', T0 + 30 * MIN)]).map((p) => p.id),
      ['p1'],
      'Novita moved the reclaim time: told again',
    );
    assert.deepEqual(
      notices.due('other', [spotPod('p1', T0 + 30 * MIN)]).map((p) => p.id),
      ['p1'],
      'per account',
    );
  });

  it('a pod that is not running, or announced nothing, is never told of; a pod that left the list is forgotten', () => {
    const notices = new ReclaimNotices();
    assert.deepEqual(notices.due('acc', [spotPod('p1', T0, true, 'stopped'), spotPod('p2', T0, false)]), []);
    assert.equal(notices.due('acc', [spotPod('p3', T0 + MIN)]).length, 1);
    notices.prune('acc', new Set());
    assert.equal(notices.due('acc', [spotPod('p3', T0 + MIN)]).length, 1, 'forgotten after it left the list');
  });
});
