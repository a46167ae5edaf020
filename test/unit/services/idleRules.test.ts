import assert from 'node:assert/strict';
import { IDLE_RULES_KEY } from '../../../src/services/idleRulesKey';
import { down, MINUTE, minutes, T0 } from '../core/utilisation/samples';
import { Memento, pod, setup, warnedAtMinute31 } from './idleRulesFixture';

const settle = () => new Promise((r) => setImmediate(r));

describe('IdleRules: stop when GPUs stay below X % for N minutes', () => {
  let t: ReturnType<typeof setup>;
  afterEach(() => t?.rules.dispose());

  it('an idle pod gets a warning with its idle time and cost, and is paused once the grace period passes unanswered', async () => {
    t = await warnedAtMinute31();
    assert.equal(t.warnings.length, 1);
    assert.match(
      t.warnings[0].message,
      /"pod-p1" has been idle for 31 minutes \(GPUs below 5%\), costing \$1\.55\/h\. GPU Pods will pause it in 10m/,
    );
    t.at(40);
    t.feed.samples.set('acc/p1', minutes(0, 40, 2));
    await t.rules.check();
    assert.deepEqual(t.stopped, [], 'not before the grace period ends');
    t.at(41);
    t.feed.samples.set('acc/p1', minutes(0, 41, 2));
    await t.rules.check();
    assert.deepEqual(t.stopped, ['p1']);
    assert.match(t.infos[0], /^Paused "pod-p1": its GPUs were idle for 41 minutes \(below 5%\)/);
    assert.ok(t.logs.some((l) => /asking Yotta Labs to pause "pod-p1" after 41 idle minutes/.test(l)));
  });

  it('a busy pod is never warned about nor stopped', async () => {
    t = setup();
    await t.arm();
    t.feed.samples.set('acc/p1', [...minutes(0, 44, 1), ...minutes(45, 45, 60), ...minutes(46, 60, 1)]);
    t.at(60);
    await t.rules.check();
    assert.equal(t.warnings.length, 0);
    assert.deepEqual(t.stopped, []);
  });

  it('a pod that becomes busy during the grace period keeps running', async () => {
    t = await warnedAtMinute31();
    t.feed.samples.set('acc/p1', [...minutes(0, 31, 2), ...minutes(32, 45, 80)]);
    t.at(45);
    await t.rules.check();
    assert.deepEqual(t.stopped, []);
    assert.ok(t.logs.some((l) => l.includes('no longer idle')));
  });

  it('the idle warning offers Pause Now, Keep Running 1 Hour and Turn Off Rule: buttons that say what they do', async () => {
    t = await warnedAtMinute31();
    assert.deepEqual(t.warnings[0].buttons, ['Pause Now', 'Keep Running 1 Hour', 'Turn Off Rule']);
  });

  it('Pause Now on the idle warning pauses the pod at once and says so', async () => {
    t = await warnedAtMinute31();
    t.warnings[0].answer('Pause Now');
    await settle();
    await settle();
    assert.deepEqual(t.stopped, ['p1'], 'stopped before the grace period ends');
    assert.deepEqual(t.infos, ['Paused "pod-p1".']);
  });

  it('the idle warning of a one-minute rule says "idle for 1 minute", not "1 minutes"', async () => {
    t = setup();
    await t.rules.set(
      { accountId: 'acc', cloud: 'yotta', pod: t.pods.get('p1')! },
      { thresholdPercent: 5, forMinutes: 1 },
    );
    t.feed.samples.set('acc/p1', minutes(0, 1, 2));
    t.at(1);
    await t.rules.check();
    assert.match(t.warnings[0]?.message ?? '', /has been idle for 1 minute \(GPUs below 5%\)/);
  });

  it('Turn Off Rule keeps the pod running and turns its rule off', async () => {
    t = await warnedAtMinute31();
    t.warnings[0].answer('Turn Off Rule');
    await settle();
    t.at(50);
    t.feed.samples.set('acc/p1', minutes(0, 50, 2));
    await t.rules.check();
    assert.deepEqual(t.stopped, []);
    assert.equal(t.rules.get('acc', 'p1'), undefined);
    assert.equal(t.warnings.length, 1);
  });

  it('Keep Running 1 Hour: no warning and no stop for an hour, then asked again', async () => {
    t = await warnedAtMinute31();
    t.warnings[0].answer('Keep Running 1 Hour');
    await settle();
    for (const m of [45, 60, 90]) {
      t.at(m);
      t.feed.samples.set('acc/p1', minutes(m - 59, m, 2));
      await t.rules.check();
    }
    assert.deepEqual(t.stopped, []);
    assert.equal(t.warnings.length, 1);
    t.at(92);
    t.feed.samples.set('acc/p1', minutes(33, 92, 2));
    await t.rules.check();
    assert.equal(t.warnings.length, 2);
  });

  it('a pod that cannot be reached is never stopped on a guess', async () => {
    t = setup();
    await t.arm();
    t.feed.samples.set('acc/p1', [...minutes(0, 20, 2), ...[21, 22, 23, 24, 25].map((m) => down(T0 + m * MINUTE))]);
    for (const m of [25, 40, 70]) {
      t.at(m);
      await t.rules.check();
    }
    assert.equal(t.warnings.length, 0);
    assert.deepEqual(t.stopped, []);
  });

  it('readings that stop arriving during the grace period stop nothing', async () => {
    t = await warnedAtMinute31();
    t.at(45); // no reading since minute 31
    await t.rules.check();
    assert.deepEqual(t.stopped, []);
  });

  it('nothing is stopped when the account list cannot be read again before acting', async () => {
    t = setup({ listReadable: false });
    await t.arm();
    t.feed.samples.set('acc/p1', minutes(0, 31, 2));
    t.at(31);
    await t.rules.check();
    t.at(42);
    t.feed.samples.set('acc/p1', minutes(0, 42, 2));
    await t.rules.check();
    assert.deepEqual(t.stopped, []);
    assert.ok(t.logs.some((l) => l.includes('could not be read again')));
  });

  it('a cloud that cannot stop pods: nothing is stopped and nothing deleted', async () => {
    t = setup({ canStop: false });
    await t.arm();
    t.feed.samples.set('acc/p1', minutes(0, 31, 2));
    t.at(31);
    await t.rules.check();
    t.feed.samples.set('acc/p1', minutes(0, 42, 2));
    t.at(42);
    await t.rules.check();
    assert.deepEqual(t.stopped, []);
    assert.ok(t.logs.some((l) => l.includes('never deletes')));
  });

  it('asks the feed to sample exactly the running pods with a rule', async () => {
    t = setup();
    assert.deepEqual(t.feed.demand.get('idleRule'), []);
    await t.arm();
    assert.deepEqual(t.feed.demand.get('idleRule'), ['acc/p1']);
    t.pods.set('p1', pod('p1', 'stopped'));
    t.podsChanged();
    await settle();
    assert.deepEqual(t.feed.demand.get('idleRule'), []);
    assert.ok(t.rules.get('acc', 'p1'), 'a stopped pod keeps its rule');
    t.pods.delete('p1');
    t.podsChanged();
    await settle();
    assert.equal(t.rules.get('acc', 'p1'), undefined, 'a pod that is gone loses it');
  });

  it('rules survive a reload: a new window reads them back and acts on them (with a fresh grace period)', async () => {
    const first = setup();
    await first.arm();
    first.feed.samples.set('acc/p1', minutes(0, 31, 2));
    first.at(31);
    await first.rules.check();
    first.rules.dispose();
    t = setup({ memento: first.memento });
    assert.deepEqual(t.rules.get('acc', 'p1')?.rule, { thresholdPercent: 5, forMinutes: 30 });
    assert.deepEqual(t.feed.demand.get('idleRule'), ['acc/p1']);
    t.feed.samples.set('acc/p1', minutes(0, 42, 2));
    t.at(42);
    await t.rules.check();
    assert.deepEqual(t.stopped, [], "the old window's notification is gone: warned again first");
    assert.equal(t.warnings.length, 1);
  });

  it('from startup, the accounts with a rule are kept listed (the view, and its poller, may never be shown)', async () => {
    const first = setup();
    assert.deepEqual(first.listedAsked, [], 'no rule: no request');
    await first.arm();
    first.rules.dispose();
    t = setup({ memento: first.memento });
    assert.deepEqual(t.listedAsked, [['acc']]);
  });

  for (const button of ['Turn Off Rule', 'Keep Running 1 Hour', 'Pause Now']) {
    it(`${button} pressed after the pod was paused says the warning is out of date, and changes nothing`, async () => {
      t = setup();
      await t.arm();
      t.feed.samples.set('acc/p1', minutes(0, 31, 2));
      t.at(31);
      await t.rules.check();
      t.feed.samples.set('acc/p1', minutes(0, 42, 2));
      t.at(42);
      await t.rules.check();
      assert.deepEqual(t.stopped, ['p1']);
      t.infos.length = 0;
      t.warnings[0].answer(button);
      await settle();
      await settle();
      assert.deepEqual(t.infos, ['"pod-p1" is no longer running; that warning is out of date.']);
      assert.deepEqual(t.stopped, ['p1'], 'nothing stopped twice');
      assert.ok(t.rules.get('acc', 'p1'), 'the rule stays for when the pod runs again');
    });
  }

  it('corrupt stored rules are ignored with a line in the log, and good ones kept', async () => {
    const memento = new Memento();
    await memento.update(IDLE_RULES_KEY, [
      {
        accountId: 'acc',
        cloud: 'yotta',
        podId: 'p1',
        podName: 'pod-p1',
        rule: { thresholdPercent: 'x', forMinutes: 30 },
        setAt: 1,
      },
      {
        accountId: 'acc',
        cloud: 'yotta',
        podId: 'p2',
        podName: 'pod-p2',
        rule: { thresholdPercent: 5, forMinutes: 30 },
        setAt: 1,
      },
      42,
    ]);
    t = setup({ memento });
    assert.deepEqual(
      t.rules.list().map((s) => s.podId),
      ['p2'],
    );
    assert.equal(t.logs.filter((l) => l.startsWith('WARN Idle rules: ignored a stored rule')).length, 2);
  });

  it('stored rules that are not a list at all are ignored, never a crash', () => {
    const memento = new Memento();
    memento.values.set(IDLE_RULES_KEY, { not: 'a list' });
    t = setup({ memento });
    assert.deepEqual(t.rules.list(), []);
    assert.ok(t.logs.some((l) => l.includes('not a list')));
  });
});
