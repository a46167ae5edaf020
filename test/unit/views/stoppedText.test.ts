import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { stoppedVerdict } from '../../../src/core/stoppedRule';
import { deleteRuleShort, stoppedRows } from '../../../src/views/stoppedText';
import { MINUTE, T0 } from '../core/utilisation/samples';

const HOUR = 60 * MINUTE;
const base: Pod = {
  cloud: 'yotta',
  kind: 'pod',
  id: 'p',
  name: 'p',
  status: 'stopped',
  rawStatus: 'PAUSED',
  ports: [],
  details: [],
};
const state = {
  accountId: 'acc',
  cloud: 'yotta' as const,
  podId: 'p',
  podName: 'p',
  rule: { afterHours: 72 },
  setAt: T0,
};

describe('a stopped pod in the tree: how long, what it still costs, and its delete rule', () => {
  it('says how long it has been stopped — "at least" from GPU Pods’ first look — and that the cloud publishes no storage price', () => {
    const rows = stoppedRows(
      base,
      { accountId: 'acc', podId: 'p', since: T0, exact: false },
      undefined,
      T0 + 3 * HOUR + 5 * MINUTE,
    );
    assert.deepEqual(rows, [
      ['Stopped for', 'at least 3h 05m'],
      ['Still costs', 'storage price not published'],
    ]);
  });

  it('says what its disks cost a day at the cloud\'s published prices, and the cloud\'s own stop time without "at least"', () => {
    const pod = {
      ...base,
      storageCost: { usdPerDay: 0.45, billedGb: 90, source: 'https://novita.ai/docs/guides/gpu-instance-pricing' },
    };
    const rows = stoppedRows(pod, { accountId: 'acc', podId: 'p', since: T0, exact: true }, undefined, T0 + 50 * HOUR);
    assert.deepEqual(rows, [
      ['Stopped for', '2d 2h'],
      ['Still costs', '$0.45/day for 90 GB of disk (published storage prices)'],
    ]);
  });

  it('shows the delete rule with the time left, on the row and in the tooltip', () => {
    const record = { accountId: 'acc', podId: 'p', since: T0, exact: false };
    const now = T0 + 47 * HOUR;
    const verdict = stoppedVerdict(record, state.rule, now);
    assert.equal(deleteRuleShort(state, verdict, base, now), 'deletes in 25h 00m');
    const rows = stoppedRows(base, record, { state, verdict }, now);
    assert.deepEqual(rows.at(-1), ['Delete-when-stopped rule', 'delete after 3 days stopped · in 25h 00m']);
  });

  it('a running pod with a rule says the rule counts once it is stopped, and shows no countdown on its row', () => {
    const running = { ...base, status: 'running' as const };
    const verdict = stoppedVerdict(undefined, state.rule, T0);
    assert.deepEqual(stoppedRows(running, undefined, { state, verdict }, T0), [
      ['Delete-when-stopped rule', 'delete after 3 days stopped · counts once the pod is stopped'],
    ]);
    assert.equal(deleteRuleShort(state, verdict, running, T0), undefined);
  });
});
