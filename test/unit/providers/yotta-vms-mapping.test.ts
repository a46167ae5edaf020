import * as assert from 'node:assert/strict';
import { silentLogger } from '../../../src/core/logger';
import { Semaphore } from '../../../src/core/concurrency';
import { createYottaProvider } from '../../../src/providers/yotta';
import { toVm, vmSsh } from '../../../src/providers/yotta/vmsMapping';
import { defaultMountPath, parseMountPaths } from '../../../src/providers/yotta/form/vmMounts';
import { zVm } from '../../../src/providers/yotta/vmsSchemas';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';

/** The VM example of Yotta's data model, as the API guide prints it. */
const DOC_VM = {
  id: 456,
  name: 'my-vm',
  status: 'running',
  gpuDisplayName: 'NVIDIA RTX A4000',
  ipAddress: '192.168.1.100',
  cpuCores: 8,
  memoryInGb: '32',
  gpuCount: 1,
  gpuMemoryInGb: '16',
  region: 'us-east-1',
  storageInGb: '100',
  sshTemplate: 'ssh root@192.168.1.100',
  createdAt: '2024-01-15T10:30:00Z',
  isSpot: 0,
};
const vmOf = (extra: Record<string, unknown> = {}) => toVm(zVm.parse({ ...DOC_VM, ...extra }));

describe('Yotta VMs: mapping, SSH templates and form input', () => {
  it('maps the documented VM: name, GPU × count, region, on-demand, details for the tooltip', () => {
    const vm = vmOf();
    assert.equal(vm.kind, 'vm');
    assert.equal(vm.id, '456');
    assert.deepEqual(
      [vm.name, vm.status, vm.rawStatus, vm.gpuName, vm.gpuCount, vm.vramGb, vm.region],
      ['my-vm', 'running', 'running', 'NVIDIA RTX A4000', 1, 16, 'us-east-1'],
    );
    assert.equal(vm.createdAt, Date.parse('2024-01-15T10:30:00Z'));
    assert.equal(vm.pricePerHour, undefined);
    assert.equal(vm.jupyter, undefined);
    assert.deepEqual(vm.ssh, { host: '192.168.1.100', port: 22, user: 'root' });
    // Only what the shared fields (shown once in the tooltip) do not hold.
    assert.deepEqual(vm.details, [
      ['Pricing', 'On-demand'],
      ['CPU cores', '8'],
      ['Memory', '32 GB'],
      ['Storage', '100 GB'],
      ['IP address', '192.168.1.100'],
    ]);
  });

  it('finds the GPU in the table by code or display name; spot; statuses incl. unknown with the raw word', () => {
    const h100 = vmOf({ gpuDisplayName: 'NVIDIA H100', gpuCount: 8, isSpot: 1 });
    assert.deepEqual([h100.gpuName, h100.vramGb, h100.gpuCount], ['H100', 80, 8]);
    assert.ok(h100.details.some(([k, v]) => k === 'Pricing' && v === 'Spot'));
    assert.equal(vmOf({ gpuType: 'NVIDIA_H200_141G', gpuDisplayName: null }).gpuName, 'H200');
    assert.equal(vmOf({ isSpot: true }).details.find(([k]) => k === 'Pricing')![1], 'Spot');
    const words: Array<[string, string]> = [
      ['initializing', 'provisioning'],
      ['RUNNING', 'running'],
      ['stopped', 'stopped'],
      ['terminated', 'terminated'],
    ];
    for (const [raw, status] of words) assert.equal(vmOf({ status: raw }).status, status, raw);
    const odd = vmOf({ status: 'rebooting' });
    assert.deepEqual([odd.status, odd.rawStatus], ['unknown', 'rebooting']);
    assert.equal(vmOf({ status: 'initializing' }).ssh, undefined, 'SSH only for a running VM');
    assert.equal(vmOf({ createdAt: 1705314600 }).createdAt, 1705314600000, 'epoch seconds read too');
    assert.equal(vmOf({ id: '362740422811062272', name: '' }).name, '362740422811062272');
  });

  it('reads SSH from templates after substituting the validated IP, and refuses what is not a login line', () => {
    const ip = '203.0.113.7';
    assert.deepEqual(vmSsh('ssh -p {port} {user}@{ip}', ip), { host: ip, port: 22, user: 'root' });
    assert.deepEqual(vmSsh('ssh -p 2222 ubuntu@{ip}', ip), { host: ip, port: 2222, user: 'ubuntu' });
    assert.deepEqual(vmSsh('ssh root@{{ipAddress}} -p 30022 -i <private key file>', ip), {
      host: ip,
      port: 30022,
      user: 'root',
    });
    assert.deepEqual(vmSsh('ssh root@${ip}', ip), { host: ip, port: 22, user: 'root' });
    assert.deepEqual(vmSsh('ssh root@<ip>', ip), { host: ip, port: 22, user: 'root' });
    assert.deepEqual(vmSsh('ssh root@192.168.1.100', '192.168.1.100'), {
      host: '192.168.1.100',
      port: 22,
      user: 'root',
    });
    assert.deepEqual(vmSsh('', ip), { host: ip, port: 22, user: 'root' }, 'an IP alone: root on 22');
    assert.equal(vmSsh('ssh root@{ip}', ''), undefined, 'no IP yet');
    assert.equal(vmSsh('ssh root@{ip}', undefined), undefined);
    assert.equal(vmSsh('ssh root@{ip}', '1.2.3.4;reboot'), undefined, 'an unsafe IP is not used');
    assert.equal(vmSsh('ssh root@{ip} rm -rf /', ip), undefined, 'a remote command is not a login line');
    assert.equal(vmSsh('ssh -o ProxyCommand=evil root@{ip} && curl x', ip), undefined);
    assert.equal(vmSsh('telnet {ip}', ip), undefined);
    assert.equal(vmSsh('ssh root@{hostname}', ip), undefined, 'an unknown placeholder stays and fails validation');
    assert.equal(vmOf({ ipAddress: 'not a host!', sshTemplate: 'ssh root@{ip}' }).ssh, undefined);
  });

  it('mount paths: defaults from the volume name, one path per volume, validated, distinct', () => {
    assert.equal(defaultMountPath('Data Set', '7'), '/mnt/data-set');
    assert.equal(defaultMountPath('../..', '7'), '/mnt/volume-7');
    assert.deepEqual(parseMountPaths('', 2), {});
    assert.deepEqual(parseMountPaths('/mnt/a, /data/b', 2), { paths: ['/mnt/a', '/data/b'] });
    assert.match(parseMountPaths('/mnt/a', 2).error!, /Give 2 mount paths/);
    assert.match(parseMountPaths('mnt/a', 1).error!, /absolute path/);
    assert.match(parseMountPaths('/mnt/../etc', 1).error!, /absolute path/);
    assert.match(parseMountPaths('/mnt/a,/mnt/a', 2).error!, /its own mount path/);
  });

  it('menu rules: rename unless terminated; terminate unless terminated, terminating or still initializing', () => {
    const p = createYottaProvider(
      { apiKey: 'k', baseUrls: { base: 'https://api.example.invalid' }, options: {} },
      { logger: silentLogger, limiter: new Semaphore(1) },
    );
    const allows = p.vms!.allows;
    const at = (status: string) => ({ ...vmOf(), status: status as ReturnType<typeof vmOf>['status'] });
    assert.deepEqual(
      ['running', 'stopped', 'provisioning', 'terminating', 'terminated', 'unknown'].map((s) =>
        allows('rename', at(s)),
      ),
      [true, true, true, true, false, true],
    );
    assert.deepEqual(
      ['running', 'stopped', 'provisioning', 'terminating', 'terminated', 'unknown'].map((s) =>
        allows('terminate', at(s)),
      ),
      [true, true, false, false, false, true],
    );
  });
});

describe('Yotta VMs on a v1 account', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('uses the v1 VM paths Yotta lists (list, create, get, terminate) and v2 PATCH to rename', async () => {
    const vms = h.provider({ apiVersion: 'v1' }).vms!;
    const existing = h.control.addVm({ name: 'old-one', status: 'running' });
    const list = await vms.list();
    assert.deepEqual(
      list.map((v) => v.name),
      ['old-one'],
    );
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/vms/list').length, 1);
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/vms').length, 0);

    const created = await vms
      .createForm()
      .create(
        { vmType: 'NVIDIA_RTX_4090_24G', region: 'ap-southeast-1', pricing: 'onDemand', volumes: [], name: 'v1-vm' },
        { jupyterPassword: 'x' },
      );
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/openapi/v1/vms/create').length, 1);
    assert.deepEqual([created.name, created.region], ['v1-vm', 'ap-southeast-1']);
    // the simulator runs its state machine on scaled real time: on a loaded machine the VM may be up already
    assert.ok(['provisioning', 'running'].includes(created.status), `status ${created.status}`);
    assert.equal(
      h.sim.requestsFor('yotta', 'GET', `/openapi/v1/vms/${created.id}`).length,
      1,
      'the id the create answered is read back',
    );

    assert.equal((await vms.get(existing))?.name, 'old-one');
    await vms.rename(existing, 'renamed');
    assert.equal(h.sim.requestsFor('yotta', 'PATCH', `/v2/vms/${existing}`).length, 1);
    await vms.terminate(existing);
    assert.equal(h.sim.requestsFor('yotta', 'DELETE', `/openapi/v1/vms/${existing}/terminate`).length, 1);
    assert.deepEqual([h.control.vm(existing)!.name, h.control.vm(existing)!.status], ['renamed', 'terminated']);
    assert.equal(await vms.get('77'), undefined);
  });
});
