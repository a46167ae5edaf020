import assert from 'node:assert/strict';
import { CancelledError, CloudError, TimeoutError } from '../../../src/core/errors';
import type { Pod, PodStatus } from '../../../src/core/model';
import { waitForPod } from '../../../src/core/waitForPod';
import { FakeClock } from './fakeClock';

const pod = (status: PodStatus, extra: Partial<Pod> = {}): Pod => ({
  cloud: 'yotta',
  kind: 'pod',
  id: '1',
  name: 'trainer',
  status,
  rawStatus: status.toUpperCase(),
  ports: [],
  details: [],
  ...extra,
});

function sequence(states: Array<Pod | undefined>) {
  let i = 0;
  return async () => states[Math.min(i++, states.length - 1)];
}

describe('waitForPod', () => {
  let clock: FakeClock;
  const opts = () => ({ intervalMs: 1000, timeoutMs: 10_000, clock });
  /** Runs the wait on virtual time. */
  const wait = (...args: Parameters<typeof waitForPod>) => clock.run(waitForPod(...args));
  beforeEach(() => (clock = new FakeClock()));

  it('resolves when the pod reaches the goal, reporting every view', async () => {
    const seen: string[] = [];
    const result = await wait(sequence([pod('provisioning'), pod('provisioning'), pod('running')]), 'running', {
      ...opts(),
      onUpdate: (p) => seen.push(p!.status),
    });
    assert.equal(result?.status, 'running');
    assert.deepEqual(seen, ['provisioning', 'provisioning', 'running']);
  });

  it('treats a pending operation as not there yet', async () => {
    const result = await wait(sequence([pod('running', { pending: true }), pod('running')]), 'running', opts());
    assert.equal(result?.pending, undefined);
    assert.equal(clock.now(), 1000);
  });

  it('counts a vanished or terminated pod as gone', async () => {
    assert.equal(await wait(sequence([pod('terminating'), undefined]), 'gone', opts()), undefined);
    assert.equal((await wait(sequence([pod('terminated')]), 'gone', opts()))?.status, 'terminated');
  });

  it('ends with the reason when the pod fails', async () => {
    await assert.rejects(
      wait(sequence([pod('failed', { statusReason: 'image pull failed' })]), 'running', opts()),
      (e: unknown) => e instanceof CloudError && e.message.includes('image pull failed'),
    );
  });

  it('times out saying the pod is still on its way, not done', async () => {
    await assert.rejects(
      wait(sequence([pod('provisioning')]), 'running', opts()),
      (e: unknown) => e instanceof TimeoutError && e.message.includes('PROVISIONING'),
    );
  });

  it('a clock set back an hour during the wait does not stretch it by an hour', async () => {
    let looks = 0;
    const lagging = async () => {
      if (++looks === 3) clock.stepBack(60 * 60_000);
      return pod('provisioning');
    };
    await assert.rejects(wait(lagging, 'running', opts()), TimeoutError);
    assert.equal(looks, 11, 'the same ten intervals as without the step');
  });

  it('stops at once when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(
      wait(sequence([pod('provisioning')]), 'running', { ...opts(), signal: abort.signal }),
      CancelledError,
    );
  });
});
