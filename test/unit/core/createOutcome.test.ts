import assert from 'node:assert/strict';
import { LOOKS_AFTER_MS, lookForCreated, settleCreate } from '../../../src/core/createOutcome';
import {
  CancelledError,
  CloudError,
  CloudRefusal,
  ConfigError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { FakeClock } from './fakeClock';

const pod = (id: string, name = 'trainer', extra: Partial<Pod> = {}) =>
  ({ id, name, status: 'pending', ...extra }) as Pod;

/**
 * A fake cloud: the create may make the pod and still fail; lookups are counted. `listsAfterMs`: its list shows
 * a new pod only that long after the create (it is still making it, or the list lags).
 */
function cloud(options: {
  makes: boolean;
  fails?: unknown;
  lookupFails?: unknown;
  existing?: Pod[];
  clock?: FakeClock;
  listsAfterMs?: number;
}) {
  const clock = options.clock ?? new FakeClock();
  const pods: Array<Pod & { listedFrom?: number }> = [...(options.existing ?? [])];
  const calls = { creates: 0, lookups: 0, lookedAt: [] as number[] };
  return {
    calls,
    pods,
    attempt: {
      name: 'trainer',
      known: new Set((options.existing ?? []).map((p) => p.id)),
      async create() {
        calls.creates++;
        const made = pod(`new-${calls.creates}`, 'trainer', { createdAt: 1000 + calls.creates });
        if (options.makes) pods.push({ ...made, listedFrom: clock.now() + (options.listsAfterMs ?? 0) });
        if (options.fails) throw options.fails;
        return made;
      },
      async findByName(name: string) {
        calls.lookups++;
        calls.lookedAt.push(clock.now());
        if (options.lookupFails) throw options.lookupFails;
        return pods.filter((p) => p.name === name && (p.listedFrom ?? 0) <= clock.now());
      },
    },
    clock,
    /** Settles one create on virtual time (two minutes of looking pass in no time). */
    settle(attempt: Parameters<typeof settleCreate<Pod>>[0], onLook?: (look: number, of: number) => void) {
      return clock.run(settleCreate(attempt, { clock, onLook }));
    },
  };
}

describe('settleCreate: only a documented refusal proves nothing was made', () => {
  it('returns the pod the create answered, without looking anything up', async () => {
    const c = cloud({ makes: true });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'created');
    assert.equal(c.calls.lookups, 0);
  });

  it('a documented refusal may reopen the wizard directly', async () => {
    const c = cloud({ makes: false, fails: new CloudRefusal('Sold out.', 'SOLD_OUT') });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'notCreated');
    assert.equal(c.calls.lookups, 0);
  });

  it('an error of our own checks, raised before anything was sent, reopens the wizard without a lookup', async () => {
    const c = cloud({ makes: false, fails: new ConfigError('Pick a template first.') });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'notCreated');
    assert.equal(c.calls.lookups, 0);
  });

  it('an undocumented business error after the pod was made finds that pod instead of offering a retry', async () => {
    // GPUGeek: a business error code in a 200 answer, and the pod exists all the same.
    const c = cloud({
      makes: true,
      fails: new CloudError('GPUGeek refused to create the pod: busy (code 10999).', '10999'),
    });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'found');
    assert.equal(outcome.kind === 'found' && outcome.pod.id, 'new-1');
    assert.equal(c.calls.creates, 1);
    assert.equal(c.calls.lookups, 1);
  });

  for (const error of [
    new TimeoutError('late'),
    new NetworkError('lost'),
    new UnexpectedResponseError('unreadable'),
    new Error('bug'),
  ]) {
    it(`a ${error.name} is an unknown outcome: the pod is found when made, and never "not created" when not seen`, async () => {
      const made = cloud({ makes: true, fails: error });
      assert.equal((await made.settle(made.attempt)).kind, 'found');
      const notSeen = cloud({ makes: false, fails: error });
      const outcome = await notSeen.settle(notSeen.attempt);
      assert.equal(outcome.kind, 'unknown', 'no Edit and Retry: not seeing a pod does not prove there is none');
      assert.equal(notSeen.calls.creates, 1);
    });
  }

  it('a cloud whose list shows the new pod only after a minute: the pod is found, and nothing is sent again', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late'), listsAfterMs: 60_000 });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'found');
    assert.equal(c.calls.creates, 1);
  });

  it('looks several times over two minutes, through the clock, and tells the user each time', async () => {
    const c = cloud({ makes: false, fails: new TimeoutError('late') });
    const told: string[] = [];
    const outcome = await c.settle(c.attempt, (look, of) => told.push(`${look}/${of}`));
    assert.equal(outcome.kind, 'unknown');
    assert.equal(outcome.kind === 'unknown' && outcome.looks, LOOKS_AFTER_MS.length);
    assert.deepEqual(c.calls.lookedAt, [...LOOKS_AFTER_MS], 'spread over the window, on the clock');
    assert.ok(LOOKS_AFTER_MS.at(-1)! >= 120_000, 'at least two minutes');
    assert.deepEqual(told, ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
  });

  it('a failed look is one look: a later one that gets through finds the pod', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late') });
    let failures = 2;
    const outcome = await c.settle({
      ...c.attempt,
      findByName: async (name: string) => {
        if (failures-- > 0) throw new NetworkError('list down');
        return c.attempt.findByName(name);
      },
    });
    assert.equal(outcome.kind, 'found');
  });

  it('says "unknown" (no retry) when every look fails, with the last lookup error', async () => {
    const lookupError = new NetworkError('still down');
    const c = cloud({ makes: true, fails: new CloudError('odd', '10999'), lookupFails: lookupError });
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'unknown');
    assert.equal(outcome.kind === 'unknown' && outcome.lookupError, lookupError);
  });

  it('says "unknown" when there is no name to look the pod up by', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late') });
    const outcome = await c.settle({ ...c.attempt, name: undefined });
    assert.equal(outcome.kind, 'unknown');
    assert.equal(c.calls.lookups, 0);
  });

  it('does not take an older namesake, or a terminated one, for the new pod', async () => {
    const old = pod('old', 'trainer', { status: 'running', createdAt: 1 });
    const gone = pod('gone', 'trainer', { status: 'terminated', createdAt: 5000 });
    const c = cloud({ makes: false, fails: new TimeoutError('late'), existing: [old] });
    c.pods.push(gone);
    const outcome = await c.settle(c.attempt);
    assert.equal(outcome.kind, 'unknown');
  });

  it('never swallows a cancel: nothing was sent', async () => {
    const c = cloud({ makes: false, fails: new CancelledError() });
    await assert.rejects(c.settle(c.attempt), CancelledError);
    assert.equal(c.calls.lookups, 0);
  });

  it('"look again" settles an unknown outcome once the cloud answers', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late'), lookupFails: new NetworkError('down') });
    const first = await c.settle(c.attempt);
    assert.equal(first.kind, 'unknown');
    const again = await lookForCreated(
      { ...c.attempt, findByName: async (n: string) => c.pods.filter((p) => p.name === n) },
      first.kind === 'unknown' ? first.error : undefined,
      { clock: c.clock, looksAfterMs: [0] },
    );
    assert.equal(again.kind, 'found');
    assert.equal(c.calls.creates, 1);
  });
});

describe('Edit and Retry looks again before it sends', () => {
  it('a pod the refused attempt made after all is used, and the retry is not sent', async () => {
    // The cloud documented a refusal, and made the pod anyway (or another window made one by that name).
    const c = cloud({ makes: true, fails: new CloudRefusal('No stock.', '10001') });
    assert.equal((await c.settle(c.attempt)).kind, 'notCreated');
    const retry = await c.settle({ ...c.attempt, refusedBefore: ['trainer'] });
    assert.equal(retry.kind, 'found');
    assert.equal(c.calls.creates, 1, 'one create request, not two');
  });

  it('with nothing there, the retry is sent', async () => {
    const c = cloud({ makes: false, fails: new CloudRefusal('No stock.', '10001') });
    await c.settle(c.attempt);
    const retry = await c.settle({ ...c.attempt, refusedBefore: ['trainer'], create: async () => pod('new-2') });
    assert.equal(retry.kind, 'created');
  });

  it('when that look fails, nothing is sent: not knowing is not sending', async () => {
    const c = cloud({
      makes: false,
      fails: new CloudRefusal('No stock.', '10001'),
      lookupFails: new NetworkError('x'),
    });
    await c.settle(c.attempt);
    const retry = await c.settle({ ...c.attempt, refusedBefore: ['trainer'] });
    assert.equal(retry.kind, 'unknown');
    assert.equal(c.calls.creates, 1);
  });
});
