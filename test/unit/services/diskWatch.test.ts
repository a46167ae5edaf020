// The disk watch in plain Node: fake accounts and clouds, a stepped clock, a workbench that records warnings.
import assert from 'node:assert/strict';
import type { DiskUsage, Pod } from '../../../src/core/model';
import type { Provider } from '../../../src/core/provider';
import type { Account } from '../../../src/services/accounts';
import { DISK_READ_MS, DiskWatch } from '../../../src/services/diskWatch';
import type { Workbench } from '../../../src/workbench/workbench';
import { FakeClock } from '../core/fakeClock';

const GIB = 1024 ** 3;
const storage = (usedGb: number): DiskUsage[] => [{ label: 'Storage', usedBytes: usedGb * GIB, totalBytes: 100 * GIB }];

function pod(id: string, disks?: DiskUsage[], status: Pod['status'] = 'running'): Pod {
  return {
    cloud: 'yotta',
    kind: 'pod',
    id,
    name: `pod-${id}`,
    status,
    rawStatus: status,
    ports: [],
    details: [],
    disks,
  };
}

function world(pods: Pod[], cloudDisks: Record<string, number>) {
  const clock = new FakeClock(0);
  const account = { id: 'acc', cloud: 'yotta', label: 'team' } as Account;
  const listeners = new Set<(id: string) => void>();
  const warnings: string[] = [];
  const reads: string[] = [];
  const provider = {
    diskUsage: async (id: string) => (reads.push(id), storage(cloudDisks[id] ?? 10)),
  } as unknown as Provider;
  const view = { visible: true };
  const watch = new DiskWatch({
    accounts: { get: () => account, list: () => [account] },
    data: {
      snapshot: () => ({ pods }),
      onDidChange: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
    },
    providers: { get: async () => provider },
    view,
    clock,
    workbench: { showWarning: async (m: string) => (warnings.push(m), undefined) } as unknown as Workbench,
    log: { info: () => undefined, debug: () => undefined },
  });
  const listed = () => {
    for (const l of listeners) l('acc');
  };
  return { clock, watch, warnings, reads, view, listed, cloudDisks };
}

describe('disk-fill warnings (DiskWatch, stepped clock)', () => {
  it("reads running pods' disks from the cloud every ten minutes while the view is shown; one warning per crossing", async () => {
    const w = world([pod('1'), pod('2'), pod('3', undefined, 'stopped')], { '1': 50, '2': 95 });
    await w.clock.advance(DISK_READ_MS - 1);
    assert.deepEqual(w.reads, [], 'nothing before the first round');
    await w.clock.advance(1);
    assert.deepEqual(w.reads.sort(), ['1', '2'], 'running pods only');
    assert.deepEqual(w.warnings, [
      '"Storage" of "pod-2" is nearly full: 95 / 100 GB (95%). Free some space before it fills up.',
    ]);
    assert.equal(w.watch.disks('acc', pod('2'))?.[0].usedBytes, 95 * GIB);
    await w.clock.advance(DISK_READ_MS);
    assert.equal(w.warnings.length, 1, 'still full at the next reading: no second warning');
    w.cloudDisks['1'] = 92;
    await w.clock.advance(DISK_READ_MS);
    assert.equal(w.warnings.length, 2, 'pod 1 crossed the line');
    assert.match(w.warnings[1], /"pod-1"/);
    w.watch.dispose();
  });

  it('reads nothing while the view is hidden', async () => {
    const w = world([pod('1')], { '1': 99 });
    w.view.visible = false;
    await w.clock.advance(3 * DISK_READ_MS);
    assert.deepEqual(w.reads, []);
    w.watch.dispose();
  });

  it('a pod whose own record carries its disks (GPUGeek) warns from the list and is never read from the cloud', async () => {
    const w = world([pod('1', storage(97))], {});
    w.listed();
    assert.equal(w.warnings.length, 1);
    w.listed();
    assert.equal(w.warnings.length, 1, 'the next refresh says nothing');
    await w.clock.advance(DISK_READ_MS);
    assert.deepEqual(w.reads, []);
    w.watch.dispose();
  });
});
