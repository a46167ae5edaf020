import * as assert from 'node:assert/strict';
import type { PickField } from '../../../src/core/createForm';
import { CloudError, NotFoundError } from '../../../src/core/errors';
import { eventually, startYotta, type YottaHarness } from '../../simulator/yotta/harness';

describe('Yotta provider: volumes, GPU offers, endpoints, registry credentials', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('lists GPU offers from /v2/vms/types joined with the GPU table, without a price', async () => {
    h.control.setSoldOut('NVIDIA_B200_180G');
    h.control.setSoldOut('NVIDIA_H100_80G', 'us-west-1');
    const offers = await h.provider().listOffers();
    const h100 = offers.find((o) => o.id === 'NVIDIA_H100_80G')!;
    assert.equal(h100.gpuName, 'H100');
    assert.equal(h100.vramGb, 80);
    assert.equal(h100.pricePerGpuHour, undefined);
    assert.equal(h100.available, true);
    assert.deepEqual(
      h100.regions.map((r) => [r.id, r.available]),
      [
        ['us-east-1', true],
        ['us-west-1', false],
      ],
    );
    const b200 = offers.find((o) => o.id === 'NVIDIA_B200_180G')!;
    assert.equal(b200.available, false);
    assert.equal(b200.stock, 'sold out');
    assert.equal(offers.find((o) => o.id === 'NVIDIA_H200_141G')!.vramGb, 141);
  });

  it('fetches every page of volumes and maps size, type, region, mounts and cost', async () => {
    h.control.setMaxPageSize(7);
    h.control.seed({ volumes: 20 });
    h.control.addVolume({
      name: 'fast',
      storageType: 'VENDOR',
      vendorVolumeType: 'NVMe',
      sizeInGb: 500,
      region: 'sg',
      mountCount: 2,
      cost: 0.05,
    });
    const vols = await h.provider().volumes!.list();
    assert.equal(vols.length, 21);
    assert.equal(new Set(vols.map((v) => v.id)).size, 21);
    const queries = h.sim.requestsFor('yotta', 'GET', '/v2/volumes').map((r) => r.query);
    assert.equal(queries.filter((q) => q.includes('storageType=CEPH')).length, 3, '20 CEPH volumes, 7 per page');
    assert.equal(queries.length, 6, 'and one page of each other storage type');
    const fast = vols.find((v) => v.name === 'fast')!;
    assert.deepEqual(
      [fast.sizeGb, fast.type, fast.region, fast.mountCount, fast.cost, fast.status],
      [500, 'VENDOR NVMe', 'sg', 2, '0.05 (unit not published)', 'active'],
    );
  });

  it('lists 200 volumes with one request per storage type, each naming its storageType', async () => {
    h.control.seed({ volumes: 200 });
    assert.equal((await h.provider().volumes!.list()).length, 200);
    const queries = h.sim.requestsFor('yotta', 'GET', '/v2/volumes').map((r) => r.query);
    assert.deepEqual(
      queries,
      ['CEPH', 'VENDOR', 'S3', 'R2'].map((t) => `?page=1&size=500&storageType=${t}`),
    );
  });

  it('creates (form), renames, resizes and deletes a volume', async () => {
    const ops = h.provider().volumes!;
    const form = ops.createForm();
    const answers = { storageType: 'CEPH', region: 'us-east-3', size: '250', name: 'data' };
    const sizeField = form.fields.find((f) => f.id === 'size')!;
    assert.equal(sizeField.kind === 'number' && sizeField.validate!('0', answers) !== undefined, true);
    assert.equal(sizeField.kind === 'number' && sizeField.validate!('250', answers), undefined);
    const summary = await form.summarize(answers, { jupyterPassword: '' });
    assert.ok(summary.some((l) => l.label === 'Size' && l.value === '250 GB'));
    const vol = await form.create(answers, { jupyterPassword: '' });
    assert.equal(vol.name, 'data');
    assert.equal(vol.sizeGb, 250);
    assert.equal(vol.status, 'creating');
    await eventually(
      () => ops.list(),
      (l) => l[0]?.status === 'active',
    );
    await ops.rename(vol.id, 'data-2');
    await ops.resize(vol.id, 300);
    const after = (await ops.list())[0];
    assert.equal(after.name, 'data-2');
    assert.equal(after.sizeGb, 300);
    await eventually(
      () => ops.list(),
      (l) => l[0]?.status === 'active',
    );
    await ops.delete(vol.id);
    assert.deepEqual(await ops.list(), []);
  });

  it('refuses deleting or resizing a mounted volume (HTTP 409) with the cloud reason', async () => {
    const id = h.control.addVolume({ mountCount: 1 });
    const ops = h.provider().volumes!;
    for (const call of [() => ops.delete(id), () => ops.resize(id, 500)]) {
      const e = await call().catch((x: unknown) => x);
      assert.ok(e instanceof CloudError, String(e));
      assert.equal(e.httpStatus, 409);
      assert.equal(e.code, '12001');
      assert.match(e.message, /in use by 1 pod/);
    }
    assert.equal(h.sim.requestsFor('yotta', 'DELETE', '/v2/volumes').length, 1, 'a 409 is not retried');
  });

  it('an unknown volume is NotFoundError (10007); bad parameters are 10001', async () => {
    const ops = h.provider().volumes!;
    await assert.rejects(ops.delete('999999'), NotFoundError);
    const id = h.control.addVolume();
    const e = await ops.rename(id, '').catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.equal(e.code, '10001');
    const form = ops.createForm();
    const e2 = await form
      .create({ storageType: 'VENDOR:NVMe', region: 'sg', size: '20000', name: 'big' }, { jupyterPassword: '' })
      .catch((x: unknown) => x);
    assert.ok(e2 instanceof CloudError);
    assert.match(e2.message, /sizeInGb must be 1-10240/);
  });

  it('mounting a volume at create raises its mount count, and terminating the pod frees it', async () => {
    const volId = h.control.addVolume({ region: 'us-east-1' });
    const p = h.provider();
    const answers = {
      gpu: 'NVIDIA_RTX_4090_24G',
      gpuCount: 1,
      region: 'us-east-1',
      volume: `vol:${volId}`,
      mountPath: '/data',
      ports: ['22/SSH'],
      name: 'with-vol',
    };
    const pod = await p.createForm().create(answers, { jupyterPassword: 'x' });
    assert.equal((await p.volumes!.list())[0].mountCount, 1);
    await p.podAction(pod.id, 'terminate');
    await eventually(
      () => p.volumes!.list(),
      (l) => l[0].mountCount === 0,
    );
  });

  it('lists serverless endpoints with status and workers, and starts and stops them', async () => {
    const ops = h.provider().endpoints!;
    const eps = await ops.list();
    const chat = eps.find((e) => e.name === 'llama-chat')!;
    assert.deepEqual(
      [chat.status, chat.rawStatus, chat.runningWorkers, chat.totalWorkers, chat.cost],
      ['running', 'RUNNING', 2, 2, '1.25 (unit not published)'],
    );
    const sdxl = eps.find((e) => e.name === 'sdxl-queue')!;
    assert.equal(sdxl.status, 'stopped');
    await ops.start(sdxl.id);
    await eventually(
      () => ops.list(),
      (l) => l.find((e) => e.id === sdxl.id)?.status === 'running',
    );
    await ops.stop(chat.id);
    await eventually(
      () => ops.list(),
      (l) => l.find((e) => e.id === chat.id)?.status === 'stopped',
    );
    const e = await ops.stop(chat.id).catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.equal(e.code, '12001');
    await assert.rejects(ops.start('ep-nope'), NotFoundError);
  });

  it('offers registry credentials in the create form (ids as strings, no secrets)', async () => {
    const field = h
      .provider()
      .createForm()
      .fields.find((f) => f.id === 'registryAuth') as PickField;
    const creds = await field.options({ image: 'me/private:1' });
    assert.deepEqual(creds.slice(1), [
      { label: 'my-docker-hub', description: 'DOCKER_HUB', value: '101', picked: false },
    ]);
  });
});
