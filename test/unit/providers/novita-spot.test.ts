import * as assert from 'node:assert/strict';
import { podTooltipRows } from '../../../src/views/podFacts';
import { startNovitaHarness, type NovitaHarness } from '../../simulator/novita/harness';

describe('Novita spot pods as listed: spotStatus and spotReclaimTime', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('a spot pod is marked spot, priced at the spot price, with no notice until Novita announces one', async () => {
    const id = h.control.seedInstance({ name: 'cheap', billingMode: 'spot', gpuNum: 2 });
    const [pod] = await h.provider().listPods();
    assert.equal(pod.id, id);
    assert.deepEqual(pod.spot, { reclaimNotice: false });
    assert.equal(pod.pricePerHour, 0.36);
    const onDemand = h.control.seedInstance({ name: 'steady' });
    assert.equal((await h.provider().getPod(onDemand))?.spot, undefined, 'an on-demand pod is not spot');
  });

  it('a scheduled reclaim shows as a notice with the reclaim time Novita gives, in the list and the pod record', async () => {
    const id = h.control.seedInstance({ name: 'cheap', billingMode: 'spot' });
    const before = Date.now();
    h.control.scheduleReclaim(id, 10 * 60_000);
    const [listed] = await h.provider().listPods();
    assert.equal(listed.spot?.reclaimNotice, true);
    const at = listed.spot!.reclaimAt!;
    assert.ok(at > before + 9 * 60_000 && at <= before + 10 * 60_000, `reclaimAt ${at}`);
    assert.deepEqual((await h.provider().getPod(id))?.spot, listed.spot);
    const rows = new Map(podTooltipRows(listed, { now: at - 4 * 60_000 }));
    assert.match(rows.get('Spot capacity')!, /^the cloud reclaims this pod in 4 min \(at .+\)$/);
  });

  it('a reclaim time alone (spotStatus still running) is an announcement too; "0" is none', async () => {
    const id = h.control.seedInstance({ name: 'cheap', billingMode: 'spot' });
    h.control.overrideFields(id, { spotStatus: 'running', spotReclaimTime: '0' });
    assert.equal((await h.provider().getPod(id))?.spot?.reclaimNotice, false);
    h.control.overrideFields(id, { spotReclaimTime: '1893456000' });
    assert.deepEqual((await h.provider().getPod(id))?.spot, { reclaimNotice: true, reclaimAt: 1893456000_000 });
  });

  it('a reclaimed pod is stopped and says why', async () => {
    const id = h.control.seedInstance({ name: 'cheap', billingMode: 'spot' });
    h.control.scheduleReclaim(id, 60_000);
    h.control.reclaim(id);
    const pod = (await h.provider().getPod(id))!;
    assert.equal(pod.status, 'stopped');
    assert.equal(pod.statusReason, 'reclaimed by Novita (spot capacity)');
    assert.equal(pod.spot?.reclaimNotice, false);
  });
});
