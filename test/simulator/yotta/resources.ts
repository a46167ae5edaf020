import type { Simulator } from '../server';
import { bodyOf, emitId, invalid, listParam, ok, volumeV2, wrap } from './common';
import { CATALOG, type SimCredential, type SimEndpoint, SimError, type SimVolume, type YottaState } from './state';

const STORAGE = ['S3', 'CEPH', 'VENDOR', 'R2'];

function mustVolume(state: YottaState, id: string): SimVolume {
  const v = state.volume(id);
  if (!v) throw new SimError(404, 10007, `Record not exist: volume ${id}`);
  return v;
}

function mustEndpoint(state: YottaState, id: string): SimEndpoint {
  const e = state.endpoint(id);
  if (!e) throw new SimError(200, 14000, `Endpoint not found: ${id}`);
  return e;
}

function endpointV2(e: SimEndpoint) {
  const running = e.status === 'RUNNING' ? e.workers : 0;
  return {
    id: e.id,
    name: e.name,
    image: e.image,
    status: e.status,
    totalWorkers: e.workers,
    runningWorkers: running,
    cost: e.cost,
    serviceMode: e.serviceMode,
    webhook: null,
  };
}

export function installResourceRoutes(sim: Simulator, state: YottaState): void {
  const r = sim.router('yotta');
  const w = (h: Parameters<typeof wrap>[2]) => wrap(sim, state, h);

  r.get(
    '/v2/vms/types',
    w(() =>
      ok(
        Object.entries(CATALOG).map(([gpuType, regions], i) => ({
          gpuType,
          regions: regions.map((reg, j) => ({
            ...reg,
            available: state.available(gpuType, reg.region),
            vmTypeId: 100 + i * 10 + j,
          })),
        })),
      ),
    ),
  );

  // Volumes: paged, 1-based, size 10 by default, capped by the control's maxPageSize.
  r.get(
    '/v2/volumes',
    w((req) => {
      const page = Number(req.query.get('page') ?? 1);
      const size = Math.min(Number(req.query.get('size') ?? 10), state.maxPageSize);
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1)
        throw invalid('page and size must be positive integers');
      // storageType is required (the spec refused the request without it): one storage type per list
      const type = req.query.get('storageType');
      const region = req.query.get('region');
      const all = state.allVolumes().filter((v) => v.storageType === type && (!region || v.region === region));
      const items = all.slice((page - 1) * size, page * size).map(volumeV2);
      return ok({ items, page, size, total: all.length, pages: Math.ceil(all.length / size) });
    }),
  );
  r.post(
    '/v2/volumes',
    w((req) => {
      const b = bodyOf(req);
      const storageType = String(b.storageType ?? '');
      if (!STORAGE.includes(storageType)) throw invalid('storageType must be one of S3, CEPH, VENDOR, R2');
      if (typeof b.name !== 'string' || b.name.length < 1 || b.name.length > 255)
        throw invalid('name must be 1-255 characters');
      const region = typeof b.region === 'string' ? b.region : undefined;
      if (storageType !== 'S3' && !region) throw invalid(`region is required for ${storageType}`);
      const sized = storageType === 'CEPH' || storageType === 'VENDOR';
      const size = b.sizeInGb === undefined ? undefined : Number(b.sizeInGb);
      if (sized && (size === undefined || !Number.isInteger(size) || size < 1 || size > 10240))
        throw invalid('sizeInGb must be 1-10240');
      if (storageType === 'VENDOR' && !['NVMe', 'HDD'].includes(String(b.vendorVolumeType)))
        throw invalid('vendorVolumeType must be NVMe or HDD for VENDOR');
      const id = state.newVolumeId();
      const v: SimVolume = {
        id,
        name: b.name,
        region,
        storageType,
        sizeInGb: sized ? size : undefined,
        vendorVolumeType: storageType === 'VENDOR' ? String(b.vendorVolumeType) : undefined,
        status: 'creating',
        until: Date.now() + sim.delay(state.delays.volumeMs),
        mountCount: 0,
        cost: sized ? size! * 0.0001 : 0,
        createdAt: Date.now(),
      };
      state.volumes.set(id, v);
      return ok(volumeV2(v));
    }),
  );
  r.get(
    '/v2/volumes/:id',
    w((req) => ok(volumeV2(mustVolume(state, req.params.id)))),
  );
  r.post(
    '/v2/volumes/:id/name',
    w((req) => {
      const v = mustVolume(state, req.params.id);
      const name = bodyOf(req).name;
      if (typeof name !== 'string' || name.length < 1 || name.length > 255)
        throw invalid('name must be 1-255 characters');
      v.name = name;
      return ok(volumeV2(v)); // OPENAPI: "Returns updated volume"
    }),
  );
  r.post(
    '/v2/volumes/:id/resize',
    w((req) => {
      const v = mustVolume(state, req.params.id);
      const size = Number(bodyOf(req).sizeInGb);
      if (v.mountCount > 0)
        throw new SimError(409, 12001, `Volume is in use by ${v.mountCount} pod(s); unmount it before resizing`);
      if (v.status !== 'active') throw new SimError(409, 12001, `Resource status invalid: volume is ${v.status}`);
      if (v.storageType === 'S3' || v.storageType === 'R2') throw invalid(`${v.storageType} volumes have no size`);
      if (!Number.isInteger(size) || size < 1 || size > 10240) throw invalid('sizeInGb must be 1-10240');
      if (v.sizeInGb !== undefined && size <= v.sizeInGb)
        throw invalid(`sizeInGb must be larger than the current ${v.sizeInGb}`);
      v.sizeInGb = size;
      v.status = 'resizing';
      v.until = Date.now() + sim.delay(state.delays.volumeMs);
      return ok(true);
    }),
  );
  r.delete(
    '/v2/volumes/:id',
    w((req) => {
      const v = mustVolume(state, req.params.id);
      if (v.mountCount > 0)
        throw new SimError(409, 12001, `Volume is in use by ${v.mountCount} pod(s) and cannot be deleted`);
      state.volumes.delete(v.id);
      return ok(true);
    }),
  );

  // Serverless endpoints
  r.get(
    '/v2/serverless',
    w((req) => {
      const statuses = listParam(req, 'statusList').map((s) => s.toUpperCase());
      const eps = [...state.endpoints.keys()]
        .map((id) => state.endpoint(id)!)
        .filter((e) => !statuses.length || statuses.includes(e.status));
      return ok(eps.map(endpointV2));
    }),
  );
  r.get(
    '/v2/serverless/:id',
    w((req) => ok(endpointV2(mustEndpoint(state, req.params.id)))),
  );
  r.get(
    '/v2/serverless/:id/workers',
    w((req) => {
      const e = mustEndpoint(state, req.params.id);
      const status = e.status === 'RUNNING' ? 'RUNNING' : e.status === 'INITIALIZING' ? 'INITIALIZING' : 'STOPPED';
      const n = e.status === 'STOPPED' ? 0 : e.workers;
      return ok(
        Array.from({ length: n }, (_x, i) => ({ workerId: `${e.id}-w${i + 1}`, status, createdAt: Date.now() })),
      );
    }),
  );
  r.post(
    '/v2/serverless/:id/start',
    w((req) => {
      const e = mustEndpoint(state, req.params.id);
      if (e.status !== 'STOPPED' && e.status !== 'FAILED')
        throw new SimError(200, 12001, `Resource status invalid: endpoint is ${e.status}`);
      state.setEndpoint(e, 'INITIALIZING');
      return ok(true);
    }),
  );
  r.post(
    '/v2/serverless/:id/stop',
    w((req) => {
      const e = mustEndpoint(state, req.params.id);
      if (e.status !== 'RUNNING' && e.status !== 'INITIALIZING')
        throw new SimError(200, 12001, `Resource status invalid: endpoint is ${e.status}`);
      state.setEndpoint(e, 'STOPPING');
      return ok(true);
    }),
  );

  // Registry credentials (OPENAPI Credential: id, name, type, createdAt; the username and password are never returned)
  const credentialJson = ({ username: _u, ...c }: SimCredential) => ({ ...c, id: emitId(c.id) });
  const mustCredential = (id: string) => {
    const c = state.credentials.get(id);
    if (!c) throw new SimError(404, 10007, `Record not exist: credential ${id}`);
    return c;
  };
  r.get(
    '/v2/container-registry-auths',
    w(() => ok([...state.credentials.values()].map(credentialJson))),
  );
  r.post(
    '/v2/container-registry-auths',
    w((req) => {
      const b = bodyOf(req);
      for (const f of ['name', 'type', 'username', 'password'])
        if (typeof b[f] !== 'string' || b[f] === '') throw invalid(`${f} is required`);
      const id = state.newCredentialId();
      const c: SimCredential = {
        id,
        name: String(b.name),
        type: String(b.type),
        createdAt: new Date().toISOString(),
        username: String(b.username),
      };
      state.credentials.set(id, c);
      return ok(credentialJson(c));
    }),
  );
  r.get(
    '/v2/container-registry-auths/:id',
    w((req) => ok(credentialJson(mustCredential(req.params.id)))),
  );
  r.patch(
    '/v2/container-registry-auths/:id',
    w((req) => {
      const c = mustCredential(req.params.id);
      const b = bodyOf(req);
      for (const f of ['name', 'username', 'password'])
        if (b[f] !== undefined && (typeof b[f] !== 'string' || b[f] === '')) throw invalid(`${f} must not be empty`);
      if (typeof b.name === 'string') c.name = b.name;
      if (typeof b.username === 'string') c.username = b.username;
      return ok(credentialJson(c));
    }),
  );
  r.delete(
    '/v2/container-registry-auths/:id',
    w((req) => {
      const c = mustCredential(req.params.id);
      // OPENAPI: 409 "Credential is in use by Pod or Endpoint" (no body documented: the envelope, as elsewhere).
      if (state.allPods().some((p) => p.credentialId === c.id))
        throw new SimError(409, 409, `Credential ${c.id} is in use by a pod`);
      state.credentials.delete(c.id);
      return ok(true);
    }),
  );
}
