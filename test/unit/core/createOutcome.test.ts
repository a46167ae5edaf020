import assert from 'node:assert/strict';
import { lookForCreated, settleCreate } from '../../../src/core/createOutcome';
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

const pod = (id: string, name = 'trainer', extra: Partial<Pod> = {}) =>
  ({ id, name, status: 'pending', ...extra }) as Pod;

/** A fake cloud: the create may make the pod and still fail; lookups are counted. */
function cloud(options: { makes: boolean; fails?: unknown; lookupFails?: unknown; existing?: Pod[] }) {
  const pods = [...(options.existing ?? [])];
  const calls = { creates: 0, lookups: 0 };
  return {
    calls,
    pods,
    attempt: {
      name: 'trainer',
      known: new Set((options.existing ?? []).map((p) => p.id)),
      async create() {
        calls.creates++;
        const made = pod(`new-${calls.creates}`, 'trainer', { createdAt: 1000 + calls.creates });
        if (options.makes) pods.push(made);
        if (options.fails) throw options.fails;
        return made;
      },
      async findByName(name: string) {
        calls.lookups++;
        if (options.lookupFails) throw options.lookupFails;
        return pods.filter((p) => p.name === name);
      },
    },
  };
}

describe('settleCreate: only a documented refusal proves nothing was made', () => {
  it('returns the pod the create answered, without looking anything up', async () => {
    const c = cloud({ makes: true });
    const outcome = await settleCreate(c.attempt);
    assert.equal(outcome.kind, 'created');
    assert.equal(c.calls.lookups, 0);
  });

  it('a documented refusal may reopen the wizard directly', async () => {
    const c = cloud({ makes: false, fails: new CloudRefusal('Sold out.', 'SOLD_OUT') });
    const outcome = await settleCreate(c.attempt);
    assert.deepEqual([outcome.kind, outcome.kind === 'notCreated' && outcome.lookedUp], ['notCreated', false]);
    assert.equal(c.calls.lookups, 0);
  });

  it('an error of our own checks, raised before anything was sent, reopens the wizard without a lookup', async () => {
    const c = cloud({ makes: false, fails: new ConfigError('Pick a template first.') });
    const outcome = await settleCreate(c.attempt);
    assert.deepEqual([outcome.kind, outcome.kind === 'notCreated' && outcome.lookedUp], ['notCreated', false]);
    assert.equal(c.calls.lookups, 0);
  });

  it('an undocumented business error after the pod was made finds that pod instead of offering a retry', async () => {
    // GPUGeek: a business error code in a 200 answer, and the pod exists all the same.
    const c = cloud({
      makes: true,
      fails: new CloudError('GPUGeek refused to create the pod: busy (code 10999).', '10999'),
    });
    const outcome = await settleCreate(c.attempt);
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
    it(`treats ${error.name} as unknown until looked up`, async () => {
      const made = await settleCreate(cloud({ makes: true, fails: error }).attempt);
      assert.equal(made.kind, 'found');
      const notMade = await settleCreate(cloud({ makes: false, fails: error }).attempt);
      assert.deepEqual([notMade.kind, notMade.kind === 'notCreated' && notMade.lookedUp], ['notCreated', true]);
    });
  }

  it('says "unknown" (no retry) when the lookup fails too', async () => {
    const lookupError = new NetworkError('still down');
    const c = cloud({ makes: true, fails: new CloudError('odd', '10999'), lookupFails: lookupError });
    const outcome = await settleCreate(c.attempt);
    assert.equal(outcome.kind, 'unknown');
    assert.equal(outcome.kind === 'unknown' && outcome.lookupError, lookupError);
  });

  it('says "unknown" when there is no name to look the pod up by', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late') });
    const outcome = await settleCreate({ ...c.attempt, name: undefined });
    assert.equal(outcome.kind, 'unknown');
    assert.equal(c.calls.lookups, 0);
  });

  it('does not take an older namesake, or a terminated one, for the new pod', async () => {
    const old = pod('old', 'trainer', { status: 'running', createdAt: 1 });
    const gone = pod('gone', 'trainer', { status: 'terminated', createdAt: 5000 });
    const c = cloud({ makes: false, fails: new TimeoutError('late'), existing: [old] });
    c.pods.push(gone);
    const outcome = await settleCreate(c.attempt);
    assert.equal(outcome.kind, 'notCreated');
  });

  it('never swallows a cancel: nothing was sent', async () => {
    const c = cloud({ makes: false, fails: new CancelledError() });
    await assert.rejects(settleCreate(c.attempt), CancelledError);
    assert.equal(c.calls.lookups, 0);
  });

  it('"look again" settles an unknown outcome once the cloud answers', async () => {
    const c = cloud({ makes: true, fails: new TimeoutError('late'), lookupFails: new NetworkError('down') });
    const first = await settleCreate(c.attempt);
    assert.equal(first.kind, 'unknown');
    const again = await lookForCreated(
      { ...c.attempt, findByName: async (n: string) => c.pods.filter((p) => p.name === n) },
      first.kind === 'unknown' ? first.error : undefined,
    );
    assert.equal(again.kind, 'found');
    assert.equal(c.calls.creates, 1);
  });
});
