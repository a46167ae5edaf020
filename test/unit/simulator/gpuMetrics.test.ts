import * as assert from 'node:assert/strict';
import { createSimulator } from '../../simulator';
import { NEEV_SIM_ORG, NEEV_SIM_PROJECT } from '../../simulator/neevcloud/data';
import type { PodGpuState } from '../../simulator/gpu';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const H100S: PodGpuState = {
  kind: 'gpus',
  gpus: [
    { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 87, memoryUsedMiB: 40960, memoryTotalMiB: 81920 },
    { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 13, memoryUsedMiB: 8192, memoryTotalMiB: 81920 },
  ],
};
const MIB = 1024 * 1024;

/**
 * The clouds' metrics endpoints answer from the same GPU readings as the pods' nvidia-smi (sim.gpu), in each
 * cloud's documented shape (a 2xx the spec does not document would be a 500 here), and refuse what the cloud's
 * spec does not allow.
 */
describe('simulator GPU readings drive every cloud metrics endpoint', () => {
  let sim: ReturnType<typeof createSimulator>;
  const KEY = 'metrics-key';
  before(async () => {
    sim = createSimulator({ ledger: false, timeScale: 0.01 }); // bad requests on purpose: not in the coverage ledger
    await sim.start(0);
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    sim.controls.yotta.setBudget(100_000);
  });

  async function get(cloud: 'yotta' | 'novita' | 'neevcloud', path: string, key: string | null = KEY) {
    const headers: Record<string, string> =
      key === null ? {} : cloud === 'yotta' ? { 'X-Api-Key': key } : { Authorization: `Bearer ${key}` };
    const res = await fetch(`${sim.baseUrl(cloud)}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** The last data point of each series: what a client shows as "now". */
  const latest = (series: Json[]) => series.map((s) => s.data_points.at(-1)?.value);

  describe('Yotta GET /v2/metrics/gpu/pods/{pod_id} and …/memory', () => {
    it('one series per GPU, labelled by pod and GPU index, with the readings set', async () => {
      const id = sim.controls.yotta.addPod({ gpuType: 'NVIDIA_H100_80G', gpuCount: 2 });
      sim.gpu.set('yotta', id, H100S);
      const util = await get('yotta', `/v2/metrics/gpu/pods/${id}`);
      assert.equal(util.status, 200, JSON.stringify(util.body));
      assert.equal(util.body.code, 10000);
      assert.equal(util.body.data.metric_name, 'gpu_utilization');
      assert.deepEqual(
        util.body.data.series.map((s: Json) => s.labels),
        [
          { pod_id: id, gpu_show_index: '0' },
          { pod_id: id, gpu_show_index: '1' },
        ],
      );
      assert.deepEqual(latest(util.body.data.series), [87, 13]);
      const mem = await get('yotta', `/v2/metrics/gpu/pods/${id}/memory?step=5m`);
      assert.equal(mem.status, 200, JSON.stringify(mem.body));
      assert.deepEqual(latest(mem.body.data.series), [40960 * MIB, 8192 * MIB]);
      assert.deepEqual(
        mem.body.data.series.map((s: Json) => s.latest_total),
        [81920 * MIB, 81920 * MIB],
      );
    });

    it('new readings are the next sample; a pod that just came up reads idle GPUs of its type', async () => {
      const id = sim.controls.yotta.addPod({ gpuType: 'NVIDIA_RTX_4090_24G', gpuCount: 1 });
      const idle = await get('yotta', `/v2/metrics/gpu/pods/${id}/memory`);
      assert.deepEqual(latest(idle.body.data.series), [0]);
      assert.equal(idle.body.data.series[0].latest_total, 24564 * MIB);
      sim.gpu.update('yotta', id, { gpus: [{ utilizationPct: 55 }] });
      assert.deepEqual(latest((await get('yotta', `/v2/metrics/gpu/pods/${id}`)).body.data.series), [55]);
    });

    it('start/end in ms bound the samples; every timestamp is on the step inside the window', async () => {
      const id = sim.controls.yotta.addPod({ gpuCount: 1 });
      sim.gpu.set('yotta', id, H100S);
      const end = Date.now();
      const r = await get('yotta', `/v2/metrics/gpu/pods/${id}?start=${end - 3_600_000}&end=${end}&step=30s`);
      const ts = r.body.data.series[0].data_points.map((p: Json) => p.timestamp as number);
      assert.ok(ts.length >= 1);
      assert.ok(ts.every((t: number) => t % 30_000 === 0 && t <= end && t >= end - 3_600_000));
      const before = await get('yotta', `/v2/metrics/gpu/pods/${id}?end=${end - 7_200_000}`);
      assert.deepEqual(
        before.body.data.series.map((s: Json) => s.data_points),
        [[], []],
        'no samples from before the readings were set',
      );
    });

    it('an unreachable pod still has metrics (Yotta samples itself); a broken driver or a paused pod has none', async () => {
      const id = sim.controls.yotta.addPod({ gpuCount: 2 });
      sim.gpu.set('yotta', id, { ...H100S, kind: 'unreachable' });
      assert.deepEqual(latest((await get('yotta', `/v2/metrics/gpu/pods/${id}`)).body.data.series), [87, 13]);
      sim.gpu.update('yotta', id, { kind: 'smi-fails' });
      assert.deepEqual((await get('yotta', `/v2/metrics/gpu/pods/${id}`)).body.data.series, []);
      const paused = sim.controls.yotta.addPod({ status: 'PAUSED' });
      assert.deepEqual((await get('yotta', `/v2/metrics/gpu/pods/${paused}/memory`)).body.data.series, []);
    });

    it('refuses as Yotta does: undocumented parameter, unknown step, too long a window (10001), unknown pod (13000), no key (401)', async () => {
      const id = sim.controls.yotta.addPod({ gpuCount: 1 });
      for (const q of ['interval=60', 'step=10s', 'start=abc', `start=0&end=${4 * 3_600_000}&step=30s`]) {
        const r = await get('yotta', `/v2/metrics/gpu/pods/${id}?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.body.code, 10001, q);
        assert.equal(r.body.data, null);
      }
      const missing = await get('yotta', '/v2/metrics/gpu/pods/123456789012345678/memory');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.code, 13000);
      assert.equal((await get('yotta', `/v2/metrics/gpu/pods/${id}`, null)).status, 401);
    });
  });

  describe('Novita GET /metrics/gpu/instance', () => {
    it('per-GPU and average utilisation and memory utilisation (percent) from the readings', async () => {
      const id = sim.controls.novita.seedInstance({ gpuNum: 2 });
      sim.gpu.set('novita', id, H100S);
      const r = await get('novita', `/metrics/gpu/instance?instanceId=${id}&interval=30`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const last = (items: Json[]) => items.at(-1)?.value;
      assert.deepEqual(
        r.body.gpuUtilization.gpuIds.map((g: Json) => [g.gpuId, last(g.items)]),
        [
          ['0', 87],
          ['1', 13],
        ],
      );
      assert.equal(last(r.body.gpuUtilization.avg), 50);
      assert.deepEqual(
        r.body.gpuMemUtilization.gpuIds.map((g: Json) => last(g.items)),
        [50, 10],
      );
      assert.equal(last(r.body.gpuMemUtilization.avg), 30);
    });

    it('a broken driver gives no GPU samples; an unreachable pod still has them; an undocumented parameter is refused', async () => {
      const id = sim.controls.novita.seedInstance({ gpuNum: 2 });
      sim.gpu.set('novita', id, { ...H100S, kind: 'unreachable' });
      assert.equal(
        (await get('novita', `/metrics/gpu/instance?instanceId=${id}`)).body.gpuUtilization.gpuIds.length,
        2,
      );
      sim.gpu.update('novita', id, { kind: 'smi-fails' });
      const broken = await get('novita', `/metrics/gpu/instance?instanceId=${id}`);
      assert.deepEqual(broken.body.gpuUtilization, { avg: [], gpuIds: [] });
      const bad = await get('novita', `/metrics/gpu/instance?instanceId=${id}&step=5m`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.reason, 'VALIDATOR_PARAM');
    });
  });

  describe('NeevCloud GET …/airuntimes/{id}/metrics', () => {
    const path = (id: string) =>
      `/gpu/api/v1beta1/orgs/${NEEV_SIM_ORG}/projects/${NEEV_SIM_PROJECT}/airuntimes/${id}/metrics`;

    it('one item per GPU from the readings, the mean as gpu_utilization; setMetrics({gpu}) writes the readings', async () => {
      const id = sim.controls.neevcloud.seedRuntime({ name: 'm', status: 'Running', gpuCount: 2 });
      sim.gpu.set('neevcloud', id, H100S);
      const r = await get('neevcloud', path(id));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.data.gpu_utilization, 50);
      assert.deepEqual(r.body.data.gpus, [
        { index: 0, utilization: 87, memory_utilization: 50 },
        { index: 1, utilization: 13, memory_utilization: 10 },
      ]);
      sim.controls.neevcloud.setMetrics(id, { gpu: 99 });
      assert.deepEqual(
        sim.gpu.get('neevcloud', id)?.gpus.map((g) => g.utilizationPct),
        [99, 99],
        'the one source of truth, also for the pod nvidia-smi',
      );
      sim.gpu.update('neevcloud', id, { kind: 'smi-fails' });
      const broken = await get('neevcloud', path(id));
      assert.deepEqual(broken.body.data.gpus, []);
      assert.equal(broken.body.data.gpu_utilization, undefined);
    });
  });

  describe('control API: POST /__sim/gpu', () => {
    async function post(body: unknown) {
      const res = await fetch(`${sim.url}/__sim/gpu`, { method: 'POST', body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Json };
    }

    it('sets a pod readings from another process; nonsense is refused with the reason', async () => {
      const id = sim.controls.yotta.addPod({ gpuCount: 1 });
      const gpus = [{ name: 'NVIDIA L4', utilizationPct: 64, memoryUsedMiB: 1000, memoryTotalMiB: 23034 }];
      assert.equal((await post({ cloud: 'yotta', podId: id, gpus })).status, 200);
      assert.deepEqual(latest((await get('yotta', `/v2/metrics/gpu/pods/${id}`)).body.data.series), [64]);
      assert.equal((await post({ cloud: 'yotta', podId: id, kind: 'smi-fails', gpus })).status, 200);
      assert.equal(sim.gpu.get('yotta', id)?.kind, 'smi-fails');
      for (const bad of [
        { cloud: 'yotta', podId: id, gpus: [{ name: 'x', utilizationPct: -1, memoryUsedMiB: 0, memoryTotalMiB: 1 }] },
        { cloud: 'yotta', podId: id, kind: 'melted', gpus },
        { cloud: 'nowhere', podId: id, gpus },
        { cloud: 'yotta', gpus },
      ]) {
        const r = await post(bad);
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.ok(r.body.message);
      }
    });
  });
});
