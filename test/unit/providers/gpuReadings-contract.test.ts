import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { CloudError, NotFoundError, UnexpectedResponseError } from '../../../src/core/errors';
import type { PodGpuState } from '../../simulator/gpu';
import { metricsBaseOf } from '../../../src/providers/novita/api';
import { startNeevCloud, type NeevCloudHarness } from '../../simulator/neevcloud/testing';
import { startNovitaHarness, type NovitaHarness } from '../../simulator/novita/harness';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';

const TWO_H100: PodGpuState = {
  kind: 'gpus',
  gpus: [
    { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 87, memoryUsedMiB: 40960, memoryTotalMiB: 81559 },
    { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 3, memoryUsedMiB: 512, memoryTotalMiB: 81559 },
  ],
};

describe('GPU readings from the clouds’ metrics APIs (provider.gpuReadings)', () => {
  describe('Yotta: GET /v2/metrics/gpu/pods/{pod_id} and …/memory', () => {
    let h: YottaHarness;
    before(async () => (h = await startYotta()));
    after(() => h.stop());
    beforeEach(() => h.sim.reset());

    it('reads each GPU’s latest utilisation and memory (bytes → MiB, with the total)', async () => {
      const id = h.control.addPod({ gpuType: 'NVIDIA_H100_80G', gpuCount: 2 });
      h.sim.gpu.set('yotta', id, TWO_H100);
      const provider = h.provider();
      assert.equal(capabilitiesOf(provider).gpuMetrics, true);
      assert.deepEqual(await provider.gpuReadings!(id), [
        { index: 0, utilisationPercent: 87, memoryUsedMiB: 40960, memoryTotalMiB: 81559 },
        { index: 1, utilisationPercent: 3, memoryUsedMiB: 512, memoryTotalMiB: 81559 },
      ]);
      const asked = h.sim.requestsFor('yotta', 'GET').map((r) => r.path.split('?')[0]);
      assert.deepEqual(asked.sort(), [`/v2/metrics/gpu/pods/${id}`, `/v2/metrics/gpu/pods/${id}/memory`]);
    });

    it('a new reading shows at the next read', async () => {
      const id = h.control.addPod({ gpuType: 'NVIDIA_RTX_4090_24G', gpuCount: 1 });
      h.sim.gpu.set('yotta', id, { kind: 'gpus', gpus: [TWO_H100.gpus[0]] });
      h.sim.gpu.update('yotta', id, { gpus: [{ utilizationPct: 12 }] });
      const [gpu] = await h.provider().gpuReadings!(id);
      assert.equal(gpu.utilisationPercent, 12);
    });

    it('a GPU whose driver is gone is not reported: no reading rather than a zero', async () => {
      const id = h.control.addPod({ gpuCount: 1 });
      h.sim.gpu.set('yotta', id, { ...TWO_H100, kind: 'smi-fails' });
      assert.deepEqual(await h.provider().gpuReadings!(id), []);
    });

    it('a GPU that reports no utilisation has none, never 0', async () => {
      const id = h.control.addPod({ gpuCount: 1 });
      h.sim.gpu.set('yotta', id, { kind: 'gpus', gpus: [{ ...TWO_H100.gpus[0], utilizationPct: null }] });
      const [gpu] = await h.provider().gpuReadings!(id);
      assert.equal(gpu.utilisationPercent, undefined);
      assert.equal(gpu.memoryUsedMiB, 40960);
    });

    it('an unknown pod is the cloud’s "not found"; a malformed answer is an error, never an empty list', async () => {
      await assert.rejects(h.provider().gpuReadings!('999999'), NotFoundError);
      h.sim.addFault({
        cloud: 'yotta',
        method: 'GET',
        path: /^\/v2\/metrics\/gpu\/pods\/\d+$/,
        status: 200,
        times: 1,
        body: { code: 10000, message: 'success', data: { series: 'nope' } },
      });
      const id = h.control.addPod({ gpuCount: 1 });
      await assert.rejects(h.provider().gpuReadings!(id), UnexpectedResponseError);
    });
  });

  describe('NeevCloud: GET …/airuntimes/{id}/metrics', () => {
    let h: NeevCloudHarness;
    before(async () => (h = await startNeevCloud()));
    after(() => h.sim.stop());
    beforeEach(() => h.sim.reset());

    it('reads per-GPU utilisation; memory (a bare percentage there) is left out, not guessed', async () => {
      const id = h.control.seedRuntime({ name: 'm', gpuCount: 2 });
      h.sim.gpu.set('neevcloud', id, TWO_H100);
      const provider = h.provider();
      assert.equal(capabilitiesOf(provider).gpuMetrics, true);
      assert.deepEqual(await provider.gpuReadings!(id), [
        { index: 0, utilisationPercent: 87 },
        { index: 1, utilisationPercent: 3 },
      ]);
    });

    it('a runtime that is not running: the cloud says why', async () => {
      const id = h.control.seedRuntime({ name: 'm', status: 'Provisioning' });
      await assert.rejects(h.provider().gpuReadings!(id), CloudError);
    });
  });

  describe('Novita: GET /metrics/gpu/instance', () => {
    let h: NovitaHarness;
    before(async () => (h = await startNovitaHarness()));
    after(() => h.stop());
    beforeEach(() => h.sim.reset());

    it('reads per-GPU utilisation (the newest point); memory (a bare percentage there) is left out', async () => {
      const id = h.control.seedInstance({ gpuNum: 2 });
      h.sim.gpu.set('novita', id, TWO_H100);
      const provider = h.provider();
      assert.equal(capabilitiesOf(provider).gpuMetrics, true);
      assert.deepEqual(await provider.gpuReadings!(id), [
        { index: 0, utilisationPercent: 87 },
        { index: 1, utilisationPercent: 3 },
      ]);
      const [req] = h.sim.requestsFor('novita', 'GET').filter((r) => r.path.startsWith('/metrics/'));
      assert.ok(req, 'asked the metrics endpoint');
    });

    it('a GPU whose driver is gone is not reported', async () => {
      const id = h.control.seedInstance({ gpuNum: 1 });
      h.sim.gpu.set('novita', id, { ...TWO_H100, kind: 'smi-fails' });
      assert.deepEqual(await h.provider().gpuReadings!(id), []);
    });

    it('the metrics base: the documented production base maps to the platform root; any other base is kept', () => {
      assert.equal(metricsBaseOf('https://api.novita.ai/gpu-instance/openapi/v1'), 'https://api.novita.ai/openapi/v1');
      assert.equal(metricsBaseOf('https://api.novita.ai/gpu-instance/openapi/v1/'), 'https://api.novita.ai/openapi/v1');
      assert.equal(metricsBaseOf('http://127.0.0.1:4000/novita'), 'http://127.0.0.1:4000/novita');
    });
  });
});
