// The spot watch in plain Node: a fake account list, a stepped clock and a workbench that records warnings.
import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import type { Account } from '../../../src/services/accounts';
import { SpotWatch } from '../../../src/services/spotWatch';
import type { Workbench } from '../../../src/workbench/workbench';
import { FakeClock } from '../core/fakeClock';

const MIN = 60_000;

function world(startAt: number) {
  const clock = new FakeClock(startAt);
  const account = { id: 'acc', cloud: 'novita', label: 'team' } as Account;
  let pods: Pod[] = [];
  const listeners = new Set<(id: string) => void>();
  const warnings: string[] = [];
  const refreshed: string[] = [];
  const view = { visible: true };
  const watch = new SpotWatch({
    accounts: { get: (id) => (id === 'acc' ? account : undefined), list: () => [account] },
    data: {
      snapshot: () => ({ pods }),
      onDidChange: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
      refresh: async (id) => void refreshed.push(id),
    },
    view,
    clock,
    workbench: { showWarning: async (m: string) => (warnings.push(m), undefined) } as unknown as Workbench,
    log: { info: () => undefined },
  });
  /** The account's list was read again and now holds `next`. */
  const listed = (next: Pod[]) => {
    pods = next;
    for (const l of listeners) l('acc');
  };
  return { clock, watch, listed, warnings, refreshed, view };
}

function pod(name: string, spot?: Pod['spot']): Pod {
  return {
    cloud: 'novita',
    kind: 'pod',
    id: `id-${name}`,
    name,
    status: 'running',
    rawStatus: 'running',
    ports: [],
    details: [],
    spot,
  };
}

describe('spot reclaim warnings (SpotWatch, stepped clock)', () => {
  it('warns as soon as a refresh shows the announcement, with the time left on the clock, once per reclaim time', async () => {
    const t0 = Date.UTC(2026, 0, 5, 12, 0, 0);
    const w = world(t0);
    w.listed([pod('trainer', { reclaimNotice: false })]);
    assert.deepEqual(w.warnings, [], 'a spot pod alone is no news');
    w.listed([pod('trainer', { reclaimNotice: true, reclaimAt: t0 + 10 * MIN })]);
    assert.equal(w.warnings.length, 1);
    assert.match(
      w.warnings[0],
      /^Novita AI will reclaim the spot pod "trainer" in 10 min \(at .+\)\. Save your work now\.$/,
    );
    await w.clock.advance(3 * MIN);
    w.listed([pod('trainer', { reclaimNotice: true, reclaimAt: t0 + 10 * MIN })]);
    assert.equal(w.warnings.length, 1, 'the same announcement on the next refresh says nothing');
    w.listed([pod('trainer', { reclaimNotice: true, reclaimAt: t0 + 20 * MIN })]);
    assert.equal(w.warnings.length, 2, 'a new reclaim time is told');
    assert.match(w.warnings[1], / in 17 min /, 'time left from the clock now, not from when the pod was listed');
    w.watch.dispose();
  });

  it('says the cloud announced it when no time is given, and the pod name is shown as plain text', () => {
    const w = world(0);
    w.listed([pod('evil](command:x) \u202Eeman', { reclaimNotice: true })]);
    assert.deepEqual(w.warnings, [
      'Novita AI has announced that it will reclaim the spot pod "evil] (command:x) eman". Save your work now.',
    ]);
    w.watch.dispose();
  });

  it('while the view is hidden, an account with a running spot pod is read once a minute; with the view shown, never here', async () => {
    const w = world(0);
    w.listed([pod('trainer', { reclaimNotice: false })]);
    await w.clock.advance(MIN);
    assert.deepEqual(w.refreshed, [], 'the view is shown: its poller reads the list');
    w.view.visible = false;
    await w.clock.advance(2 * MIN);
    assert.deepEqual(w.refreshed, ['acc', 'acc']);
    w.listed([pod('plain')]);
    await w.clock.advance(2 * MIN);
    assert.deepEqual(w.refreshed, ['acc', 'acc'], 'no spot pod: nothing is read');
    w.watch.dispose();
  });
});
