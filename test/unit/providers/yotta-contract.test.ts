import * as assert from 'node:assert/strict';
import { UnexpectedResponseError } from '../../../src/core/errors';
import type { Fault } from '../../simulator/server';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';

/**
 * Where Yotta's documents allow more than one shape (spec.ts `oneOf`, nullable fields, fields left out), each
 * alternative is served as the cloud would send it, and the client reads it.
 */
const envelope = (data: unknown) => ({ message: 'success', code: 10000, data });
const ctx = { jupyterPassword: 'pw' };

describe('Yotta provider: documented alternatives in answers', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  const serve = (method: string, path: string | RegExp, data: unknown, extra: Partial<Fault> = {}) =>
    h.sim.addFault({ cloud: 'yotta', method, path, status: 200, body: envelope(data), times: 1, ...extra });

  it('v1 pod: status as an integer code or a word, createdAt as epoch seconds or ISO 8601', async () => {
    const t = Date.UTC(2025, 0, 15, 10, 30);
    serve('GET', '/openapi/v1/pods/list', [
      { id: 1, podName: 'coded', status: 3, createdAt: t / 1000, region: 'us-east-1' },
      { id: 2, podName: 'worded', status: 'RUNNING', createdAt: '2025-01-15T10:30:00Z' },
    ]);
    const [a, b] = await h.provider({ apiVersion: 'v1' }).listPods();
    assert.deepEqual(
      [a.name, a.status, a.rawStatus, a.createdAt, a.region],
      ['coded', 'stopped', 'PAUSED', t, 'us-east-1'],
    );
    assert.deepEqual([b.name, b.status, b.createdAt, b.region], ['worded', 'running', t, undefined]);
  });

  it('v1 pod create answers the new id as a bare number beyond 2^53 or as a string', async () => {
    for (const id of ['362740422811062999', 'pod-abc']) {
      h.sim.addFault({
        cloud: 'yotta',
        method: 'POST',
        path: '/openapi/v1/pods/create',
        status: 200,
        times: 1,
        body: /^\d+$/.test(id) ? `{"message":"success","code":10000,"data":${id}}` : envelope(id),
      });
      const pod = await h
        .provider({ apiVersion: 'v1' })
        .createForm()
        .create({ gpu: 'NVIDIA_RTX_4090_24G', gpuCount: 1, region: 'us-east-1', ports: [], name: 'n' }, ctx);
      assert.equal(pod.id, id, 'the id is kept exact');
      assert.equal(pod.status, 'provisioning', 'a failed read-back still shows the pod that exists');
    }
  });

  it('v1 VM list: the v2 page object or a bare array', async () => {
    const vm = (id: number, name: string) => ({ id, name, status: 'running', isSpot: 0 });
    serve('POST', '/openapi/v1/vms/list', { items: [vm(1, 'paged')], page: 1, size: 500, total: 1, pages: 1 });
    assert.deepEqual(
      (await h.provider({ apiVersion: 'v1' }).vms!.list()).map((v) => v.name),
      ['paged'],
    );
    serve('POST', '/openapi/v1/vms/list', [vm(2, 'bare'), vm(3, 'array')]);
    assert.deepEqual(
      (await h.provider({ apiVersion: 'v1' }).vms!.list()).map((v) => v.name),
      ['bare', 'array'],
    );
    assert.equal(
      h.sim.requestsFor('yotta', 'POST', '/openapi/v1/vms/list').length,
      2,
      'one request each: a bare array is the whole list',
    );
  });

  it('VM answers: sizes as strings ("32"), isSpot 0/1, createdAt ISO 8601', async () => {
    serve('GET', /^\/v2\/vms\/\d+$/, {
      id: 456,
      name: 'my-vm',
      status: 'running',
      gpuDisplayName: 'NVIDIA H100',
      ipAddress: '192.0.2.10',
      cpuCores: 8,
      memoryInGb: '32',
      gpuCount: 1,
      gpuMemoryInGb: '80',
      region: 'us-east-1',
      storageInGb: '100',
      sshTemplate: 'ssh root@192.0.2.10',
      createdAt: '2024-01-15T10:30:00Z',
      isSpot: 1,
    });
    const vm = (await h.provider().vms!.get('456'))!;
    assert.equal(vm.vramGb, 80);
    assert.deepEqual(vm.ssh, { host: '192.0.2.10', port: 22, user: 'root' });
    assert.ok(vm.details.some(([k, v]) => k === 'Memory' && v === '32 GB'));
    assert.ok(vm.details.some(([k, v]) => k === 'Pricing' && v === 'Spot'));
    assert.equal(vm.createdAt, Date.parse('2024-01-15T10:30:00Z'));
  });

  it('volumes: vendorVolumeType null; an S3 volume without size or region', async () => {
    serve('GET', '/v2/volumes', {
      items: [
        {
          id: 7,
          name: 'bucket',
          storageType: 'S3',
          status: 'active',
          vendorVolumeType: null,
          mountCount: 0,
          cost: 0,
          createdAt: 1705306200000,
        },
      ],
      page: 1,
      size: 500,
      total: 1,
      pages: 1,
    });
    const [v] = await h.provider().volumes!.list();
    assert.deepEqual([v.name, v.type, v.sizeGb, v.region, v.status], ['bucket', 'S3', undefined, undefined, 'active']);
  });

  it('a resize answers data true (OpenAPI) or data null (volume guide): both mean done', async () => {
    const id = h.control.addVolume();
    for (const data of [true, null]) {
      serve('POST', `/v2/volumes/${id}/resize`, data);
      await h.provider().volumes!.resize(id, 500);
    }
  });

  it('a v2 pod: SSH from sshCmd alone (the documented field), or from an SSH expose item alone (observed)', async () => {
    serve('GET', '/v2/pods', [
      { id: 1, name: 'cmd', status: 'RUNNING', sshCmd: 'ssh root@192.0.2.1 -p 10022' },
      {
        id: 2,
        name: 'expose',
        status: 'RUNNING',
        sshCmd: '',
        expose: [
          { port: 22, proxyPort: 30035, protocol: 'SSH', host: '192.0.2.2', healthy: true, serviceName: 'SSH Port' },
        ],
      },
    ]);
    const [a, b] = await h.provider().listPods();
    assert.deepEqual(a.ssh, { host: '192.0.2.1', port: 10022, user: 'root' });
    assert.deepEqual(a.ports, []);
    assert.deepEqual(b.ssh, { host: '192.0.2.2', port: 30035, user: 'root' });
  });

  it('an error code inside HTTP 200 carries data null on any endpoint', async () => {
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/vms/types',
      status: 200,
      body: { message: 'System error', code: 10002, data: null },
      times: 1,
    });
    await assert.rejects(h.provider().listOffers(), /System error \(code 10002\)/);
  });
});

describe('Yotta provider: paging with fetchAllPages', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  const page = (items: unknown[], total: number, pages: number) => ({
    message: 'success',
    code: 10000,
    data: { items, page: 1, size: 5, total, pages },
  });
  const item = (i: number) => ({
    id: 9000 + i,
    name: `x-${i}`,
    status: 'running',
    isSpot: 0,
    storageType: 'CEPH',
    mountCount: 0,
  });

  it('an empty page before the end the cloud announced is an error, never a shorter list (VMs and volumes)', async () => {
    for (const [path, list] of [
      [/^\/v2\/vms$/, () => h.provider().vms!.list()],
      ['/v2/volumes', () => h.provider().volumes!.list()],
    ] as const) {
      h.sim.addFault({
        cloud: 'yotta',
        method: 'GET',
        path,
        status: 200,
        body: page([1, 2, 3, 4, 5].map(item), 15, 3),
        times: 1,
      });
      h.sim.addFault({ cloud: 'yotta', method: 'GET', path, status: 200, body: page([], 15, 3), times: 1 });
      const e = await list().catch((x: unknown) => x);
      assert.ok(e instanceof UnexpectedResponseError, String(e));
      assert.match(e.message, /empty page 2 .* before the end it announced/);
    }
  });

  it('a server page cap below our page size does not truncate: VMs and each storage type follow `pages`', async () => {
    h.control.setMaxPageSize(4);
    for (let i = 0; i < 9; i++) h.control.addVm({ name: `vm-${i}` });
    for (let i = 0; i < 9; i++) h.control.addVolume({ name: `r2-${i}`, storageType: 'R2', sizeInGb: undefined });
    assert.equal((await h.provider().vms!.list()).length, 9);
    assert.equal((await h.provider().volumes!.list()).filter((v) => v.type === 'R2').length, 9);
    const r2 = h.sim.requestsFor('yotta', 'GET', '/v2/volumes').filter((r) => r.query.includes('storageType=R2'));
    assert.deepEqual(
      r2.map((r) => r.query),
      [1, 2, 3].map((p) => `?page=${p}&size=500&storageType=R2`),
    );
  });
});
