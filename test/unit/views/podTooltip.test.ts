import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { toPod } from '../../../src/providers/yotta/mapping';
import { zPodV2 } from '../../../src/providers/yotta/schemas';
import { toVm } from '../../../src/providers/yotta/vmsMapping';
import { zVm } from '../../../src/providers/yotta/vmsSchemas';
import { statusText } from '../../../src/ui/statusText';
import { podTooltipRows } from '../../../src/views/podFacts';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';
import { type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

/** A running Yotta pod with every field the pod object and its `expose` entries carry. */
const YOTTA_POD = {
  id: '362740422811062272',
  name: 'trainer',
  image: 'yottalabsai/pytorch:2.8.0-py3.11-cuda12.8.1-cudnn-devel-ubuntu22.04-2025050802',
  gpuType: 'NVIDIA_RTX_4090_24G',
  gpuDisplayName: 'RTX 4090',
  gpuCount: 2,
  status: 'RUNNING',
  createdAt: 1767225600000,
  sshCmd: 'ssh root@203.0.113.7 -p 30035',
  expose: [
    { port: 22, protocol: 'SSH', host: '203.0.113.7', proxyPort: 30035 },
    { port: 8888, protocol: 'HTTP', ingressUrl: 'https://trainer-8888.yotta.example/' },
  ],
};

const labels = (rows: Array<[string, string]>) => rows.map(([label]) => label);
const repeated = (rows: Array<[string, string]>) => labels(rows).filter((l, i, all) => all.indexOf(l) !== i);
const row = (rows: Array<[string, string]>, label: string) => rows.find(([l]) => l === label)?.[1];

describe('pod tooltips: each fact once, and true', () => {
  it('a Yotta pod tooltip names Image, GPU, Status, Ports, Created and Id once each', () => {
    const rows = podTooltipRows(toPod(zPodV2.parse(YOTTA_POD), 'v2'));
    assert.deepEqual(repeated(rows), [], labels(rows).join(', '));
    for (const label of ['Status', 'GPU', 'Image', 'Ports', 'SSH', 'Created', 'Id'])
      assert.ok(labels(rows).includes(label), `${label} is shown`);
  });

  it("the Ports row says where each port is reachable; the SSH port's address is in the SSH row only", () => {
    const rows = podTooltipRows(toPod(zPodV2.parse(YOTTA_POD), 'v2'));
    assert.equal(row(rows, 'Ports'), '22/ssh, 8888/http → https://trainer-8888.yotta.example/');
    assert.equal(row(rows, 'SSH'), 'root@203.0.113.7:30035');
  });

  it("a Jupyter token in a port's address is not shown in the Ports row", () => {
    const expose = [
      YOTTA_POD.expose[0],
      { ...YOTTA_POD.expose[1], ingressUrl: 'https://t-8888.yotta.example/lab?token=s3cr3t' },
    ];
    const ports = row(podTooltipRows(toPod(zPodV2.parse({ ...YOTTA_POD, expose }), 'v2')), 'Ports')!;
    assert.doesNotMatch(ports, /s3cr3t/);
    assert.equal(ports, '22/ssh, 8888/http → https://t-8888.yotta.example/lab?token=***');
  });

  it('a failed Yotta pod says why once, in its Status row', () => {
    const rows = podTooltipRows(toPod(zPodV2.parse({ ...YOTTA_POD, status: 'FAILED' }), 'v2'));
    assert.deepEqual(repeated(rows), []);
    assert.match(row(rows, 'Status')!, /^failed — Yotta Labs reports no reason/);
    assert.ok(!labels(rows).includes('Reason'));
  });

  it('a Yotta VM tooltip names each fact once', () => {
    const vm = toVm(
      zVm.parse({
        id: 456,
        name: 'my-vm',
        status: 'running',
        gpuDisplayName: 'NVIDIA RTX A4000',
        ipAddress: '192.168.1.100',
        cpuCores: 8,
        memoryInGb: '32',
        gpuCount: 1,
        region: 'us-east-1',
        sshTemplate: 'ssh root@192.168.1.100',
        createdAt: '2024-01-15T10:30:00Z',
        isSpot: 0,
      }),
    );
    const rows = podTooltipRows(vm);
    assert.deepEqual(repeated(rows), [], labels(rows).join(', '));
  });

  describe('clouds read from their simulators', () => {
    let novita: NovitaHarness;
    let gpugeek: GpuGeekHarness;
    before(async () => {
      novita = await startNovitaHarness();
      gpugeek = await startGpuGeek();
    });
    after(async () => {
      await novita.stop();
      await gpugeek.sim.stop();
    });

    it('a GPUGeek pod tooltip names each fact once', async () => {
      gpugeek.control.seed({ name: 'train', tcpPorts: [6006], httpPorts: [8099] });
      const [pod] = await gpugeek.provider().listPods();
      const rows = podTooltipRows(pod);
      assert.deepEqual(repeated(rows), [], labels(rows).join(', '));
    });

    it('a Novita pod tooltip names each fact once (cluster, product and status error are region, GPU and status)', async () => {
      const id = novita.control.seedInstance({ name: 'broken' });
      novita.control.failInstance(id, 'image pull failed');
      const pod = await novita.provider().getPod(id);
      const rows = podTooltipRows(pod!);
      assert.deepEqual(repeated(rows), [], labels(rows).join(', '));
      assert.equal(rows.filter(([, v]) => v.includes('image pull failed')).length, 1, 'the reason once');
    });

    it('a running Novita pod from the instance list does not say SSH is "not reachable yet"', async () => {
      const id = novita.control.seedInstance({ name: 'listed' });
      const listed = (await novita.provider().listPods()).find((p) => p.id === id)!;
      assert.equal(listed.status, 'running');
      assert.equal(row(podTooltipRows(listed), 'SSH'), 'address read when you connect');
      // The instance's own record has the address the commands use.
      const own = await novita.provider().getPod(id);
      assert.match(row(podTooltipRows(own!), 'SSH')!, /^root@[\w.]+:\d+$/);
      // "not reachable yet" where Novita says so, in the list or the instance's record.
      const booting = novita.control.seedInstance({ name: 'booting' });
      novita.control.overrideFields(booting, {
        connectComponentSSH: { sshCommand: '', password: '', isRunning: false },
      });
      const answers = [
        (await novita.provider().listPods()).find((p) => p.id === booting)!,
        await novita.provider().getPod(booting),
      ];
      for (const pod of answers) assert.equal(row(podTooltipRows(pod!), 'SSH'), 'not reachable yet');
    });
  });
});

describe('status words: the cloud’s own', () => {
  const pod = (cloud: Pod['cloud'], kind: Pod['kind'], status: Pod['status']) => ({
    cloud,
    kind,
    status,
    rawStatus: '',
  });

  it('a paused Yotta pod reads "paused" (and "pausing" on its way), as its Pause / Resume menu says', () => {
    assert.equal(statusText(pod('yotta', 'pod', 'stopped')), 'paused');
    assert.equal(statusText(pod('yotta', 'pod', 'stopping')), 'pausing');
    // A cloud that stops, and a Yotta VM (which Yotta stops), keep "stopped".
    assert.equal(statusText(pod('novita', 'pod', 'stopped')), 'stopped');
    assert.equal(statusText(pod('yotta', 'vm', 'stopped')), 'stopped');
  });
});
