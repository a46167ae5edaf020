import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { deleteWhenStoppedAllowed, stoppedVerdict, validateStoppedRule } from '../../../src/core/stoppedRule';
import { afterListed, readRecords, recordsAfterMove, type StoppedRecord } from '../../../src/core/stoppedSince';
import { MINUTE, T0 } from './utilisation/samples';

const HOUR = 60 * MINUTE;

function pod(id: string, status: Pod['status'], extra: Partial<Pod> = {}): Pod {
  return { cloud: 'novita', kind: 'pod', id, name: id, status, rawStatus: status, ports: [], details: [], ...extra };
}

describe('how long a pod has been stopped', () => {
  it('counts from the first complete list that shows it stopped ("at least"), and keeps that time while it stays stopped', () => {
    const first = afterListed([], 'acc', [pod('a', 'stopped'), pod('b', 'running')], T0)!;
    assert.deepEqual(first, [{ accountId: 'acc', podId: 'a', since: T0, exact: false }]);
    assert.equal(afterListed(first, 'acc', [pod('a', 'stopped')], T0 + HOUR), undefined, 'nothing changes');
  });

  it("takes the cloud's own stop time where the answer carries one, even after a first look", () => {
    const looked = afterListed([], 'acc', [pod('a', 'stopped')], T0)!;
    const exact = afterListed(looked, 'acc', [pod('a', 'stopped', { stoppedAt: T0 - HOUR })], T0 + MINUTE)!;
    assert.deepEqual(exact, [{ accountId: 'acc', podId: 'a', since: T0 - HOUR, exact: true }]);
    // A later answer without the field (Novita's list) keeps it.
    assert.equal(afterListed(exact, 'acc', [pod('a', 'stopped')], T0 + HOUR), undefined);
  });

  it('forgets the stop when the pod is seen running, stopping, unknown, with an operation pending, or gone: a new stop counts afresh', () => {
    const first = afterListed([], 'acc', [pod('a', 'stopped')], T0)!;
    for (const seen of [
      [pod('a', 'running')],
      [pod('a', 'provisioning')],
      [pod('a', 'unknown')],
      [pod('a', 'stopped', { pending: true })],
      [],
    ])
      assert.deepEqual(afterListed(first, 'acc', seen, T0 + HOUR), [], JSON.stringify(seen));
  });

  it('a new stop time from the cloud means the pod ran and stopped again: it counts from the new one', () => {
    const first = afterListed([], 'acc', [pod('a', 'stopped', { stoppedAt: T0 })], T0)!;
    const again = afterListed(first, 'acc', [pod('a', 'stopped', { stoppedAt: T0 + 3 * HOUR })], T0 + 3 * HOUR)!;
    assert.deepEqual(again, [{ accountId: 'acc', podId: 'a', since: T0 + 3 * HOUR, exact: true }]);
  });

  it("another account's list leaves this account's records alone", () => {
    const first = afterListed([], 'acc', [pod('a', 'stopped')], T0)!;
    assert.deepEqual(afterListed(first, 'other', [], T0 + HOUR), undefined);
  });

  it('a clock set back moves a first look back with it (the pod keeps its stopped time); the cloud’s own times stay', () => {
    const records: StoppedRecord[] = [
      { accountId: 'acc', podId: 'a', since: T0, exact: false },
      { accountId: 'acc', podId: 'b', since: T0, exact: true },
    ];
    const moved = recordsAfterMove(records, { now: T0 + HOUR - 2 * HOUR, backMs: 2 * HOUR, aheadMs: 0 })!;
    assert.deepEqual(
      moved.map((r) => r.since),
      [T0 - 2 * HOUR, T0],
    );
    assert.equal(
      recordsAfterMove(records, { now: T0 + HOUR, backMs: 0, aheadMs: 3 * HOUR }),
      undefined,
      'a sleep counts',
    );
  });

  it('stored records that are not records are left out, never a crash', () => {
    const good = { accountId: 'acc', podId: 'a', since: T0, exact: false };
    assert.deepEqual(readRecords([good, null, 4, { ...good, since: 'x' }, { ...good, exact: 1 }]), [good]);
    assert.deepEqual(readRecords({ not: 'a list' }), []);
  });
});

describe('the delete-when-stopped rule', () => {
  const rule = { afterHours: 2 };
  const record = { accountId: 'acc', podId: 'a', since: T0, exact: false };

  it('is due once the pod has been stopped for the rule’s hours, not a minute before', () => {
    assert.deepEqual(stoppedVerdict(record, rule, T0 + 2 * HOUR - MINUTE), {
      kind: 'waiting',
      since: T0,
      exact: false,
      dueAt: T0 + 2 * HOUR,
    });
    assert.deepEqual(stoppedVerdict(record, rule, T0 + 2 * HOUR), { kind: 'due', since: T0, exact: false });
  });

  it('is never due without a record, nor with one dated after now (the clock went back)', () => {
    assert.equal(stoppedVerdict(undefined, rule, T0 + 100 * HOUR).kind, 'unknown');
    assert.equal(stoppedVerdict(record, rule, T0 - MINUTE).kind, 'unknown');
  });

  it('accepts hours above 0 up to 30 days and refuses the rest with a reason', () => {
    assert.deepEqual(validateStoppedRule({ afterHours: 1.5 }), { rule: { afterHours: 1.5 } });
    for (const bad of [
      null,
      {},
      { afterHours: 0 },
      { afterHours: -1 },
      { afterHours: 721 },
      { afterHours: NaN },
      { afterHours: '3' },
    ])
      assert.ok('error' in validateStoppedRule(bad), JSON.stringify(bad));
  });

  it('is offered (menu and palette) only on clouds that keep stopped pods, and only for pods not failed or on their way out', () => {
    const keeps = { podActions: new Set(['stop', 'start', 'restart', 'terminate'] as const) };
    const stopIsDelete = { podActions: new Set(['terminate'] as const) };
    for (const status of ['running', 'stopped', 'provisioning', 'stopping'] as const)
      assert.equal(deleteWhenStoppedAllowed(keeps, pod('a', status)), true, status);
    for (const status of ['failed', 'terminating', 'terminated', 'unknown'] as const)
      assert.equal(deleteWhenStoppedAllowed(keeps, pod('a', status)), false, status);
    assert.equal(deleteWhenStoppedAllowed(stopIsDelete, pod('a', 'running')), false, 'NeevCloud-style: never');
    assert.equal(deleteWhenStoppedAllowed(keeps, pod('a', 'stopped', { kind: 'vm' })), false, 'not a VM');
  });
});
