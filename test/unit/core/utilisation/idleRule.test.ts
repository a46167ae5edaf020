import assert from 'node:assert/strict';
import {
  DEFAULT_IDLE_RULE,
  evaluate,
  type IdleRuleState,
  type IdleVerdict,
  MAX_GAP_MS,
  nextStep,
  readRuleStates,
  snooze,
  validateRule,
  withoutRule,
  withRule,
} from '../../../../src/core/utilisation/idleRule';
import { down, gpus, minutes, MINUTE, T0 } from './samples';

const RULE = DEFAULT_IDLE_RULE; // below 5 % for 30 minutes
const CLOUDS = ['novita', 'yotta'];
const GRACE = 10 * MINUTE;

function at(m: number): number {
  return T0 + m * MINUTE;
}

function kindOf(v: IdleVerdict): string {
  return v.kind;
}

function state(overrides: Partial<IdleRuleState> = {}): IdleRuleState {
  return {
    accountId: 'a1',
    cloud: 'novita',
    podId: 'p1',
    podName: 'train',
    rule: { ...RULE },
    setAt: T0,
    ...overrides,
  };
}

describe('idle rule', () => {
  it('defaults to below 5 % for 30 minutes', () => {
    assert.deepEqual(DEFAULT_IDLE_RULE, { thresholdPercent: 5, forMinutes: 30 });
  });

  it('is idle after exactly N minutes below X, not a reading before', () => {
    const samples = minutes(0, 40, 2);
    assert.equal(kindOf(evaluate(samples.slice(0, 30), RULE, at(29))), 'unknown', '29 minutes watched');
    assert.deepEqual(evaluate(samples.slice(0, 31), RULE, at(30)), { kind: 'idle', since: at(0), minutes: 30 });
    assert.deepEqual(evaluate(samples, RULE, at(40)), { kind: 'idle', since: at(0), minutes: 40 });
  });

  it('not idle before the window is covered after a busy spell', () => {
    const samples = [...minutes(0, 9, 80), ...minutes(10, 39, 1)];
    assert.deepEqual(evaluate(samples, RULE, at(39)), { kind: 'busy', quietSince: at(10) });
    const later = [...samples, ...minutes(40, 40, 1)];
    assert.deepEqual(evaluate(later, RULE, at(40)), { kind: 'idle', since: at(10), minutes: 30 });
  });

  it('below means strictly below: a GPU at the threshold is busy', () => {
    assert.deepEqual(evaluate(minutes(0, 30, 5), RULE, at(30)), { kind: 'busy' });
    assert.equal(kindOf(evaluate(minutes(0, 30, 4.9), RULE, at(30))), 'idle');
  });

  it('one busy GPU among idle ones keeps the pod busy', () => {
    assert.deepEqual(evaluate(minutes(0, 60, 0, 0, 93, 0), RULE, at(60)), { kind: 'busy' });
  });

  it('one busy reading inside the window resets it', () => {
    const samples = minutes(0, 60, 1);
    samples[45] = gpus(at(45), 1, 60);
    assert.deepEqual(evaluate(samples, RULE, at(60)), { kind: 'busy', quietSince: at(46) });
  });

  it('a gap in the readings inside the window makes it unknown, never idle', () => {
    const samples = [...minutes(0, 20, 0), ...minutes(24, 60, 0)].filter((s) => s.at <= at(60));
    const gapped = [...minutes(0, 40, 0), ...minutes(45, 60, 0)];
    const v = evaluate(gapped, RULE, at(60));
    assert.equal(v.kind, 'unknown');
    assert.match((v as { why: string }).why, /no reading for 5m, 15m ago/);
    assert.equal(kindOf(evaluate(samples, RULE, at(60))), 'idle', 'a gap older than the window does not matter');
  });

  it('a gap up to the stated maximum is tolerated, one minute more is not', () => {
    const max = MAX_GAP_MS / MINUTE;
    const tolerated = minutes(0, 40, 0).filter((s) => s.at <= at(20) || s.at >= at(20 + max));
    const tooLong = minutes(0, 40, 0).filter((s) => s.at <= at(20) || s.at >= at(21 + max));
    assert.equal(kindOf(evaluate(tolerated, RULE, at(40))), 'idle');
    assert.equal(kindOf(evaluate(tooLong, RULE, at(40))), 'unknown');
  });

  it('no recent reading is unknown, however idle the pod was', () => {
    const v = evaluate(minutes(0, 40, 0), RULE, at(50));
    assert.deepEqual(v, { kind: 'unknown', why: 'no reading for 10m' });
  });

  it('a pod that cannot be reached is unknown, with the reason, even after a long idle spell', () => {
    const samples = [...minutes(0, 59, 0), down(at(60), 'the pod cannot be reached: timed out')];
    assert.deepEqual(evaluate(samples, RULE, at(60)), {
      kind: 'unknown',
      why: 'the pod cannot be reached: timed out',
    });
  });

  it('an unreachable spell inside the window makes it unknown; one before the window does not', () => {
    const inside = minutes(0, 60, 0).map((s) => (s.at === at(50) ? down(at(50)) : s));
    assert.equal(kindOf(evaluate(inside, RULE, at(60))), 'unknown');
    const before = minutes(0, 60, 0).map((s) => (s.at === at(20) ? down(at(20)) : s));
    assert.deepEqual(evaluate(before, RULE, at(60)), { kind: 'idle', since: at(21), minutes: 39 });
  });

  it('a GPU that does not report its utilisation, or no GPU at all, is unknown', () => {
    const silent = minutes(0, 40, 0, 0).map((s) => (s.at === at(35) ? gpus(at(35), 0, undefined) : s));
    assert.deepEqual(evaluate(silent, RULE, at(40)), { kind: 'unknown', why: 'a GPU did not report its utilisation' });
    const none = [...minutes(0, 39, 0), gpus(at(40))];
    assert.deepEqual(evaluate(none, RULE, at(40)), { kind: 'unknown', why: 'no GPU reported' });
  });

  it('no reading at all is unknown; readings after now are not used', () => {
    assert.deepEqual(evaluate([], RULE, at(0)), { kind: 'unknown', why: 'no reading yet' });
    assert.equal(kindOf(evaluate(minutes(0, 40, 0), RULE, at(20))), 'unknown');
  });

  it('a reading dated after now (the clock went back) makes the verdict unknown, never a judgement on the rest', () => {
    // Idle for 50 minutes, then busy; the clock is set back to minute 45.
    const samples = [...minutes(0, 50, 1), ...minutes(51, 55, 90)];
    const verdict = evaluate(samples, RULE, at(45));
    assert.equal(verdict.kind, 'unknown');
    assert.match(verdict.kind === 'unknown' ? verdict.why : '', /clock went back/);
  });

  it('a rule that is not valid (a NaN threshold from a broken setting) proves nothing', () => {
    const v = evaluate(minutes(0, 60, 0), { thresholdPercent: NaN, forMinutes: 30 }, at(60));
    assert.equal(v.kind, 'unknown');
    assert.equal(kindOf(evaluate(minutes(0, 60, 50), { thresholdPercent: NaN, forMinutes: 30 }, at(60))), 'unknown');
  });

  it('a rule of its own: 20 % for 10 minutes', () => {
    const rule = { thresholdPercent: 20, forMinutes: 10 };
    assert.equal(kindOf(evaluate(minutes(0, 10, 15), rule, at(10))), 'idle');
    assert.equal(kindOf(evaluate(minutes(0, 9, 15), rule, at(9))), 'unknown');
  });
});

describe('idle rule steps', () => {
  const idle: IdleVerdict = { kind: 'idle', since: at(0), minutes: 30 };

  it('idle: notify first, then wait the grace period, then stop', () => {
    assert.deepEqual(nextStep(state(), idle, at(30), GRACE), { kind: 'notify', since: at(0), minutes: 30 });
    const shown = state({ notifiedAt: at(30) });
    assert.deepEqual(nextStep(shown, idle, at(39), GRACE), { kind: 'grace', until: at(40) });
    assert.deepEqual(nextStep(shown, { ...idle, minutes: 40 }, at(40), GRACE), {
      kind: 'stop',
      since: at(0),
      minutes: 40,
    });
  });

  it('never stops a pod that became busy or unreachable during the grace period', () => {
    const shown = state({ notifiedAt: at(30) });
    assert.deepEqual(nextStep(shown, { kind: 'busy' }, at(45), GRACE), { kind: 'watch' });
    assert.deepEqual(nextStep(shown, { kind: 'unknown', why: 'timed out' }, at(45), GRACE), { kind: 'watch' });
  });

  it('Keep Running For 1 Hour: nothing for an hour, then it asks again if still idle', () => {
    const kept = snooze(state({ notifiedAt: at(30) }), at(32));
    assert.equal(kept.snoozedUntil, at(92));
    assert.equal(kept.notifiedAt, undefined, 'the next notification gets a full grace period');
    assert.deepEqual(nextStep(kept, idle, at(91), GRACE), { kind: 'snoozed', until: at(92) });
    assert.equal(nextStep(kept, idle, at(92), GRACE).kind, 'notify');
  });

  it('one rule per pod: setting replaces, clearing removes only that pod', () => {
    let list = withRule([], state({ podId: 'a' }));
    list = withRule(list, state({ podId: 'a', rule: { thresholdPercent: 10, forMinutes: 15 } }));
    list = withRule(list, state({ podId: 'b' }));
    assert.deepEqual(
      list.map((s) => `${s.podId}:${s.rule.thresholdPercent}`),
      ['a:10', 'b:5'],
    );
    assert.deepEqual(
      withoutRule(list, 'a1', 'a').map((s) => s.podId),
      ['b'],
    );
  });
});

describe('idle rule settings and storage', () => {
  it('accepts a sensible rule and refuses the rest with a reason', () => {
    assert.deepEqual(validateRule({ thresholdPercent: 12.5, forMinutes: 60 }), {
      rule: { thresholdPercent: 12.5, forMinutes: 60 },
    });
    for (const bad of [
      null,
      'x',
      { thresholdPercent: 0, forMinutes: 30 },
      { thresholdPercent: 101, forMinutes: 30 },
      { thresholdPercent: NaN, forMinutes: 30 },
      { thresholdPercent: '5', forMinutes: 30 },
      { thresholdPercent: 5, forMinutes: 0 },
      { thresholdPercent: 5, forMinutes: 2.5 },
      { thresholdPercent: 5, forMinutes: 61 },
    ]) {
      assert.ok('error' in validateRule(bad), JSON.stringify(bad));
    }
  });

  it('survives a reload: a JSON round trip reads back the same rules, without the old window’s notification', () => {
    const saved = [
      state({ podId: 'a', snoozedUntil: at(90), notifiedAt: at(30) }),
      state({ podId: 'b', cloud: 'yotta' }),
    ];
    const read = readRuleStates(JSON.parse(JSON.stringify(saved)), CLOUDS);
    assert.deepEqual(read.ignored, []);
    assert.deepEqual(read.states, [state({ podId: 'a', snoozedUntil: at(90) }), state({ podId: 'b', cloud: 'yotta' })]);
  });

  it('a corrupt stored value is ignored with a reason, never a crash, and good entries are kept', () => {
    assert.deepEqual(readRuleStates(undefined, CLOUDS), { states: [], ignored: [] });
    assert.deepEqual(readRuleStates({ a: 1 }, CLOUDS), {
      states: [],
      ignored: ['the stored idle rules are not a list'],
    });
    const read = readRuleStates(
      [
        null,
        state({ cloud: 'acme' as never }),
        { ...state(), rule: { thresholdPercent: -1, forMinutes: 30 } },
        { ...state(), setAt: 'yesterday' },
        { ...state(), podId: '' },
        { ...state(), snoozedUntil: Infinity },
        state({ podId: 'good' }),
      ],
      CLOUDS,
    );
    assert.deepEqual(
      read.states.map((s) => s.podId),
      ['good'],
    );
    assert.deepEqual(read.ignored, [
      'idle rule 1: not an object',
      'idle rule 2: unknown cloud',
      'idle rule 3: the threshold must be a percentage above 0 and at most 100',
      'idle rule 4: no valid setAt',
      'idle rule 5: no podId',
      'idle rule 6: snoozedUntil is not a time',
    ]);
  });
});
