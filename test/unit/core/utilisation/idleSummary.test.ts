import assert from 'node:assert/strict';
import type { IdleVerdict } from '../../../../src/core/utilisation/idleRule';
import { idleSummary, type IdleSummaryEntry } from '../../../../src/core/utilisation/idleSummary';

const IDLE: IdleVerdict = { kind: 'idle', since: 0, minutes: 40 };

function entry(pricePerHour: number | undefined, verdict: IdleVerdict = IDLE, status = 'running'): IdleSummaryEntry {
  return { pod: { name: 'p', status: status as 'running', pricePerHour }, verdict };
}

describe('idle summary (status bar)', () => {
  it('"2 idle · $3.10/h": idle running pods and the sum of their prices', () => {
    assert.deepEqual(idleSummary([entry(1.2), entry(1.9), entry(5, { kind: 'busy' })]), {
      idle: 2,
      knownPerHour: 3.1,
      knownPerHourText: '$3.10',
      unpriced: 0,
    });
  });

  it('a pod without a price is counted and said, never added as $0', () => {
    assert.deepEqual(idleSummary([entry(0.35), entry(undefined), entry(NaN)]), {
      idle: 3,
      knownPerHour: 0.35,
      knownPerHourText: '$0.35',
      unpriced: 2,
    });
    const none = idleSummary([entry(undefined)]);
    assert.equal(none.knownPerHourText, undefined, 'no "$0.00" when no idle pod has a price');
    assert.equal(none.unpriced, 1);
  });

  it('unknown, busy and stopped pods are not idle', () => {
    const s = idleSummary([
      entry(2, { kind: 'unknown', why: 'the pod cannot be reached' }),
      entry(2, { kind: 'busy', quietSince: 0 }),
      entry(2, IDLE, 'stopped'),
    ]);
    assert.deepEqual(s, { idle: 0, knownPerHour: 0, unpriced: 0 });
  });

  it('adds prices to the cent without floating-point noise, small rates keep their cents', () => {
    assert.equal(idleSummary([entry(0.1), entry(0.2)]).knownPerHourText, '$0.30');
    assert.equal(idleSummary([entry(0.004)]).knownPerHourText, '$0.004');
  });
});
