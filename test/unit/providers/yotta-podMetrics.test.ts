import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';
import { utilisationRows } from '../../../src/views/utilisationRows';

const GIB = 1024 ** 3;

describe("Yotta: a pod's CPU, memory and storage from its metrics (GET /v2/metrics/{cpu,memory,storage}/pods/{id})", () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('the tooltip reads CPU as a share of the cores asked for, memory and storage with their sizes', async () => {
    const id = h.control.addPod({ containerVolumeInGb: 50 });
    h.control.setPodUsage(id, {
      cpuRatio: 0.25,
      memoryUsedBytes: 8 * GIB,
      memoryTotalBytes: 32 * GIB,
      storageUsedBytes: 46 * GIB,
    });
    const provider = h.provider();
    assert.equal(capabilitiesOf(provider).utilisation, true);
    const u = await provider.utilisation!(id);
    assert.deepEqual(utilisationRows(u), [
      ['Utilisation', 'CPU 25% · RAM 25% (8 / 32 GB)'],
      ['Storage', '46 / 50 GB (92%) — nearly full'],
    ]);
    const asked = h.sim.requestsFor('yotta', 'GET').map((r) => r.path.split('?')[0]);
    assert.deepEqual(asked.sort(), [
      `/v2/metrics/cpu/pods/${id}`,
      `/v2/metrics/memory/pods/${id}`,
      `/v2/metrics/storage/pods/${id}`,
    ]);
  });

  it('the disk warning reads storage alone: one request', async () => {
    const id = h.control.addPod({ containerVolumeInGb: 100 });
    h.control.setPodUsage(id, { storageUsedBytes: 12 * GIB });
    assert.deepEqual(await h.provider().diskUsage!(id), [
      { label: 'Storage', usedBytes: 12 * GIB, totalBytes: 100 * GIB },
    ]);
    assert.equal(h.sim.requestsFor('yotta', 'GET').length, 1);
  });

  it('a pod that is not running reports nothing: no row rather than zeros', async () => {
    const id = h.control.addPod({ status: 'PAUSED' });
    assert.deepEqual(utilisationRows(await h.provider().utilisation!(id)), []);
  });
});
