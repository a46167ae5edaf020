import assert from 'node:assert/strict';
import {
  changingGroups,
  groupsToKeep,
  listedTimes,
  listErrors,
  loadAccountLists,
  rateLimitOf,
  SLOW_GROUP_MAX_AGE_MS,
  staleSince,
} from '../../../src/core/accountLists';
import { NetworkError, RateLimitError, UnexpectedResponseError } from '../../../src/core/errors';
import type { Endpoint, Pod, Volume } from '../../../src/core/model';

const pod = (id: string) => ({ id, name: id, status: 'running' }) as Pod;
const volume = (id: string) => ({ id, name: id, status: 'active' }) as Volume;
const fail = (e: unknown) => async (): Promise<never> => {
  throw e;
};

describe('loadAccountLists: each list fails on its own', () => {
  it('keeps the pods when the volumes list fails, and says the volumes failed', async () => {
    const broken = new UnexpectedResponseError('Yotta Labs answered the volume list in an unexpected shape.');
    const lists = await loadAccountLists({
      pods: async () => [pod('a')],
      volumes: fail(broken),
      endpoints: async () => [],
    });
    assert.deepEqual(
      lists.pods.map((p) => p.id),
      ['a'],
    );
    assert.equal(lists.error, undefined, 'the pods refresh is complete');
    assert.equal(lists.groupErrors?.volumes, broken);
    assert.deepEqual(lists.endpoints, []);
    assert.equal(lists.groupErrors && 'endpoints' in lists.groupErrors, false);
  });

  it('keeps the last good list of a failing group, and never turns a failure into an empty list', async () => {
    const previous = { pods: [pod('old')], volumes: [volume('v1')] };
    const lists = await loadAccountLists(
      { pods: async () => [pod('new')], volumes: fail(new NetworkError('down')) },
      previous,
    );
    assert.deepEqual(
      lists.volumes?.map((v) => v.id),
      ['v1'],
    );
    assert.deepEqual(
      lists.pods.map((p) => p.id),
      ['new'],
    );
    const first = await loadAccountLists({ pods: async () => [], volumes: fail(new NetworkError('down')) });
    assert.equal(first.volumes, undefined, 'no list yet: unknown, not empty');
  });

  it('reports a failing pods list as the account error, with the last good pods, while other lists still load', async () => {
    const down = new NetworkError('down');
    const lists = await loadAccountLists({ pods: fail(down), vms: async () => [pod('vm')] }, { pods: [pod('old')] });
    assert.equal(lists.error, down);
    assert.deepEqual(
      lists.pods.map((p) => p.id),
      ['old'],
    );
    assert.deepEqual(
      lists.vms?.map((p) => p.id),
      ['vm'],
    );
    assert.deepEqual(listErrors(lists), [down]);
  });

  it('asks for nothing the cloud does not have', async () => {
    const lists = await loadAccountLists({ pods: async () => [] });
    assert.deepEqual(lists, { pods: [] });
  });

  it('finds a 429 on any list, so the whole account backs off', async () => {
    const slow = new RateLimitError('slow down', 5000);
    const lists = await loadAccountLists({
      pods: async () => [],
      endpoints: fail(slow),
      volumes: fail(new NetworkError('x')),
    });
    assert.equal(rateLimitOf(lists), slow);
    assert.equal(listErrors(lists).length, 2);
    assert.equal(rateLimitOf(await loadAccountLists({ pods: async () => [] })), undefined);
  });

  it('a background poll skips fresh volumes and endpoints, keeping their lists and errors; pods and VMs are always read', async () => {
    const asked: string[] = [];
    const track =
      <T>(name: string, value: T) =>
      async () => (asked.push(name), value);
    const down = new NetworkError('down');
    const previous = { pods: [pod('old')], volumes: [volume('v1')], endpoints: [], groupErrors: { endpoints: down } };
    const lists = await loadAccountLists(
      {
        pods: track('pods', [pod('p')]),
        vms: track('vms', [pod('vm')]),
        volumes: track('volumes', []),
        endpoints: track('endpoints', []),
      },
      previous,
      groupsToKeep(true, 1_000, 1_000 + 60_000),
    );
    assert.deepEqual(asked.sort(), ['pods', 'vms']);
    assert.deepEqual(
      lists.volumes?.map((v) => v.id),
      ['v1'],
      'the last volumes stay, not an empty list',
    );
    assert.equal(lists.groupErrors?.endpoints, down, 'a kept group keeps its error');
  });
});

describe('groupsToKeep: how often a refresh reads volumes and endpoints', () => {
  it('reads everything when asked by the user, on the first load, and once the slow lists are old', () => {
    assert.deepEqual(groupsToKeep(false, 1_000, 2_000), []);
    assert.deepEqual(groupsToKeep(true, undefined, 2_000), []);
    assert.deepEqual(groupsToKeep(true, 1_000, 1_000 + SLOW_GROUP_MAX_AGE_MS), []);
    assert.deepEqual(groupsToKeep(true, 1_000, 1_000 + SLOW_GROUP_MAX_AGE_MS - 1), ['volumes', 'endpoints']);
  });
});

describe('following what changes state to its end', () => {
  const at = (status: string) => ({ id: status, name: status, status }) as Volume;
  const endpoint = (status: Endpoint['status']) => ({ id: status, name: status, status }) as Endpoint;

  it('a background poll reads the volumes again while one is creating or resizing, not only every 5 minutes', () => {
    for (const status of ['creating', 'resizing', 'deleting'])
      assert.deepEqual(groupsToKeep(true, 1_000, 2_000, { pods: [], volumes: [at(status)] }), ['endpoints'], status);
    assert.deepEqual(groupsToKeep(true, 1_000, 2_000, { pods: [], volumes: [at('active')] }), ['volumes', 'endpoints']);
  });

  it('a background poll reads the serverless endpoints again while one is starting or stopping', () => {
    const previous = { pods: [], endpoints: [endpoint('stopping')] };
    assert.deepEqual(groupsToKeep(true, 1_000, 2_000, previous), ['volumes']);
  });

  it('an account counts as changing while a pod, VM, volume or endpoint is on its way, and not once all arrived', () => {
    const starting = { ...pod('p'), status: 'provisioning' } as Pod;
    assert.deepEqual(changingGroups({ pods: [starting] }), ['pods']);
    assert.deepEqual(changingGroups({ pods: [{ ...pod('p'), pending: true }] }), ['pods']);
    assert.deepEqual(changingGroups({ pods: [], vms: [{ ...starting, kind: 'vm' }] }), ['vms']);
    assert.deepEqual(changingGroups({ pods: [], volumes: [at('resizing')] }), ['volumes']);
    assert.deepEqual(changingGroups({ pods: [], endpoints: [endpoint('provisioning')] }), ['endpoints']);
    assert.deepEqual(
      changingGroups({ pods: [pod('p')], volumes: [at('active')], endpoints: [endpoint('stopped')] }),
      [],
    );
  });
});

describe('lists kept after a failed read say when they were read', () => {
  it('a pods list that failed keeps the time of its last good read; the lists that loaded are current', async () => {
    const first = await loadAccountLists({ pods: async () => [pod('a')], volumes: async () => [volume('v')] });
    const listedAt = listedTimes(first, [], undefined, 1_000);
    const second = await loadAccountLists(
      { pods: fail(new NetworkError('Could not reach Yotta Labs.')), volumes: async () => [volume('v')] },
      first,
    );
    const state = { ...second, errorScope: 'pods' as const, listedAt: listedTimes(second, [], listedAt, 5_000) };
    assert.equal(staleSince(state, 'pods'), 1_000, 'the pods shown are as of the first read');
    assert.equal(staleSince(state, 'volumes'), undefined, 'the volumes were read just now');
  });

  it('a group kept on a background poll is not stale; one whose read failed is', async () => {
    const first = await loadAccountLists({ pods: async () => [], volumes: async () => [volume('v')] });
    const listedAt = listedTimes(first, [], undefined, 1_000);
    const kept = await loadAccountLists({ pods: async () => [], volumes: async () => [] }, first, ['volumes']);
    const keptTimes = listedTimes(kept, ['volumes'], listedAt, 5_000);
    assert.equal(staleSince({ ...kept, listedAt: keptTimes }, 'volumes'), undefined);
    const failed = await loadAccountLists({ pods: async () => [], volumes: fail(new NetworkError('down')) }, first);
    assert.equal(staleSince({ ...failed, listedAt: listedTimes(failed, [], keptTimes, 9_000) }, 'volumes'), 1_000);
  });

  it('when the whole account failed, every kept list is stale; a list never read has no time to show', () => {
    const state = { error: new NetworkError('down'), errorScope: 'account' as const, listedAt: { pods: 1_000 } };
    assert.equal(staleSince(state, 'pods'), 1_000);
    assert.equal(staleSince(state, 'volumes'), undefined);
  });
});
