import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { podMarks } from '../../../src/views/podMarks';

const GIB = 1024 ** 3;
const pod = (extra: Partial<Pod> = {}): Pod => ({
  cloud: 'novita',
  kind: 'pod',
  id: 'p',
  name: 'p',
  status: 'running',
  rawStatus: 'running',
  ports: [],
  details: [],
  ...extra,
});

describe("a pod row's marks: spot, a reclaim announced, a disk about to fill", () => {
  it('a spot pod says "spot" after its price; a plain pod says nothing', () => {
    assert.deepEqual(podMarks(pod({ spot: { reclaimNotice: false } }), 0, undefined), {
      urgent: [],
      spot: 'spot',
      warning: false,
    });
    assert.deepEqual(podMarks(pod(), 0, undefined), { urgent: [], spot: undefined, warning: false });
  });

  it('an announced reclaim and a nearly full disk lead the row and turn its icon into a warning', () => {
    const marks = podMarks(pod({ spot: { reclaimNotice: true, reclaimAt: 5 * 60_000 } }), 0, [
      { label: 'Storage', usedBytes: 46 * GIB, totalBytes: 50 * GIB },
    ]);
    assert.deepEqual(marks, { urgent: ['spot: reclaimed in 5 min', 'disk 92% full'], spot: undefined, warning: true });
  });

  it('a stopped pod warns of nothing', () => {
    const marks = podMarks(pod({ status: 'stopped', spot: { reclaimNotice: true } }), 0, [
      { label: 'Storage', usedBytes: 49 * GIB, totalBytes: 50 * GIB },
    ]);
    assert.equal(marks.warning, false);
  });
});
