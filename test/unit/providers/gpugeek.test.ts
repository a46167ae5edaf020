import { podTooltipRows } from '../../../src/views/podFacts';
import assert from 'node:assert/strict';
import { AuthError, CloudError, NotFoundError } from '../../../src/core/errors';
import { FakePodBackend } from '../../simulator/backend';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';

/** GPUGeek contract: catalogues, the instance list and its mapping, paging and error codes. */
describe('GPUGeek provider: reading', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  it('lists offers as GPU types × datacenters, price unknown', async () => {
    const offers = await h.provider().listOffers();
    assert.deepEqual(
      offers.map((o) => o.gpuName),
      ['G40-24G', 'G30-24G', 'A100-PCIE-40G'],
    );
    assert.equal(offers[2].vramGb, 40);
    assert.equal(offers[0].pricePerGpuHour, undefined);
    assert.deepEqual(
      offers[0].regions.map((r) => r.id),
      ['suqian-b', 'qingyang-a', 'dallas-n'],
    );
    assert.equal(offers[0].regions[0].name, 'Suqian-B');
    const sent = h.sim.requestsFor('gpugeek', 'GET');
    assert.ok(sent.every((r) => r.authenticated));
  });

  it('maps a running instance: GPU, billing, region, disks in GB, SSH with password, Jupyter token split', async () => {
    const inst = h.control.seed({
      name: 'train',
      skuName: 'daily',
      dcId: 'qingyang-a',
      tcpPorts: [6006],
      httpPorts: [8099],
    });
    const [pod] = await h.provider().listPods();
    assert.equal(pod.id, inst.id);
    assert.equal(pod.name, 'train');
    assert.equal(pod.status, 'running');
    assert.equal(pod.rawStatus, 'running');
    assert.equal(pod.gpuName, 'G40-24G');
    assert.equal(pod.gpuCount, 1);
    assert.equal(pod.vramGb, 24);
    assert.equal(pod.region, 'Qingyang-A');
    assert.equal(pod.pricePerHour, undefined);
    assert.equal(pod.pending, false);
    const details = new Map(pod.details);
    assert.equal(details.get('Billing'), 'Daily');
    assert.deepEqual(
      podTooltipRows(pod).filter(([label]) => /disk/.test(label)),
      [
        ['System disk', '12.1 / 30 GB (40%)'],
        ['Data disk (/gz-data)', '0 / 20 GB (0%)'],
      ],
      'both disks with their use, each once',
    );
    assert.equal(details.get('Memory'), '64 GB');
    assert.equal(details.get('GPU'), undefined, 'the GPU is in its own tooltip row, not repeated');
    assert.deepEqual(pod.ssh, { host: '127.0.0.1', port: 30022, user: 'root', password: `pw-${inst.id.slice(-6)}` });
    assert.deepEqual(pod.jupyter, { url: `http://127.0.0.1:38888/${inst.id}/lab`, token: `tok-${inst.id.slice(-6)}` });
    const text = JSON.stringify(pod.details);
    assert.ok(!text.includes('pw-') && !text.includes('tok-'), 'no secrets in details');
    const http = pod.ports.find((p) => p.protocol === 'http');
    assert.equal(http?.port, 8099);
    assert.equal(http?.url, `https://${inst.id}-http-8099.northwest1.gpugeek.com:8443/`);
    const tcp = pod.ports.find((p) => p.protocol === 'tcp');
    assert.equal(tcp?.publicPort, 46006);
    assert.equal(pod.ports.find((p) => p.protocol === 'ssh')?.publicPort, 30022);
  });

  it('keeps ids beyond 2^53 exact and finds a pod by exact id', async () => {
    const inst = h.control.seed();
    assert.ok(BigInt(inst.id) > BigInt(Number.MAX_SAFE_INTEGER));
    const p = h.provider();
    assert.equal((await p.listPods())[0].id, inst.id);
    assert.equal((await p.getPod(inst.id))?.id, inst.id);
    assert.equal(await p.getPod('362740422811069999'), undefined);
  });

  it('maps stopd, creating, unknown statuses and isPending', async () => {
    const stopped = h.control.seed({ status: 'stopd', name: 'a' });
    const creating = h.control.seed({ status: 'creating', name: 'b', pendingOp: '1' });
    const odd = h.control.seed({ status: 'migrating', name: 'c' });
    const pods = await h.provider().listPods();
    const by = new Map(pods.map((p) => [p.id, p]));
    assert.equal(by.get(stopped.id)?.status, 'stopped');
    assert.equal(by.get(stopped.id)?.rawStatus, 'stopd');
    assert.equal(by.get(stopped.id)?.ssh, undefined, 'no SSH while stopped');
    assert.equal(by.get(stopped.id)?.jupyter, undefined);
    assert.equal(by.get(creating.id)?.status, 'provisioning');
    assert.equal(by.get(creating.id)?.pending, true);
    assert.equal(by.get(odd.id)?.status, 'unknown');
    assert.equal(by.get(odd.id)?.rawStatus, 'migrating');
  });

  it('fetches every page (pn, ps)', async () => {
    for (let i = 0; i < 120; i++) h.control.seed({ name: `pod-${i}` });
    const pods = await h.provider().listPods();
    assert.equal(pods.length, 120);
    assert.equal(new Set(pods.map((p) => p.id)).size, 120);
    const pages = h.sim.requestsFor('gpugeek', 'GET', '/api/v1/openapi/instance/query');
    assert.equal(pages.length, 3);
    assert.deepEqual(
      pages.map((r) => new URLSearchParams(r.query).get('pn')),
      ['1', '2', '3'],
    );
    assert.ok(pages.every((r) => new URLSearchParams(r.query).get('ps') === '50'));
  });

  it('finds pods by exact name', async () => {
    h.control.seed({ name: 'exp-1' });
    h.control.seed({ name: 'exp-10' });
    const found = await h.provider().findPodsByName('exp-1');
    assert.deepEqual(
      found.map((p) => p.name),
      ['exp-1'],
    );
  });

  it('drops unsafe URLs and SSH commands from the cloud', async () => {
    const inst = h.control.seed();
    h.sim.backend = {
      ...h.sim.backend,
      ssh: () => ({ host: 'evil.example; rm -rf /', port: 22, user: 'root', password: 'x' }),
      jupyter: () => ({ baseUrl: 'javascript:alert(1)//', token: 't' }),
      authorizeKey: () => undefined,
      resetPasswordPod: () => undefined,
    };
    try {
      const pod = await h.provider().getPod(inst.id);
      assert.equal(pod?.ssh, undefined);
      assert.equal(pod?.jupyter, undefined);
    } finally {
      h.sim.backend = new FakePodBackend();
    }
  });

  it('keeps the token, password and Jupyter token out of the log', async () => {
    const inst = h.control.seed();
    const lines: string[] = [];
    const log = (m: unknown) => void lines.push(String(m));
    const logger = { trace: log, debug: log, info: log, warn: log, error: log };
    const p = h.provider({ logger });
    await p.listPods();
    await p.podAction(inst.id, 'restart');
    const text = lines.join('\n');
    assert.ok(text.includes('notebookUrl'), 'trace lines were written');
    assert.ok(text.includes(inst.id));
    for (const secret of [
      'gg-test-token',
      `pw-${inst.id.slice(-6)}`,
      `tok-${inst.id.slice(-6)}`,
      '__gpugeek_int64__',
    ]) {
      assert.ok(!text.includes(secret), secret);
    }
  });

  describe('errors', () => {
    it('10002 (revoked or missing token) → AuthError with the traceid in details only', async () => {
      h.sim.revokedKeys.add('gg-test-token');
      const err = await h
        .provider()
        .listPods()
        .catch((e: unknown) => e);
      assert.ok(err instanceof AuthError);
      assert.match(err.details ?? '', /traceid [0-9a-f]{32}/);
      assert.doesNotMatch(err.message, /traceid/);
    });

    it('HTTP 403 → AuthError, 404 → NotFoundError', async () => {
      h.sim.addFault({ cloud: 'gpugeek', path: '/api/v1/openapi/gpu/list', status: 403, times: 1 });
      await assert.rejects(h.provider().listOffers(), AuthError);
      h.sim.addFault({ cloud: 'gpugeek', path: '/api/v1/openapi/gpu/list', status: 404, times: 1 });
      await assert.rejects(h.provider().listOffers(), NotFoundError);
    });

    it('10001 → CloudError; 10005 → CloudError with the parameter message', async () => {
      const body = { code: 10001, message: 'Internal Server Error', traceid: 'abc123', data: null };
      h.sim.addFault({ cloud: 'gpugeek', path: '/api/v1/openapi/image/list', status: 200, body, times: 1 });
      const form = h.provider().createForm();
      const imageField = form.fields.find((f) => f.id === 'imageId');
      assert.ok(imageField && imageField.kind === 'pick');
      const err = await imageField.options({}).catch((e: unknown) => e);
      assert.ok(err instanceof CloudError);
      assert.equal(err.code, '10001');
      assert.match(err.details ?? '', /traceid abc123/);

      const bad = { code: 10005, message: 'Parameter error: pn', traceid: 't', data: null };
      h.sim.addFault({ cloud: 'gpugeek', path: '/api/v1/openapi/instance/query', status: 200, body: bad, times: 1 });
      const e2 = await h
        .provider()
        .listPods()
        .catch((e: unknown) => e);
      assert.ok(e2 instanceof CloudError);
      assert.equal(e2.code, '10005');
      assert.match(e2.message, /Parameter error: pn/);
    });

    it('retries a 500 on reads and then succeeds', async () => {
      h.sim.addFault({ cloud: 'gpugeek', path: '/api/v1/openapi/gpu/list', status: 500, times: 1 });
      const offers = await h.provider().listOffers();
      assert.equal(offers.length, 3);
      assert.equal(h.sim.requestsFor('gpugeek', 'GET', '/api/v1/openapi/gpu/list').length, 2);
    });
  });
});
