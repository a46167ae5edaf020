import * as assert from 'node:assert/strict';
import { CloudError, ConfigError } from '../../../src/core/errors';
import { Simulator } from '../../simulator/server';
import { installYotta } from '../../simulator/yotta';
import { eventually, startYotta, type YottaHarness } from '../../simulator/yotta/harness';

describe('Yotta provider: v1 pod API (apiVersion = v1)', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('lists pods through /openapi/v1/pods/list with podName, integer statuses and epoch seconds', async () => {
    const created = Date.now() - 3_600_000;
    const id = h.control.addPod({ id: '362740422811062272', name: 'legacy', status: 'PAUSED', createdAt: created });
    const p = h.provider({ apiVersion: 'v1' });
    const [pod] = await p.listPods();
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/openapi/v1/pods/list').length, 1);
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/pods').length, 0);
    assert.equal(pod.id, id);
    assert.equal(pod.name, 'legacy');
    assert.equal(pod.status, 'stopped');
    assert.equal(pod.rawStatus, 'PAUSED');
    assert.equal(pod.createdAt, Math.floor(created / 1000) * 1000);
  });

  it('creates with podName/region, reads, pauses and resumes through v1 routes; terminates through v2 (v1 has no delete)', async () => {
    const p = h.provider({ apiVersion: 'v1' });
    const form = p.createForm();
    assert.ok(form.fields.find((f) => f.id === 'volume')!.skip!({}), 'v1 takes no volumes');
    const answers = {
      gpu: 'NVIDIA_A100_80G',
      gpuCount: 4,
      region: 'us-east-3',
      ports: ['22/SSH', '8888/HTTP'],
      name: 'v1-pod',
    };
    const pod = await form.create(answers, { jupyterPassword: 'jp' });
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/pods/create').length, 1);
    assert.equal(pod.name, 'v1-pod');
    assert.equal(pod.region, 'us-east-3');
    assert.equal(pod.status, 'provisioning');
    assert.equal(h.control.jupyterPassword(pod.id), 'jp');
    const running = await eventually(
      () => p.getPod(pod.id),
      (x) => x?.status === 'running',
    );
    assert.equal(running!.ssh?.port, 30022);
    await p.podAction(pod.id, 'stop');
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/pods/pause/').length, 1);
    await eventually(
      () => p.getPod(pod.id),
      (x) => x?.status === 'stopped',
    );
    await p.podAction(pod.id, 'start');
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/pods/resume/').length, 1);
    await p.podAction(pod.id, 'terminate');
    assert.equal(
      h.sim.requestsFor('yotta', 'DELETE', '/openapi/v1/pods/').length,
      0,
      'the v1 reference lists no delete',
    );
    assert.deepEqual(
      h.sim.requestsFor('yotta', 'DELETE', '/v2/pods/').map((r) => [r.path, r.status]),
      [[`/v2/pods/${pod.id}`, 200]],
    );
    await eventually(
      () => p.getPod(pod.id),
      (x) => x === undefined,
    );
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/pods').length, 0, 'everything else stayed on v1');
  });

  it('a v1 create error carries the cloud code', async () => {
    const e = await h
      .provider({ apiVersion: 'v1' })
      .createForm()
      .create(
        { gpu: 'NVIDIA_A100_80G', gpuCount: 6, region: 'us-east-3', ports: [], name: 'x' },
        { jupyterPassword: '' },
      )
      .catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.equal(e.code, '10001');
  });

  it('refuses an api version that is neither v1 nor v2', () => {
    assert.throws(() => h.provider({ apiVersion: 'v3' as 'v1' }), ConfigError);
  });
});

describe('Yotta simulator control over HTTP (for the extension-host tests)', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  const post = (name: string, body: unknown) =>
    fetch(`${h.sim.baseUrl('yotta')}/__control/${name}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });

  it('seeds pods and volumes, marks stock, fails the next create, and fails a pod', async () => {
    assert.equal((await post('seed', { pods: 3, volumes: 2 })).status, 200);
    const p = h.provider();
    assert.equal((await p.listPods()).length, 3);
    assert.equal((await p.volumes!.list()).length, 2);
    await post('sold-out', { gpuType: 'NVIDIA_RTX_5090_32G' });
    assert.equal((await p.listOffers()).find((o) => o.id === 'NVIDIA_RTX_5090_32G')!.available, false);
    await post('fail-next-create', { code: 10002, message: 'System busy' });
    await assert.rejects(
      p.createForm().create({ gpu: 'NVIDIA_RTX_4090_24G', gpuCount: 1, ports: [], name: 'n' }, { jupyterPassword: '' }),
      /System busy/,
    );
    const [first] = await p.listPods();
    await post('fail-pod', { id: first.id, reason: 'GPU fell off the bus' });
    assert.equal((await p.getPod(first.id))!.status, 'failed');
  });

  it('the budget defaults to the documented lowest plan, 60 requests per minute', () => {
    assert.equal(installYotta(new Simulator()).state.budgetPerMinute, 60);
  });
});
