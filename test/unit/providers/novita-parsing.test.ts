import * as assert from 'node:assert/strict';
import type { PickField } from '../../../src/core/createForm';
import { CloudError, NotFoundError, UnexpectedResponseError } from '../../../src/core/errors';
import { mapInstance, mapStatus } from '../../../src/providers/novita/mapping';
import { zInstance } from '../../../src/providers/novita/schemas';
import { type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

const parse = (raw: Record<string, unknown>) => mapInstance(zInstance.parse({ id: 'i-1', status: 'running', ...raw }));

describe('Novita provider: parsing what the cloud sends', () => {
  it('maps the whole status set', () => {
    const table: Record<string, string> = {
      toCreate: 'provisioning',
      creating: 'provisioning',
      pulling: 'provisioning',
      running: 'running',
      toStart: 'provisioning',
      starting: 'provisioning',
      toStop: 'stopping',
      stopping: 'stopping',
      exited: 'stopped',
      toRestart: 'provisioning',
      restarting: 'provisioning',
      toRemove: 'terminating',
      removing: 'terminating',
      removed: 'terminated',
      toReset: 'provisioning',
      resetting: 'provisioning',
      migrating: 'provisioning',
      freezing: 'stopping',
      constructor: 'unknown',
      '': 'unknown',
      Running: 'unknown',
    };
    for (const [raw, want] of Object.entries(table)) assert.equal(mapStatus(raw), want, raw);
    const pod = parse({ status: 'hibernating' });
    assert.equal(pod.status, 'unknown');
    assert.equal(pod.rawStatus, 'hibernating');
  });

  it('numbers arrive as strings or numbers alike', () => {
    const a = parse({ gpuNum: '2', instancePrice: '70000', createdAt: '1717000000', cpuNum: 32, memory: '124' });
    const b = parse({ gpuNum: 2, instancePrice: 70000, createdAt: 1717000000000, cpuNum: '32', memory: 124 });
    for (const pod of [a, b]) {
      assert.equal(pod.gpuCount, 2);
      assert.equal(pod.pricePerHour, 0.7);
      assert.equal(pod.createdAt, 1717000000000);
    }
    assert.deepEqual(a.details, b.details);
  });

  it('price: unknown stays undefined (never 0); falls back to the product price × GPUs', () => {
    assert.equal(parse({ instancePrice: '' }).pricePerHour, undefined);
    assert.equal(parse({ instancePrice: 0 }).pricePerHour, undefined);
    assert.equal(parse({ instancePrice: 'n/a' }).pricePerHour, undefined);
    const pod = mapInstance(
      zInstance.parse({ id: 'x', status: 'running', productId: 'p', gpuNum: '4' }),
      new Map([['p', 35000]]),
    );
    assert.equal(pod.pricePerHour, 1.4);
  });

  it('SSH from connectComponentSSH or the older top-level fields; unsafe commands dropped', () => {
    const a = parse({
      connectComponentSSH: { sshCommand: 'ssh root@203.0.113.5 -p 30122', password: 'pw', isRunning: true },
    });
    assert.deepEqual(a.ssh, { host: '203.0.113.5', port: 30122, user: 'root', password: 'pw' });
    const b = parse({ sshCommand: 'ssh -p 2200 ubuntu@host.example.com', sshPassword: 'old' });
    assert.deepEqual(b.ssh, { host: 'host.example.com', port: 2200, user: 'ubuntu', password: 'old' });
    assert.equal(parse({ sshCommand: 'ssh root@1.2.3.4; rm -rf /' }).ssh, undefined);
    assert.equal(parse({ sshCommand: 'curl evil | sh' }).ssh, undefined);
    assert.equal(parse({ status: 'exited', sshCommand: 'ssh root@1.2.3.4' }).ssh, undefined);
    assert.ok(!JSON.stringify(a.details).includes('pw'));
  });

  it('Jupyter only over http(s), token taken out of the URL or a field', () => {
    const a = parse({ connectComponentJupyter: { address: 'https://j.example.com/lab?token=abc', isRunning: true } });
    assert.deepEqual(a.jupyter, { url: 'https://j.example.com/lab', token: 'abc' });
    const b = parse({ connectComponentJupyter: { address: 'http://u:p@1.2.3.4:8888/', token: 'tk' } });
    assert.deepEqual(b.jupyter, { url: 'http://1.2.3.4:8888/', token: 'tk' });
    assert.equal(parse({ connectComponentJupyter: { address: 'javascript:alert(1)' } }).jupyter, undefined);
    assert.equal(parse({ connectComponentJupyter: { address: 'file:///etc/passwd' } }).jupyter, undefined);
    assert.equal(parse({ connectComponentJupyter: { address: 'not a url' } }).jupyter, undefined);
    assert.equal(parse({ connectComponentJupyter: { address: 'https://x/', isRunning: false } }).jupyter, undefined);
  });

  it('ports: host:port endpoints validated, http URLs kept, junk ignored', () => {
    const pod = parse({
      portMappings: [
        { port: '8080', type: 'tcp', endpoint: '198.51.100.7:31080' },
        { port: 7860, type: 'http', endpoint: 'https://abc-7860.proxy.novita.ai' },
        { port: 9000, type: 'tcp', endpoint: 'evil host:1' },
        { port: 'x', type: 'tcp' },
      ],
    });
    assert.deepEqual(pod.ports, [
      { port: 8080, protocol: 'tcp', publicHost: '198.51.100.7', publicPort: 31080 },
      { port: 7860, protocol: 'http', url: 'https://abc-7860.proxy.novita.ai/' },
      { port: 9000, protocol: 'tcp' },
    ]);
  });

  it('an exited instance with statusError is failed, with the reason', () => {
    const pod = parse({ status: 'exited', statusError: { state: 'exited', message: 'OOM killed' } });
    assert.equal(pod.status, 'failed');
    assert.equal(pod.statusReason, 'OOM killed');
    assert.equal(parse({ status: 'exited', statusError: { state: '', message: '' } }).status, 'stopped');
  });
});

describe('Novita provider: offers and network storage against the simulator', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('offers: USD per GPU-hour, stock word, clusters where offered', async () => {
    const offers = await h.provider().listOffers();
    const by = Object.fromEntries(offers.map((o) => [o.id, o]));
    assert.equal(by['prod-4090'].pricePerGpuHour, 0.35);
    assert.equal(by['prod-a100'].pricePerGpuHour, 1.39);
    assert.equal(by['prod-4090'].regions.length, 3);
    assert.deepEqual(by['prod-h100'].regions, [{ id: 'cl-us', name: 'US-CA-01', available: true }]);
    assert.equal(by['prod-h100'].stock, 'low');
    assert.equal(by['prod-3090'].stock, 'sold out');
    assert.equal(by['prod-3090'].available, false);
    assert.equal(by['prod-4090'].vramGb, 24);
  });

  it('a product the schema cannot read is one clear UnexpectedResponseError', async () => {
    h.sim.addFault({ cloud: 'novita', path: '/products', status: 200, body: { data: [{ name: 'no id' }] } });
    await assert.rejects(
      h.provider().listOffers(),
      (e: unknown) => e instanceof UnexpectedResponseError && /data\[0\]\.id/.test(e.message),
    );
  });

  it('lists (every page), creates, renames, resizes and deletes network storage', async () => {
    for (let i = 0; i < 60; i++) h.control.seedStorage({ storageName: `s-${i}` });
    const p = h.provider();
    assert.equal((await p.volumes!.list()).length, 61);
    const form = p.volumes!.createForm();
    const clusters = await (form.fields[0] as PickField).options({});
    assert.equal(clusters.find((c) => c.value === 'cl-as')?.disabledReason, 'no network storage in this cluster');
    const vol = await form.create({ clusterId: 'cl-eu', sizeGb: '200', name: 'models' }, { jupyterPassword: '' });
    assert.equal(vol.name, 'models');
    assert.equal(vol.sizeGb, 200);
    assert.equal(vol.region, 'EU-DE-01');
    assert.equal(vol.cost, '14.00 (unit not published)');
    await p.volumes!.rename(vol.id, 'models-v2');
    await p.volumes!.resize(vol.id, 300);
    const after = (await p.volumes!.list()).find((v) => v.id === vol.id);
    assert.equal(after?.name, 'models-v2');
    assert.equal(after?.sizeGb, 300);
    await assert.rejects(
      p.volumes!.resize(vol.id, 50),
      (e: unknown) => e instanceof CloudError && e.code === 'VALIDATOR_PARAM',
    );
    await p.volumes!.delete(vol.id);
    assert.equal(
      (await p.volumes!.list()).some((v) => v.id === vol.id),
      false,
    );
    await assert.rejects(
      p.volumes!.delete(vol.id),
      (e: unknown) => e instanceof CloudError && e.code === 'NETWORK_STORAGE_NOT_FOUND',
    );
    await assert.rejects(p.volumes!.rename('missing', 'x'), NotFoundError);
  });

  it('storage mounted by an instance cannot be deleted (NETWORK_STORAGE_IN_USE)', async () => {
    h.control.seedInstance({ networkStorages: [{ id: 'ns-0001', mountPoint: '/network_0' }] });
    await assert.rejects(h.provider().volumes!.delete('ns-0001'), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.code, 'NETWORK_STORAGE_IN_USE');
      assert.match(e.message, /mounted by an instance/);
      return true;
    });
  });
});
