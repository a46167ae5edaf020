import assert from 'node:assert/strict';
import {
  type SamplerTarget,
  UtilisationSampler,
  VIEW_READS_PER_ACCOUNT,
} from '../../../../src/core/utilisation/sampler';

/** Running pods whose reads are counted; time is moved by hand, and the timer never fires on its own. */
function fixture(pods: string[]) {
  let now = 1_000_000;
  const reads: string[] = [];
  const targets: SamplerTarget[] = pods.map((key) => ({
    key,
    status: 'running',
    source: async () => ({
      kind: 'cloud-metrics' as const,
      read: async () => {
        reads.push(key);
        return { gpus: [{ index: 0, utilisationPercent: 10 }] };
      },
    }),
  }));
  const sampler = new UtilisationSampler({
    targets: () => targets,
    clock: { now: () => now, setTimeout: () => 1, clearTimeout: () => undefined },
  });
  return { sampler, reads, later: (ms: number) => (now += ms) };
}

describe('utilisation sampler: the view’s share of an account’s requests', () => {
  it('reads at most its share of one account per round, the longest unread first, so every pod comes round', async () => {
    const pods = Array.from({ length: 25 }, (_, i) => `acc/p${i}`);
    const f = fixture(pods);
    f.sampler.setDemand('view', 'allRunning');
    await f.sampler.round();
    assert.equal(f.reads.length, VIEW_READS_PER_ACCOUNT);
    for (let round = 0; round < 2; round++) {
      f.later(60_000);
      await f.sampler.round();
    }
    assert.deepEqual([...new Set(f.reads)].sort(), [...pods].sort(), 'every pod was read within three rounds');
    assert.equal(f.reads.length, 3 * VIEW_READS_PER_ACCOUNT);
  });

  it('extra rounds (a pod came up) draw on the same share within the interval', async () => {
    const pods = Array.from({ length: 25 }, (_, i) => `acc/p${i}`);
    const f = fixture(pods);
    f.sampler.setDemand('view', 'allRunning');
    await f.sampler.round();
    f.later(10_000);
    f.sampler.podsChanged();
    await f.sampler.round({ onlyUnread: true });
    assert.equal(f.reads.length, VIEW_READS_PER_ACCOUNT, 'no more than the share in one interval');
    f.later(55_000);
    await f.sampler.round();
    assert.equal(f.reads.length, 2 * VIEW_READS_PER_ACCOUNT);
  });

  it('counts the share per account, and always reads a pod whose idle rule is armed', async () => {
    const mine = Array.from({ length: 15 }, (_, i) => `a/p${i}`);
    const theirs = Array.from({ length: 15 }, (_, i) => `b/p${i}`);
    const f = fixture([...mine, ...theirs]);
    f.sampler.setDemand('idleRule', ['a/p14']);
    f.sampler.setDemand('view', 'allRunning');
    await f.sampler.round();
    f.reads.length = 0;
    f.later(60_000);
    await f.sampler.round();
    assert.ok(f.reads.includes('a/p14'), 'the armed pod is read every round');
    assert.equal(f.reads.filter((k) => k.startsWith('b/')).length, VIEW_READS_PER_ACCOUNT);
    assert.equal(f.reads.filter((k) => k.startsWith('a/') && k !== 'a/p14').length, VIEW_READS_PER_ACCOUNT);
  });
});
