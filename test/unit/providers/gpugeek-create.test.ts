import { assertSummaryLeadsToSteps } from './summaryLinks';
import assert from 'node:assert/strict';
import type { Answers, CreateContext, PickField, TextField } from '../../../src/core/createForm';
import { CloudError, TimeoutError } from '../../../src/core/errors';
import { OPERATION_FAILED } from '../../../src/providers/gpugeek/operations';
import { FakePodBackend } from '../../simulator/backend';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';

/** GPUGeek contract: the create wizard, the dry-run price and the single create POST. */
describe('GPUGeek provider: create', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => {
    h.sim.reset();
    h.sim.backend = new FakePodBackend();
  });

  const ctx: CreateContext = { jupyterPassword: 'unused-by-gpugeek' };
  const answers: Answers = {
    gpuName: 'G40-24G',
    gpuNum: '2',
    dcId: 'suqian-b',
    skuName: 'payg',
    imageId: '123abc',
    systemDiskSize: '50',
    dataDiskSize: '100',
    tcpPorts: '6006',
    httpPorts: '8080, 7860',
    name: 'my-train',
  };
  const createPosts = () => h.sim.requestsFor('gpugeek', 'POST', '/api/v1/openapi/instance/create');

  it('offers GPU types, datacenters, billing kinds and official + own images', async () => {
    const form = h.provider().createForm();
    assert.deepEqual(
      form.fields.map((f) => f.id),
      [
        'gpuName',
        'gpuNum',
        'dcId',
        'skuName',
        'imageId',
        'systemDiskSize',
        'dataDiskSize',
        'tcpPorts',
        'httpPorts',
        'env',
        'name',
      ],
    );
    const pick = (id: string) => form.fields.find((f) => f.id === id) as PickField;
    assert.deepEqual(
      (await pick('gpuName').options({})).map((o) => o.value),
      ['G40-24G', 'G30-24G', 'A100-PCIE-40G'],
    );
    assert.deepEqual(
      (await pick('dcId').options({})).map((o) => o.value),
      ['', 'suqian-b', 'qingyang-a', 'dallas-n'],
    );
    assert.deepEqual(
      (await pick('skuName').options({})).map((o) => o.value),
      ['payg', 'bidding', 'daily', 'weekly', 'monthly'],
    );
    const images = await pick('imageId').options({});
    assert.deepEqual(
      images.map((o) => [o.value, o.description]),
      [
        ['123abc', 'your image'],
        ['torch2.1.1-cuda12.1.0-py3.10', 'official'],
        ['stable-diffusion-webui_v1.7.0', 'official'],
      ],
    );
  });

  it('validates counts, disks, ports (at most three TCP + HTTP) and the name', () => {
    const form = h.provider().createForm();
    const text = (id: string) => form.fields.find((f) => f.id === id) as TextField;
    assert.equal(text('gpuNum').validate!('2', {}), undefined);
    assert.ok(text('gpuNum').validate!('0', {}));
    assert.ok(text('systemDiskSize').validate!('10', {}));
    assert.equal(text('tcpPorts').validate!('6006, 6007', { httpPorts: '8080' }), undefined);
    assert.match(text('tcpPorts').validate!('6006, 6007', { httpPorts: '8080,8081' }) ?? '', /at most 3/);
    assert.match(text('httpPorts').validate!('8080,8081', { tcpPorts: '1,2' }) ?? '', /at most 3/);
    assert.ok(text('httpPorts').validate!('http', {}));
    assert.ok(text('tcpPorts').validate!('70000', {}));
    assert.ok(text('tcpPorts').validate!('80, 80', {}));
    assert.equal(text('name').validate!('my-train', {}), undefined);
    assert.ok(text('name').validate!('bad name; rm', {}));
  });

  it('summarize() dry-runs for the price and creates nothing', async () => {
    const form = h.provider().createForm();
    const lines = await form.summarize(answers, ctx);
    const by = new Map(lines.map((l) => [l.label, l.value]));
    assertSummaryLeadsToSteps(form, lines, {
      GPU: 'gpuName',
      Billing: 'skuName',
      Region: 'dcId',
      Image: 'imageId',
      Disks: 'systemDiskSize',
      Ports: 'tcpPorts',
      Name: 'name',
    });
    assert.equal(by.get('Price'), "3.96/h (GPUGeek's quote; no currency stated)");
    assert.equal(by.get('GPU'), 'G40-24G × 2 (24 GB VRAM each)');
    assert.equal(by.get('Region'), 'Suqian-B, East China');
    assert.match(by.get('CPU') ?? '', /Xeon.*32 cores/);
    assert.equal(by.get('Memory'), '128 GB');
    assert.equal(by.get('Ports'), '6006/tcp, 8080/http, 7860/http');
    assert.equal(h.control.counts.dryRuns, 1);
    assert.equal(h.control.counts.creates, 0);
    assert.equal(h.control.instances.size, 0);
    assert.equal(h.control.operations.size, 0);
    assert.equal((await h.provider().listPods()).length, 0);
  });

  it('create() POSTs once, waits for the operation and returns the running instance', async () => {
    const reset: string[] = [];
    const fake = new FakePodBackend();
    h.sim.backend = {
      ssh: (auth, id) => fake.ssh(auth, id),
      jupyter: (id, token) => fake.jupyter(id, token),
      authorizeKey: (key) => fake.authorizeKey(key),
      resetPasswordPod: (id) => void reset.push(id),
    };
    const pod = await h.provider().createForm().create(answers, ctx);
    assert.equal(createPosts().length, 1);
    assert.equal(pod.name, 'my-train');
    assert.equal(pod.status, 'running');
    assert.equal(pod.gpuCount, 2);
    assert.equal(pod.region, 'Suqian-B');
    assert.ok(BigInt(pod.id) > BigInt(Number.MAX_SAFE_INTEGER), 'id from InstanceId, exact');
    assert.deepEqual(reset, [pod.id]);
    assert.equal(pod.disks?.find((d) => d.label === 'System disk')?.totalBytes, 50 * 1024 ** 3);
    assert.deepEqual(
      pod.ports.filter((p) => p.protocol === 'http').map((p) => p.port),
      [8080, 7860],
    );
    assert.ok(pod.ssh?.password);
    assert.ok(pod.jupyter?.token);
    assert.equal(h.control.counts.creates, 1);
  });

  it('reads the instance id when it comes as lower-case instanceId too', async () => {
    const id = '512300905672709';
    h.control.seed({ id, name: 'lower' });
    const body = { code: 0, message: 'success', traceid: 'x', data: { instanceId: Number(id), operationId: '0' } };
    h.sim.addFault({
      cloud: 'gpugeek',
      method: 'POST',
      path: '/api/v1/openapi/instance/create',
      status: 200,
      body,
      times: 1,
    });
    const pod = await h.provider().createForm().create(answers, ctx);
    assert.equal(pod.id, id);
  });

  it('a 500 on create is not retried: exactly one create POST', async () => {
    h.sim.addFault({
      cloud: 'gpugeek',
      method: 'POST',
      path: '/api/v1/openapi/instance/create',
      status: 500,
      times: 3,
    });
    const err = await h
      .provider()
      .createForm()
      .create(answers, ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(createPosts().length, 1);
    assert.equal(h.control.instances.size, 0);
  });

  it('a failed create operation is reported and leaves no instance', async () => {
    h.control.failNextOperation('create');
    await assert.rejects(
      h.provider().createForm().create(answers, ctx),
      (e: unknown) => e instanceof CloudError && e.code === OPERATION_FAILED,
    );
    assert.equal((await h.provider().listPods()).length, 0);
    assert.equal(createPosts().length, 1);
  });

  it('a create that never completes times out as pending; the instance is listed pending', async () => {
    h.control.hangNextOperation('create');
    const p = h.provider({ operationTimeoutMs: 100 });
    await assert.rejects(
      p.createForm().create(answers, ctx),
      (e: unknown) => e instanceof TimeoutError && /still pending/.test(e.message),
    );
    const [pod] = await p.findPodsByName('my-train');
    assert.equal(pod.status, 'provisioning');
    assert.equal(pod.pending, true);
    assert.equal(createPosts().length, 1);
  });

  it('sold out → 10135 with the reason, for the dry run as well', async () => {
    h.control.setSoldOut('G40-24G');
    const err = await h
      .provider()
      .createForm()
      .summarize(answers, ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, '10135');
    assert.match(err.message, /no machine with G40-24G/);
  });

  it('the simulator enforces at most three custom ports with 10005', async () => {
    const res = await fetch(`${h.sim.baseUrl('gpugeek')}/api/v1/openapi/instance/create`, {
      method: 'POST',
      headers: { 'gz-api-token': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 2,
        gpuName: 'G40-24G',
        skuName: 'payg',
        gpuNum: 1,
        imageId: '123abc',
        servicePort: [1, 2],
        httpServicePort: [3, 4],
      }),
    });
    const body = (await res.json()) as { code: number; traceid: string };
    assert.equal(body.code, 10005);
    assert.match(body.traceid, /^[0-9a-f]{32}$/);
  });

  it('a dry run answers ids 0 and a price; a missing token is 10002', async () => {
    const url = `${h.sim.baseUrl('gpugeek')}/api/v1/openapi/instance/create`;
    const payload = JSON.stringify({
      type: 2,
      gpuName: 'G30-24G',
      skuName: 'daily',
      gpuNum: 1,
      imageId: '123abc',
      dryRun: true,
    });
    const res = await fetch(url, { method: 'POST', headers: { 'gz-api-token': 'k' }, body: payload });
    const body = (await res.json()) as { data: { instanceId: number; operationId: number; spec: { price: string } } };
    assert.equal(body.data.instanceId, 0);
    assert.equal(body.data.operationId, 0);
    assert.equal(body.data.spec.price, '34.76');
    const anon = (await (await fetch(url, { method: 'POST', body: payload })).json()) as { code: number };
    assert.equal(anon.code, 10002);
  });
});
