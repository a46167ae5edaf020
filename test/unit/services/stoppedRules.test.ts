import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { StoppedRules } from '../../../src/services/stoppedRules';
import { MINUTE, T0 } from '../core/utilisation/samples';
import { fakeHost, type FakeHostOptions, type Memento, pod } from './idleRulesFixture';

const HOUR = 60 * MINUTE;
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

/**
 * A stopped pod p1, first seen stopped at minute 0, with a "delete after 2 hours stopped" rule; the grace
 * period is 10 minutes. Time passes on the fake clock (`advance`: the rules' own timers fire, as in VS Code).
 */
async function stoppedFor2h(options: FakeHostOptions = {}) {
  const t = fakeHost({ pods: [pod('p1', 'stopped')], ...options });
  const rules = new StoppedRules(t.host);
  t.podsChanged();
  await settle();
  await rules.set({ accountId: 'acc', cloud: 'yotta', pod: t.pods.get('p1')! }, { afterHours: 2 });
  return { ...t, rules };
}

/** The same, advanced to the warning at 2 h. */
async function warnedAt2h(options: FakeHostOptions = {}) {
  const t = await stoppedFor2h(options);
  await t.clock.advance(2 * HOUR + MINUTE);
  assert.equal(t.warnings.length, 1, 'warned once the pod has been stopped 2 hours');
  return t;
}

describe('Delete When Stopped For…: a pod forgotten stopped is deleted after a warning and a grace period', () => {
  let t: Awaited<ReturnType<typeof stoppedFor2h>>;
  afterEach(() => t?.rules.dispose());

  it('warns once the pod has stayed stopped for the rule’s time, saying how long and what it still costs, then deletes it once after the grace period', async () => {
    t = await stoppedFor2h();
    await t.clock.advance(2 * HOUR - MINUTE);
    assert.equal(t.warnings.length, 0, 'not before 2 hours');
    await t.clock.advance(2 * MINUTE);
    assert.equal(t.warnings.length, 1);
    assert.match(
      t.warnings[0].message,
      /^"pod-p1" has been stopped for at least 2h 0\dm; it still costs storage price not published\. GPU Pods will delete it in 10m unless you answer/,
    );
    assert.deepEqual(t.warnings[0].buttons, ['Delete Now', 'Keep It Another 2 hours', 'Turn Off Rule']);
    await t.clock.advance(8 * MINUTE);
    assert.deepEqual(t.terminated, [], 'not before the grace period ends');
    await t.clock.advance(3 * MINUTE);
    assert.deepEqual(t.terminated, ['p1'], 'deleted once');
    assert.match(t.infos[0], /^Deleted "pod-p1": it had been stopped for at least 2h 1\dm\.$/);
    await t.clock.advance(30 * MINUTE);
    assert.deepEqual(t.terminated, ['p1'], 'never twice');
    assert.equal(t.rules.get('acc', 'p1'), undefined, 'the rule goes with the pod');
  });

  it('never deletes while its account’s list cannot be read: no warning on a failed refresh', async () => {
    t = await stoppedFor2h();
    t.state.listReadable = false;
    await t.clock.advance(3 * HOUR);
    assert.equal(t.warnings.length, 0);
    assert.deepEqual(t.terminated, []);
  });

  it('never deletes when the list fails to refresh during the grace period', async () => {
    t = await warnedAt2h();
    t.state.listReadable = false;
    await t.clock.advance(30 * MINUTE);
    assert.deepEqual(t.terminated, []);
    assert.ok(t.logs.some((l) => l.includes("its account's last refresh failed")));
  });

  it('a pod started during the grace period is not deleted, and its rule counts afresh from its next stop', async () => {
    t = await warnedAt2h();
    t.pods.set('p1', pod('p1', 'running'));
    t.podsChanged();
    await t.clock.advance(30 * MINUTE);
    assert.deepEqual(t.terminated, []);
    t.pods.set('p1', pod('p1', 'stopped'));
    t.podsChanged();
    await t.clock.advance(HOUR);
    assert.equal(t.warnings.length, 1, 'stopped again an hour ago: not due');
    await t.clock.advance(HOUR + MINUTE);
    assert.equal(t.warnings.length, 2, 'due two hours after the new stop');
  });

  it('a pod whose status is unknown (or has an operation pending) is never deleted', async () => {
    t = await warnedAt2h();
    t.pods.set('p1', { ...pod('p1', 'unknown'), rawStatus: 'MIGRATING' });
    t.podsChanged();
    await t.clock.advance(30 * MINUTE);
    t.pods.set('p1', { ...pod('p1', 'stopped'), pending: true });
    t.podsChanged();
    await t.clock.advance(3 * HOUR);
    assert.deepEqual(t.terminated, []);
  });

  it('a pod that ran and stopped again between the warning and the delete (the cloud’s stop time changed) is not deleted', async () => {
    const stopped = (at: number): Pod => ({ ...pod('p1', 'stopped'), stoppedAt: at });
    t = await stoppedFor2h({ pods: [stopped(T0)] });
    const first = t.rules.stoppedSince('acc', 'p1');
    assert.equal(first?.exact, true, "the cloud's own stop time");
    await t.clock.advance(2 * HOUR + MINUTE);
    assert.equal(t.warnings.length, 1);
    // Read again right before deleting, the pod shows a later stop: it was used in between.
    t.pods.set('p1', stopped(t.clock.now() - MINUTE));
    await t.clock.advance(15 * MINUTE);
    assert.deepEqual(t.terminated, []);
    assert.ok(
      t.logs.some((l) => /changed since its warning|left alone/.test(l)),
      t.logs.join('\n'),
    );
  });

  it('Keep It Another 2 hours: not deleted, and asked again only after another 2 hours', async () => {
    t = await warnedAt2h();
    t.warnings[0].answer('Keep It Another 2 hours');
    await settle();
    await t.clock.advance(2 * HOUR - 5 * MINUTE);
    assert.deepEqual(t.terminated, []);
    assert.equal(t.warnings.length, 1);
    await t.clock.advance(10 * MINUTE);
    assert.equal(t.warnings.length, 2, 'asked again; never deleted without a warning');
    assert.deepEqual(t.terminated, []);
  });

  it('Turn Off Rule: not deleted, and the rule is off', async () => {
    t = await warnedAt2h();
    t.warnings[0].answer('Turn Off Rule');
    await settle();
    await t.clock.advance(HOUR);
    assert.deepEqual(t.terminated, []);
    assert.equal(t.rules.get('acc', 'p1'), undefined);
  });

  it('Delete Now deletes at once, once, and says so', async () => {
    t = await warnedAt2h();
    t.warnings[0].answer('Delete Now');
    await settle();
    assert.deepEqual(t.terminated, ['p1']);
    assert.deepEqual(t.infos, ['Deleted "pod-p1".']);
    await t.clock.advance(HOUR);
    assert.deepEqual(t.terminated, ['p1']);
  });

  it('Delete Now pressed after the pod was started says the warning is out of date and deletes nothing', async () => {
    t = await warnedAt2h();
    t.pods.set('p1', pod('p1', 'running'));
    t.podsChanged();
    await settle();
    t.warnings[0].answer('Delete Now');
    await settle();
    assert.deepEqual(t.terminated, []);
    assert.deepEqual(t.infos, ['"pod-p1" is no longer stopped as it was; that warning is out of date.']);
  });

  it('on a cloud where stopping is deleting, nothing is deleted', async () => {
    t = await warnedAt2h({ canStop: false });
    await t.clock.advance(HOUR);
    assert.deepEqual(t.terminated, []);
    assert.ok(t.logs.some((l) => l.includes('stopping is deleting there')));
  });

  it('a laptop that sleeps through the grace period does not wake up to a deleted pod: the whole grace period again, awake', async () => {
    t = await warnedAt2h();
    t.clock.suspend(8 * HOUR);
    await t.clock.advance(5 * MINUTE);
    assert.deepEqual(t.terminated, [], 'five minutes after waking');
    await t.clock.advance(6 * MINUTE);
    assert.deepEqual(t.terminated, ['p1'], 'after a whole grace period awake');
  });

  it('a clock set back an hour neither deletes early nor adds the hour: the pod keeps the stopped time it had', async () => {
    t = await stoppedFor2h();
    await t.clock.advance(HOUR);
    t.clock.stepBack(HOUR);
    await t.clock.advance(HOUR - 2 * MINUTE);
    assert.equal(t.warnings.length, 0, 'not early');
    await t.clock.advance(4 * MINUTE);
    assert.equal(t.warnings.length, 1, 'two hours of stop, as on the clock before the step');
  });

  it('rules and stopped times survive a reload: a new window warns again (a whole grace period) and then deletes', async () => {
    const first = await warnedAt2h();
    first.rules.dispose();
    const memento: Memento = first.memento;
    const h = fakeHost({ memento, clock: first.clock, pods: [pod('p1', 'stopped')] });
    t = { ...h, rules: new StoppedRules(h.host) };
    await t.clock.advance(5 * MINUTE);
    assert.equal(t.warnings.length, 1, 'warned again by the new window');
    assert.deepEqual(t.terminated, []);
    await t.clock.advance(10 * MINUTE);
    assert.deepEqual(t.terminated, ['p1']);
  });
});
