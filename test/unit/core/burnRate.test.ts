import assert from 'node:assert/strict';
import { computeBurnRate, formatDuration, formatUsd, type BurnEntry } from '../../../src/core/burnRate';
import type { Pod } from '../../../src/core/model';

const NOW = Date.UTC(2026, 0, 1, 12);
const HOUR = 3_600_000;

function entry(name: string, fields: Partial<Pod>): BurnEntry {
  const pod: Pod = {
    cloud: 'novita',
    kind: 'pod',
    id: name,
    name,
    status: 'running',
    rawStatus: 'running',
    ports: [],
    details: [],
    ...fields,
  };
  return { accountId: 'a1', cloud: pod.cloud, where: 'Novita AI', pod };
}

describe('burn rate', () => {
  it('counts running pods and sums only known prices', () => {
    const b = computeBurnRate(
      [
        entry('a', { pricePerHour: 0.35, createdAt: NOW - 2 * HOUR }),
        entry('b', { pricePerHour: 1.99 }),
        entry('c', { pricePerHour: undefined, createdAt: NOW - HOUR }),
        entry('stopped', { status: 'stopped', pricePerHour: 5 }),
        entry('starting', { status: 'provisioning', pricePerHour: 5 }),
      ],
      NOW,
    );
    assert.equal(b.running, 3);
    assert.equal(b.priced, 2);
    assert.equal(b.unknown, 1);
    assert.equal(b.knownPerHour, 2.34);
    assert.deepEqual(
      b.rows.map((r) => r.pod.name),
      ['b', 'a', 'c'],
      'dearest first, unknown last',
    );
  });

  it('two accounts with the same key count each running pod once, not twice', () => {
    const [a, b] = [entry('a', { pricePerHour: 0.35 }), entry('b', { pricePerHour: 1.99 })];
    const twin = (e: BurnEntry): BurnEntry => ({ ...e, accountId: 'a2', where: 'Novita AI (copy)' });
    const burn = computeBurnRate([a, b, twin(a), twin(b)], NOW);
    assert.equal(burn.running, 2);
    assert.equal(burn.knownPerHour, 2.34);
    assert.deepEqual(
      burn.rows.map((r) => r.accountId),
      ['a1', 'a1'],
      'each under the first account that lists it',
    );
  });

  it('never turns an unknown or unusable price into $0', () => {
    const b = computeBurnRate(
      [
        entry('nan', { pricePerHour: Number.NaN }),
        entry('neg', { pricePerHour: -1 }),
        entry('inf', { pricePerHour: Infinity }),
      ],
      NOW,
    );
    assert.equal(b.priced, 0);
    assert.equal(b.unknown, 3);
    assert.ok(b.rows.every((r) => r.perHour === undefined && r.spent === undefined));
  });

  it('keeps a real price of 0 (a free pod) apart from unknown', () => {
    const b = computeBurnRate([entry('free', { pricePerHour: 0 })], NOW);
    assert.equal(b.priced, 1);
    assert.equal(b.unknown, 0);
  });

  it('spend since created is price × time; unknown without a start time or a price', () => {
    const [a, c, d] = computeBurnRate(
      [
        entry('a', { pricePerHour: 0.5, createdAt: NOW - 3 * HOUR }),
        entry('c', { createdAt: NOW - HOUR }),
        entry('d', { pricePerHour: 2, createdAt: NOW + HOUR }),
      ],
      NOW,
    ).rows.sort((x, y) => x.pod.name.localeCompare(y.pod.name));
    assert.equal(a.spent, 1.5);
    assert.equal(a.runningMs, 3 * HOUR);
    assert.equal(c.spent, undefined);
    assert.equal(c.runningMs, HOUR);
    assert.equal(d.runningMs, undefined, 'a start time in the future is not trusted');
    assert.equal(d.spent, undefined);
  });

  it('sums without floating-point noise', () => {
    assert.equal(
      computeBurnRate([entry('x', { pricePerHour: 0.1 }), entry('y', { pricePerHour: 0.2 })], NOW).knownPerHour,
      0.3,
    );
  });

  it('formats money and durations', () => {
    assert.equal(formatUsd(4.1234), '$4.12');
    assert.equal(formatUsd(0.35), '$0.35');
    assert.equal(formatUsd(0.004), '$0.004');
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatDuration(45 * 60_000), '45m');
    assert.equal(formatDuration(3 * HOUR + 5 * 60_000), '3h 05m');
    assert.equal(formatDuration(52 * HOUR), '2d 4h');
  });
});
