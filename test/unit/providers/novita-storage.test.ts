import assert from 'node:assert/strict';
import { mapInstance } from '../../../src/providers/novita/mapping';
import { zInstance } from '../../../src/providers/novita/schemas';
import { startNovitaHarness } from '../../simulator/novita/harness';

describe("Novita: what a stopped instance still costs, from Novita's published storage prices", () => {
  it('its list shows a stopped instance’s disks at $0.005/GB/day above the 60 GB free container disk, plus its local volume', async () => {
    const h = await startNovitaHarness();
    try {
      const id = h.control.seedInstance({ name: 'parked', status: 'exited', rootfsSize: 100, diskSize: 50 });
      const pod = (await h.provider().listPods()).find((p) => p.id === id)!;
      assert.equal(pod.status, 'stopped');
      assert.deepEqual(pod.storageCost, {
        usdPerDay: 0.45,
        billedGb: 90,
        source: 'https://novita.ai/docs/guides/gpu-instance-pricing',
      });
    } finally {
      await h.stop();
    }
  });

  it('a container disk within the free 60 GB and no local volume costs nothing', () => {
    const pod = mapInstance(
      zInstance.parse({
        id: 'i',
        status: 'exited',
        rootfsSize: 60,
        volumeMounts: [{ type: 'network', size: '', id: 'n', mountPath: '/n' }],
      }),
    );
    assert.equal(pod.storageCost?.usdPerDay, 0);
  });

  it('without the disk sizes in the answer, no figure is made (never a guess)', () => {
    const pod = mapInstance(zInstance.parse({ id: 'i', status: 'exited' }));
    assert.equal(pod.storageCost?.usdPerDay, undefined);
  });

  it("the instance's own record says when it stopped (lastStoppedAt); a running instance carries no stop time", () => {
    const stopped = mapInstance(zInstance.parse({ id: 'i', status: 'exited', lastStoppedAt: '1767225600' }));
    assert.equal(stopped.stoppedAt, 1767225600000);
    const running = mapInstance(zInstance.parse({ id: 'i', status: 'running', lastStoppedAt: '1767225600' }));
    assert.equal(running.stoppedAt, undefined);
    assert.equal(mapInstance(zInstance.parse({ id: 'i', status: 'exited', lastStoppedAt: '0' })).stoppedAt, undefined);
  });
});
