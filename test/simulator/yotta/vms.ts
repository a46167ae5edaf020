import type { Simulator } from '../server';
import { bodyOf, emitId, invalid, ok, wrap } from './common';
import { CATALOG, SimError, type SimVm, type VmStatusWord, type YottaState } from './state';

/**
 * Yotta's VM API (v2, and the v1 paths its reference lists). Statuses `initializing` → `running` (after
 * `vmStartMs`) → `terminated`; terminated VMs stay listed. Errors as Yotta documents them: 11000 VM not found,
 * 11001 VM status invalid, 11002 no terminate permission.
 */

const DISPLAY: Record<string, string> = {
  NVIDIA_RTX_4090_24G: 'NVIDIA RTX 4090',
  NVIDIA_RTX_5090_32G: 'NVIDIA RTX 5090',
  NVIDIA_A100_80G: 'NVIDIA A100 80GB',
  NVIDIA_H100_80G: 'NVIDIA H100',
  NVIDIA_H200_141G: 'NVIDIA H200',
  NVIDIA_B200_180G: 'NVIDIA B200',
};

/** The same ids `/v2/vms/types` hands out (resources.ts numbers them 100 + 10 × type + region). */
export function vmTypes(): Array<{ vmTypeId: number; gpuType: string; region: string }> {
  return Object.entries(CATALOG).flatMap(([gpuType, regions], i) =>
    regions.map((r, j) => ({ vmTypeId: 100 + i * 10 + j, gpuType, region: r.region })),
  );
}

export function vmTypeIdOf(gpuType: string, region: string): number {
  const t = vmTypes().find((x) => x.gpuType === gpuType && x.region === region);
  if (!t) throw new Error(`no VM type ${gpuType} in ${region}`);
  return t.vmTypeId;
}

export function vmJson(v: SimVm) {
  const running = v.status === 'running' && !!v.ssh;
  const vram = /_(\d+)G$/.exec(v.gpuType)?.[1];
  return {
    id: emitId(v.id),
    name: v.name,
    status: v.status,
    gpuDisplayName: DISPLAY[v.gpuType] ?? v.gpuType,
    // The port is the sshd's; the IP is left to the template's placeholder, as a template would.
    ipAddress: running ? v.ssh!.host : '',
    sshTemplate: running ? `ssh -p ${v.ssh!.port} ${v.ssh!.user}@{ip}` : '',
    cpuCores: v.cpuCores,
    memoryInGb: String(v.memoryInGb),
    gpuCount: v.gpuCount,
    gpuMemoryInGb: vram ?? '0',
    region: v.region,
    storageInGb: String(v.storageInGb),
    createdAt: new Date(v.createdAt).toISOString(),
    isSpot: v.isSpot,
  };
}

export function vmNotFound(id: string): SimError {
  return new SimError(404, 11000, `VM not found: ${id}`);
}

function mustVm(state: YottaState, id: string): SimVm {
  const v = state.vm(id);
  if (!v) throw vmNotFound(id);
  return v;
}

function statusInvalid(v: SimVm, action: string): SimError {
  return new SimError(200, 11001, `VM status invalid: vm is ${v.status}, it cannot be ${action}`);
}

function createVm(state: YottaState, b: Record<string, unknown>): SimVm {
  const fail = state.failNextCreate;
  if (fail) {
    state.failNextCreate = undefined;
    throw new SimError(fail.status, fail.code, fail.message);
  }
  const type = vmTypes().find((t) => String(t.vmTypeId) === String(b.vmTypeId));
  if (!type) throw invalid(`vmTypeId ${String(b.vmTypeId)} does not exist`);
  if (typeof b.region !== 'string' || b.region !== type.region)
    throw invalid(`vmTypeId ${type.vmTypeId} is offered in ${type.region}, not ${String(b.region)}`);
  if (typeof b.name !== 'string' || b.name.length < 1 || b.name.length > 255)
    throw invalid('name must be 1-255 characters');
  if (b.isSpot !== undefined && b.isSpot !== 0 && b.isSpot !== 1) throw invalid('isSpot must be 0 or 1');
  if (!state.available(type.gpuType, type.region))
    throw new SimError(200, 10001, `Insufficient resources: ${type.gpuType} is sold out in ${type.region}`);
  const mounts: Record<string, string> = {};
  if (b.volumeMountPaths !== undefined) {
    if (typeof b.volumeMountPaths !== 'object' || b.volumeMountPaths === null || Array.isArray(b.volumeMountPaths))
      throw invalid('volumeMountPaths must be a map');
    for (const [id, path] of Object.entries(b.volumeMountPaths)) {
      const vol = state.volume(id);
      if (!vol) throw new SimError(404, 10007, `Record not exist: volume ${id}`);
      if (vol.region && vol.region !== type.region)
        throw invalid(`volume ${id} is in ${vol.region}, the VM in ${type.region}`);
      if (typeof path !== 'string' || !/^\/[A-Za-z0-9._\-/]*$/.test(path))
        throw invalid(`mount path for volume ${id} must be absolute`);
      mounts[id] = path;
    }
  }
  for (const id of Object.keys(mounts)) state.volumes.get(id)!.mountCount++;
  const vm: SimVm = {
    id: state.newVmId(),
    name: b.name,
    gpuType: type.gpuType,
    gpuCount: 1,
    region: type.region,
    vmTypeId: type.vmTypeId,
    isSpot: b.isSpot === 1 ? 1 : 0,
    status: 'initializing',
    createdAt: Date.now(),
    cpuCores: 16,
    memoryInGb: 64,
    storageInGb: 200,
    volumeMountPaths: mounts,
    terminable: true,
  };
  state.vms.set(vm.id, vm);
  state.setVm(vm, 'initializing');
  return vm;
}

function rename(state: YottaState, id: string, name: unknown): SimVm {
  const v = mustVm(state, id);
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) throw invalid('name must be 1-255 characters');
  if (v.status === 'terminated') throw statusInvalid(v, 'renamed');
  v.name = name;
  return v;
}

function terminate(state: YottaState, id: string): void {
  const v = mustVm(state, id);
  if (!v.terminable)
    throw new SimError(200, 11002, 'No terminate permissions: this VM is managed by your organisation');
  if (v.status === 'initializing' || v.status === 'terminated') throw statusInvalid(v, 'terminated');
  state.setVm(v, 'terminated');
  for (const volId of Object.keys(v.volumeMountPaths)) {
    const vol = state.volumes.get(volId);
    if (vol) vol.mountCount = Math.max(0, vol.mountCount - 1);
  }
}

/** 1-based pages capped by the control's maxPageSize; a page past the last one is empty, not an error. */
function page(state: YottaState, pageValue: unknown, sizeValue: unknown, status: unknown) {
  const p = Number(pageValue ?? 1);
  const size = Math.min(Number(sizeValue ?? 10), state.maxPageSize);
  if (!Number.isInteger(p) || p < 1 || !Number.isInteger(size) || size < 1)
    throw invalid('page and size must be positive integers');
  const want = typeof status === 'string' && status !== '' ? status.toLowerCase() : undefined;
  const all = state.allVms().filter((v) => !want || v.status === want);
  return {
    items: all.slice((p - 1) * size, p * size).map(vmJson),
    page: p,
    size,
    total: all.length,
    pages: Math.ceil(all.length / size),
  };
}

export function installVmRoutes(sim: Simulator, state: YottaState): void {
  const r = sim.router('yotta');
  const w = (h: Parameters<typeof wrap>[2]) => wrap(sim, state, h);

  // v2 (`/v2/vms/types` is served with the GPU offers in resources.ts, registered before `:id`)
  r.get(
    '/v2/vms',
    w((req) =>
      ok(page(state, req.query.get('page') ?? undefined, req.query.get('size') ?? undefined, req.query.get('status'))),
    ),
  );
  r.post(
    '/v2/vms',
    w((req) => ok(vmJson(createVm(state, bodyOf(req))))),
  );
  r.get(
    '/v2/vms/:id',
    w((req) => ok(vmJson(mustVm(state, req.params.id)))),
  );
  r.patch(
    '/v2/vms/:id',
    w((req) => ok(vmJson(rename(state, req.params.id, bodyOf(req).name)))),
  );
  r.delete(
    '/v2/vms/:id',
    w((req) => (terminate(state, req.params.id), ok(true))),
  );

  // v1: the paths Yotta's v1 reference lists; shapes as v2 (list body {page, pageSize}, create answers the id)
  r.post(
    '/openapi/v1/vms/list',
    w((req) => {
      const b = bodyOf(req);
      return ok(page(state, b.page, b.pageSize, b.status));
    }),
  );
  r.post(
    '/openapi/v1/vms/create',
    w((req) => ok(emitId(createVm(state, bodyOf(req)).id))),
  );
  r.get(
    '/openapi/v1/vms/:id',
    w((req) => ok(vmJson(mustVm(state, req.params.id)))),
  );
  r.delete(
    '/openapi/v1/vms/:id/terminate',
    w((req) => (terminate(state, req.params.id), ok(true))),
  );
}

/** A VM put straight into the state (no validation); `status` other than running keeps its own clock. */
export function addVm(state: YottaState, vm: Partial<SimVm> & { status?: VmStatusWord } = {}): string {
  const id = vm.id ?? state.newVmId();
  const gpuType = vm.gpuType ?? 'NVIDIA_H100_80G';
  const region = vm.region ?? CATALOG[gpuType]?.[0]?.region ?? 'us-east-1';
  const full: SimVm = {
    id,
    name: `vm-${id.slice(-4)}`,
    gpuType,
    gpuCount: 1,
    region,
    vmTypeId: CATALOG[gpuType] ? vmTypeIdOf(gpuType, region) : 0,
    isSpot: 0,
    status: 'running',
    createdAt: Date.now(),
    cpuCores: 16,
    memoryInGb: 64,
    storageInGb: 200,
    volumeMountPaths: {},
    terminable: true,
    ...vm,
  };
  state.vms.set(id, full);
  if (full.status === 'initializing' && full.until === undefined) state.setVm(full, 'initializing');
  return id;
}
