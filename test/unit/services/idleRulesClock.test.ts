import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { UtilisationSampler } from '../../../src/core/utilisation/sampler';
import { FakeClock } from '../core/fakeClock';
import { MINUTE, minutes, T0 } from '../core/utilisation/samples';
import { setup, warnedAtMinute31 } from './idleRulesFixture';

/**
 * Time faults never cost money: the idle rules on the real sampler, both on one virtual clock that the tests
 * step forward, back and across a suspend. The pod's GPU reads whatever `gpu.percent` says when it is read.
 */
function onSampler(options: { graceMinutes?: number } = {}) {
  const clock = new FakeClock(T0);
  const gpu = { percent: 1, reachable: true };
  let listed: () => Pod[] = () => [];
  const sampler = new UtilisationSampler({
    clock,
    targets: () =>
      listed().map((pod) => ({
        key: `acc/${pod.id}`,
        status: pod.status,
        source: async () => ({
          kind: 'cloud-metrics' as const,
          read: async () =>
            gpu.reachable ? { gpus: [{ index: 0, utilisationPercent: gpu.percent }] } : new Promise<never>(() => {}),
        }),
      })),
  });
  const t = setup({ feed: sampler, clock, graceMinutes: options.graceMinutes ?? 2 });
  listed = () => [...t.pods.values()];
  return { ...t, sampler, gpu, clock };
}

describe('GPU utilisation rules when the clock moves', () => {
  let t: ReturnType<typeof onSampler>;
  afterEach(() => {
    t?.rules.dispose();
    t?.sampler.dispose();
  });

  for (const back of [10, 20]) {
    it(`a busy pod is not warned about nor paused when the clock is set back ${back} minutes to its idle readings`, async () => {
      t = onSampler();
      // The view is open: the pod is read every minute. Idle for 50 minutes, then busy.
      t.sampler.setDemand('view', 'allRunning');
      await t.clock.advance(50 * MINUTE);
      t.gpu.percent = 90;
      await t.clock.advance(5 * MINUTE);
      await t.arm();
      await t.clock.advance(MINUTE / 2);
      assert.equal(t.warnings.length, 0, 'busy: no warning');
      t.clock.stepBack(back * MINUTE);
      await t.clock.advance(15 * MINUTE);
      assert.deepEqual(t.stopped, [], 'not paused');
      assert.deepEqual(
        t.warnings.map((w) => w.message),
        [],
        'the readings left before "now" are old ones: never a verdict',
      );
      const verdict = t.rules.verdict('acc', 'p1', { thresholdPercent: 5, forMinutes: 30 });
      assert.equal(verdict.kind, 'busy', 'the pod was read again at once: its GPU is busy');
    });
  }

  it('after the clock is set back, an idle pod waits a whole window of new readings before it is warned about', async () => {
    t = onSampler();
    await t.arm();
    t.gpu.percent = 90;
    await t.clock.advance(20 * MINUTE);
    t.gpu.percent = 1;
    await t.clock.advance(20 * MINUTE);
    t.clock.stepBack(30 * MINUTE);
    await t.clock.advance(29 * MINUTE);
    assert.deepEqual(t.warnings, [], 'not a whole window of readings taken since the step yet');
    await t.clock.advance(2 * MINUTE);
    assert.equal(t.warnings.length, 1, 'then it is warned about, as ever');
  });

  it('a laptop that sleeps through the grace period does not wake up to a paused pod', async () => {
    t = onSampler({ graceMinutes: 10 });
    await t.arm();
    await t.clock.advance(31 * MINUTE);
    assert.equal(t.warnings.length, 1);
    t.clock.suspend(3 * 60 * MINUTE);
    await t.clock.advance(5 * MINUTE);
    assert.deepEqual(t.stopped, [], 'the readings from before the sleep are no verdict');
    assert.ok(t.logs.some((l) => l.includes('no longer idle')));
  });

  it('readings that stop arriving (the pod hangs) never pause it', async () => {
    t = onSampler({ graceMinutes: 5 });
    await t.arm();
    await t.clock.advance(31 * MINUTE);
    assert.equal(t.warnings.length, 1);
    t.gpu.reachable = false;
    await t.clock.advance(30 * MINUTE);
    assert.deepEqual(t.stopped, []);
  });
});

describe('Keep Running 1 Hour when the clock moves', () => {
  let t: ReturnType<typeof setup>;
  afterEach(() => t?.rules.dispose());

  /** Warned at minute 31, answered Keep Running 1 Hour, and looked at again at minute 40. */
  async function snoozedAt40() {
    t = await warnedAtMinute31();
    t.warnings[0].answer('Keep Running 1 Hour');
    await new Promise((r) => setImmediate(r));
    t.at(40);
    await t.rules.check();
    assert.ok(t.rules.get('acc', 'p1')?.snoozedUntil, 'kept running');
  }

  it('a clock set back keeps the hour to its end, not an hour and the step', async () => {
    await snoozedAt40();
    t.clock.stepBack(20 * MINUTE); // the wall clock reads minute 20
    await t.rules.check();
    // 51 minutes of the hour were left at minute 40: it ends at minute 71 of the new clock.
    t.feed.samples.set('acc/p1', minutes(11, 71, 2));
    t.at(71);
    await t.rules.check();
    assert.equal(t.warnings.length, 2, 'warned again when the hour is over');
  });

  it('a clock set back a day while VS Code was closed: the hour lasts at most an hour from the next start', async () => {
    await snoozedAt40();
    t.rules.dispose();
    const memento = t.memento;
    t = setup({ memento });
    t.clock.stepBack(24 * 60 * MINUTE);
    t.feed.samples.set('acc/p1', minutes(-24 * 60 - 60, -24 * 60, 2));
    t.at(-24 * 60);
    await t.rules.check();
    assert.equal(t.warnings.length, 0, 'still kept running');
    t.feed.samples.set('acc/p1', minutes(-24 * 60, -24 * 60 + 61, 2));
    t.at(-24 * 60 + 61);
    await t.rules.check();
    assert.equal(t.warnings.length, 1, 'not a day and an hour later');
  });
});
