import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { Answers } from '../../../src/core/createForm';
import { AuthError, CloudError, NotFoundError } from '../../../src/core/errors';
import { eventually, startYotta, TEST_KEY, type YottaHarness } from '../../simulator/yotta/harness';

const ctx = { jupyterPassword: 'unused' };
const detail = (vm: { details: Array<[string, string]> }, key: string) => vm.details.find(([k]) => k === key)?.[1];

describe('Yotta provider: virtual machines (v2) against the simulator', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('offers VMs: vms is set, so capabilities say so', () => {
    const p = h.provider();
    assert.equal(capabilitiesOf(p).vms, true);
    assert.ok(p.vms);
  });

  it('creates a VM from a VM type with one POST (type id, region, spot, volume mounts), then it runs with SSH from its template', async () => {
    const volId = h.control.addVolume({ name: 'Data Set', region: 'us-west-1' });
    const vms = h.provider().vms!;
    const form = vms.createForm();
    const field = (id: string) => form.fields.find((f) => f.id === id)!;
    const types = await (field('vmType') as { options(a: Answers): Promise<Array<{ value: unknown }>> }).options({});
    assert.ok(types.some((t) => t.value === 'NVIDIA_H100_80G'));
    const regions = await (
      field('region') as { options(a: Answers): Promise<Array<{ value: unknown; picked?: boolean }>> }
    ).options({ vmType: 'NVIDIA_H100_80G' });
    assert.deepEqual(
      regions.map((r) => r.value),
      ['us-east-1', 'us-west-1'],
    );
    const vols = await (
      field('volumes') as { options(a: Answers): Promise<Array<{ value: unknown; disabledReason?: string }>> }
    ).options({ region: 'us-west-1' });
    assert.equal(vols.find((v) => v.value === volId)?.disabledReason, undefined);
    const answers: Answers = {
      vmType: 'NVIDIA_H100_80G',
      region: 'us-west-1',
      pricing: 'spot',
      volumes: [volId],
      mountPaths: '',
      name: 'train-vm',
    };
    const mountField = field('mountPaths') as { initial(a: Answers): string; skip(a: Answers): boolean };
    assert.equal(mountField.initial(answers), '/mnt/data-set');
    assert.equal(mountField.skip({ ...answers, volumes: [] }), true);

    const summary = await form.summarize(answers, ctx);
    assert.deepEqual(summary.map((l) => [l.label, l.value]).slice(0, 6), [
      ['GPU', 'H100 (80 GB VRAM each)'],
      ['Region', 'US West 1'],
      ['Price', 'price not published by Yotta Labs; see the console'],
      ['Name', 'train-vm'],
      ['Pricing', 'Spot (may be reclaimed)'],
      ['Volumes', 'Data Set at /mnt/data-set'],
    ]);
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/vms').length, 0, 'nothing created by the summary');

    const vm = await form.create(answers, ctx);
    const posts = h.sim.requestsFor('yotta', 'POST', '/v2/vms');
    assert.equal(posts.length, 1);
    const sent = h.control.vm(vm.id)!;
    assert.equal(sent.vmTypeId, 131, 'the vmTypeId /v2/vms/types gave for H100 in us-west-1');
    assert.equal(sent.isSpot, 1);
    assert.deepEqual(sent.volumeMountPaths, { [volId]: '/mnt/data-set' });
    assert.equal(h.control.state.volumes.get(volId)!.mountCount, 1);

    assert.equal(vm.kind, 'vm');
    assert.equal(vm.name, 'train-vm');
    assert.equal(vm.status, 'provisioning');
    assert.equal(vm.rawStatus, 'initializing');
    assert.equal(vm.ssh, undefined, 'no IP yet');
    assert.equal(vm.jupyter, undefined);
    assert.equal(detail(vm, 'Pricing'), 'Spot');
    assert.equal(vms.allows('terminate', vm), false, 'Yotta refuses to terminate an initializing VM');
    assert.equal(vms.allows('rename', vm), true);

    const running = await eventually(
      () => vms.get(vm.id),
      (x) => x?.status === 'running',
    );
    assert.deepEqual(running!.ssh, { host: '127.0.0.1', port: 30022, user: 'root' });
    assert.equal(running!.gpuName, 'H100');
    assert.equal(running!.gpuCount, 1);
    assert.equal(running!.vramGb, 80);
    assert.equal(running!.region, 'us-west-1');
    assert.deepEqual(
      ['CPU cores', 'Memory', 'Storage', 'IP address'].map((k) => detail(running!, k)),
      ['16', '64 GB', '200 GB', '127.0.0.1'],
    );
    assert.ok(Math.abs(running!.createdAt! - Date.now()) < 60_000);
    assert.equal(vms.allows('terminate', running!), true);
  });

  it('a create refused with HTTP 500 is not retried: exactly one POST and no VM', async () => {
    h.control.failNextCreate(10002, 'System error', 500);
    const form = h.provider().vms!.createForm();
    const e = await form
      .create(
        { vmType: 'NVIDIA_RTX_4090_24G', region: 'us-east-1', pricing: 'onDemand', volumes: [], name: 'once' },
        ctx,
      )
      .catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.equal(e.code, '10002');
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/vms').length, 1);
    assert.deepEqual(await h.provider().vms!.list(), []);
  });

  it('a sold-out VM type is shown disabled, and a create that races the stock gets the cloud reason', async () => {
    h.control.setSoldOut('NVIDIA_B200_180G');
    const form = h.provider().vms!.createForm();
    const types = await (
      form.fields[0] as { options(a: Answers): Promise<Array<{ value: unknown; disabledReason?: string }>> }
    ).options({});
    assert.equal(types.find((t) => t.value === 'NVIDIA_B200_180G')?.disabledReason, 'sold out in every region');
    const e = await form
      .create({ vmType: 'NVIDIA_B200_180G', region: 'us-east-3', name: 'x' }, ctx)
      .catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.match(e.message, /Insufficient resources: NVIDIA_B200_180G is sold out in us-east-3 \(code 10001\)\.$/);
  });

  it('renames (PATCH), and a terminated VM cannot be renamed: 11001 with its state and the reason', async () => {
    const vms = h.provider().vms!;
    const id = h.control.addVm({ name: 'old' });
    await vms.rename(id, 'new name');
    assert.equal(h.sim.requestsFor('yotta', 'PATCH', `/v2/vms/${id}`).length, 1);
    assert.equal((await vms.get(id))!.name, 'new name');

    const gone = h.control.addVm({ name: 'ended', status: 'terminated' });
    const vm = (await vms.get(gone))!;
    assert.equal(vm.status, 'terminated');
    assert.equal(vms.allows('rename', vm), false);
    assert.equal(vms.allows('terminate', vm), false);
    const e = await vms.rename(gone, 'again').catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.equal(e.code, '11001');
    assert.equal(
      e.message,
      'Yotta Labs refused to rename the VM "ended": it is terminated (VM status invalid: vm is terminated, it cannot be renamed, code 11001).',
    );
  });

  it('terminates a running VM (DELETE): it stays listed as terminated; an initializing one is refused with 11001 and its state', async () => {
    const vms = h.provider().vms!;
    const id = h.control.addVm({ name: 'done' });
    await vms.terminate(id);
    assert.equal(h.sim.requestsFor('yotta', 'DELETE', `/v2/vms/${id}`).length, 1);
    const list = await vms.list();
    assert.deepEqual(
      list.map((v) => [v.name, v.status, v.rawStatus]),
      [['done', 'terminated', 'terminated']],
    );
    assert.equal(list[0].ssh, undefined);

    h.control.setDelays({ vmStartMs: 600_000 });
    const starting = h.control.addVm({ name: 'booting', status: 'initializing' });
    const e = await vms.terminate(starting).catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.equal(e.code, '11001');
    assert.match(
      e.message,
      /^Yotta Labs refused to terminate the VM "booting": it is initializing \(VM status invalid: vm is initializing, it cannot be terminated, code 11001\)\.$/,
    );
    assert.equal(h.control.vm(starting)!.status, 'initializing');
  });

  it('a VM the key may not terminate answers 11002 with the cloud reason', async () => {
    const vms = h.provider().vms!;
    const id = h.control.addVm({ name: 'locked' });
    h.control.setVmTerminable(id, false);
    const e = await vms.terminate(id).catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.equal(e.code, '11002');
    assert.equal(
      e.message,
      'Yotta Labs refused to terminate the VM: No terminate permissions: this VM is managed by your organisation (code 11002).',
    );
    assert.equal(h.control.vm(id)!.status, 'running');
    h.control.setVmTerminable(id, true);
    await vms.terminate(id);
    assert.equal(h.control.vm(id)!.status, 'terminated');
  });

  it('an unknown VM (11000): get is undefined, rename is NotFoundError, terminate of a gone VM resolves', async () => {
    const vms = h.provider().vms!;
    assert.equal(await vms.get('123456789012345678901'), undefined);
    const e = await vms.rename('42', 'x').catch((x: unknown) => x);
    assert.ok(e instanceof NotFoundError, String(e));
    assert.match(e.message, /VM not found: 42 \(code 11000\)\.$/);
    await vms.terminate('42');
    assert.ok(h.sim.requestsFor('yotta', 'DELETE', '/v2/vms/42').length >= 1);
  });

  it('fetches every page with a large size and drops nothing', async () => {
    h.control.setMaxPageSize(7);
    for (let i = 0; i < 20; i++) h.control.addVm({ name: `vm-${i}` });
    const list = await h.provider().vms!.list();
    assert.equal(list.length, 20);
    assert.equal(new Set(list.map((v) => v.id)).size, 20);
    const gets = h.sim.requestsFor('yotta', 'GET', '/v2/vms').filter((r) => !r.path.startsWith('/v2/vms/'));
    assert.deepEqual(
      gets.map((r) => r.query),
      ['?page=1&size=500', '?page=2&size=500', '?page=3&size=500'],
    );
  });

  it('lists 300 VMs in one request', async () => {
    for (let i = 0; i < 300; i++) h.control.addVm({ name: `vm-${i}` });
    assert.equal((await h.provider().vms!.list()).length, 300);
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/vms').length, 1);
  });

  it('paging past the last page ends cleanly (a page count that was too high, an empty page)', async () => {
    h.control.setMaxPageSize(5);
    for (let i = 0; i < 5; i++) h.control.addVm({ name: `real-${i}` });
    const fake = Array.from({ length: 5 }, (_x, i) => ({
      id: 9000 + i,
      name: `stale-${i}`,
      status: 'running',
      isSpot: 0,
    }));
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: /^\/v2\/vms$/,
      status: 200,
      body: { code: 10000, message: 'success', data: { items: fake, page: 1, size: 5, total: 40, pages: 8 } },
      times: 1,
    });
    const list = await h.provider().vms!.list();
    assert.deepEqual(
      list.map((v) => v.name),
      ['stale-0', 'stale-1', 'stale-2', 'stale-3', 'stale-4'],
    );
    assert.equal(
      h.sim.requestsFor('yotta', 'GET', '/v2/vms').length,
      2,
      'page 2 came back empty: the end, not an error',
    );

    const res = await fetch(`${h.sim.baseUrl('yotta')}/v2/vms?page=9&size=5`, { headers: { 'X-Api-Key': TEST_KEY } });
    assert.deepEqual(await res.json(), {
      message: 'success',
      code: 10000,
      data: { items: [], page: 9, size: 5, total: 5, pages: 1 },
    });
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: /^\/v2\/vms$/,
      status: 200,
      body: { code: 10000, message: 'success', data: { items: [], page: 1, size: 500, total: 0, pages: 0 } },
      times: 1,
    });
    assert.deepEqual(await h.provider().vms!.list(), []);
  });

  it('keeps VM ids beyond 2^53 exact through list, get, rename and terminate', async () => {
    const id = '9223372036854775807';
    h.control.addVm({ id, name: 'big' });
    const text = await (await fetch(`${h.sim.baseUrl('yotta')}/v2/vms`, { headers: { 'X-Api-Key': TEST_KEY } })).text();
    assert.ok(text.includes('"id":9223372036854775807,'), 'sent as a bare JSON number');
    const vms = h.provider().vms!;
    assert.deepEqual(
      (await vms.list()).map((v) => v.id),
      [id],
    );
    assert.equal((await vms.get(id))?.id, id);
    await vms.rename(id, 'bigger');
    await vms.terminate(id);
    assert.deepEqual([h.control.vm(id)!.name, h.control.vm(id)!.status], ['bigger', 'terminated']);
  });

  it('a refused key is an AuthError on the VM endpoints', async () => {
    h.sim.revokedKeys.add(TEST_KEY);
    const vms = h.provider().vms!;
    for (const call of [() => vms.list(), () => vms.get('1'), () => vms.rename('1', 'x'), () => vms.terminate('1')]) {
      const e = await call().catch((x: unknown) => x);
      assert.ok(e instanceof AuthError, String(e));
    }
  });
});
