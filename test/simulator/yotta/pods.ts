import type { Simulator } from '../server';
import type { SimRequest } from '../server';
import { bodyOf, invalid, listParam, ok, podNotFound, podV1, podV2, statusCode, wrap } from './common';
import { CATALOG, type SimExpose, type SimPod, SimError, type YottaState } from './state';

export interface PodInput {
  name: unknown;
  image: unknown;
  imageRegistry?: unknown;
  gpuType: unknown;
  gpuCount: unknown;
  regions: string[];
  containerVolumeInGb?: unknown;
  environmentVars?: unknown;
  expose?: unknown;
  persistentVolumes?: unknown;
  persistentVolumeInGb?: unknown;
  persistentMountPath?: unknown;
  containerRegistryAuthId?: unknown;
  imagePublicType?: unknown;
}

export const DOCKER_HUB = 'https://index.docker.io/v1/';

const isPow2 = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** Validation and stock as Yotta answers them; both API versions create through here. */
export function createPod(state: YottaState, input: PodInput): SimPod {
  const fail = state.failNextCreate;
  if (fail) {
    state.failNextCreate = undefined;
    throw new SimError(fail.status, fail.code, fail.message);
  }
  const { name, image, gpuType, gpuCount } = input;
  if (typeof name !== 'string' || name.length < 1 || name.length > 255) throw invalid('name must be 1-255 characters');
  if (typeof image !== 'string' || image.trim() === '') throw invalid('image is required');
  if (typeof gpuType !== 'string' || !CATALOG[gpuType]) throw invalid(`gpuType ${String(gpuType)} is not supported`);
  if (typeof gpuCount !== 'number' || !isPow2(gpuCount)) throw invalid('gpuCount must be a power of 2');
  const offered = CATALOG[gpuType].map((r) => r.region);
  const wanted = input.regions.length ? input.regions : offered;
  const unknown = wanted.find((r) => !offered.includes(r));
  if (unknown) throw invalid(`${gpuType} is not offered in region ${unknown}`);
  const region = wanted.find((r) => state.available(gpuType, r));
  if (!region) throw new SimError(200, 10001, `Insufficient resources: ${gpuType} is sold out in ${wanted.join(', ')}`);

  const env = Array.isArray(input.environmentVars)
    ? (input.environmentVars as Array<{ key?: unknown; value?: unknown }>)
    : [];
  const jupyter = env.find((e) => e.key === 'JUPYTER_PASSWORD');
  const publicKey = env.find((e) => e.key === 'PUBLIC_KEY');
  const expose: SimExpose[] = [];
  for (const e of Array.isArray(input.expose) ? (input.expose as Array<{ port?: unknown; protocol?: unknown }>) : []) {
    const port = Number(e.port);
    const protocol = String(e.protocol ?? 'TCP').toUpperCase();
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(`expose port ${String(e.port)} is invalid`);
    if (!['SSH', 'HTTP', 'TCP'].includes(protocol)) throw invalid(`expose protocol ${protocol} is invalid`);
    expose.push({ port, protocol });
  }

  // Decision (OPENAPI CreatePodRequest gives the fields, not their rules): a credential id must name one of the
  // account's credentials, and a PRIVATE image needs one; otherwise 10001 "Invalid request parameters".
  let credentialId: string | undefined;
  if (input.containerRegistryAuthId !== undefined) {
    credentialId = String(input.containerRegistryAuthId);
    if (!state.credentials.has(credentialId)) throw invalid(`containerRegistryAuthId ${credentialId} does not exist`);
  }
  if (input.imagePublicType === 'PRIVATE' && !credentialId)
    throw invalid('a PRIVATE image needs containerRegistryAuthId');

  const volumeIds: string[] = [];
  for (const pv of Array.isArray(input.persistentVolumes)
    ? (input.persistentVolumes as Array<{ volumeId?: unknown }>)
    : []) {
    const v = state.volume(String(pv.volumeId));
    if (!v) throw new SimError(404, 10007, `Record not exist: volume ${String(pv.volumeId)}`);
    if (v.region && v.region !== region) throw invalid(`volume ${v.id} is in ${v.region}, the pod in ${region}`);
    volumeIds.push(v.id);
  }
  if (input.persistentVolumeInGb !== undefined) {
    const size = Number(input.persistentVolumeInGb);
    if (!Number.isInteger(size) || size < 1 || size > 10240) throw invalid('persistentVolumeInGb must be 1-10240');
    const id = state.newVolumeId();
    state.volumes.set(id, {
      id,
      name: `${name}-volume`,
      sizeInGb: size,
      region,
      storageType: 'CEPH',
      status: 'active',
      mountCount: 0,
      cost: size * 0.0001,
      createdAt: Date.now(),
    });
    volumeIds.push(id);
  }
  for (const id of volumeIds) state.volumes.get(id)!.mountCount++;

  const pod: SimPod = {
    id: state.newPodId(),
    name,
    image,
    // PODS_GUIDE: "Docker registry URL (default: Docker Hub)"; the answer example names Docker Hub like this
    imageRegistry:
      typeof input.imageRegistry === 'string' && input.imageRegistry !== '' ? input.imageRegistry : DOCKER_HUB,
    gpuType,
    gpuCount,
    region,
    status: 'INITIALIZING',
    createdAt: Date.now(),
    containerVolumeInGb: Number(input.containerVolumeInGb ?? 50) || 50,
    expose,
    jupyterPassword: typeof jupyter?.value === 'string' ? jupyter.value : undefined,
    publicKey:
      typeof publicKey?.value === 'string' && publicKey.value.trim() !== '' ? publicKey.value.trim() : undefined,
    volumeIds,
    credentialId,
  };
  state.pods.set(pod.id, pod);
  state.setPod(pod, 'INITIALIZING');
  return pod;
}

export function mustPod(state: YottaState, id: string): SimPod {
  const p = state.pod(id);
  if (!p) throw podNotFound(id);
  return p;
}

export function pause(state: YottaState, id: string): void {
  const p = mustPod(state, id);
  if (p.status !== 'RUNNING')
    throw new SimError(200, 12001, `Resource status invalid: pod is ${p.status}, only a RUNNING pod can be paused`);
  state.setPod(p, 'PAUSING');
}

export function resume(state: YottaState, id: string): void {
  const p = mustPod(state, id);
  if (p.status !== 'PAUSED')
    throw new SimError(200, 12001, `Resource status invalid: pod is ${p.status}, only a PAUSED pod can be resumed`);
  if (!state.available(p.gpuType, p.region))
    throw new SimError(200, 10001, `Insufficient resources: ${p.gpuType} is sold out in ${p.region}`);
  state.setPod(p, 'INITIALIZING');
}

export function terminate(state: YottaState, id: string): void {
  const p = mustPod(state, id);
  if (p.status === 'TERMINATING') throw new SimError(200, 12001, 'Resource status invalid: pod is already terminating');
  state.setPod(p, 'TERMINATING');
}

/** statusList carries status codes (spec.ts statusCodes); the spec has refused anything else already. */
function statusFilter(req: SimRequest): (p: SimPod) => boolean {
  const regions = listParam(req, 'regionList');
  const codes = listParam(req, 'statusList').map(Number);
  return (p) =>
    (!regions.length || regions.includes(p.region)) && (!codes.length || codes.includes(statusCode(p.status)));
}

export function installPodRoutes(sim: Simulator, state: YottaState): void {
  const r = sim.router('yotta');
  const w = (h: Parameters<typeof wrap>[2]) => wrap(sim, state, h);
  const op = (h: Parameters<typeof wrap>[2]) => wrap(sim, state, h, { podOp: true });

  // v2
  r.get(
    '/v2/pods',
    w((req) => ok(state.allPods().filter(statusFilter(req)).map(podV2))),
  );
  r.post(
    '/v2/pods',
    op((req) => {
      const b = bodyOf(req);
      const regions = Array.isArray(b.regions) ? b.regions.map(String) : [];
      return ok(podV2(createPod(state, { ...b, regions } as PodInput)));
    }),
  );
  r.get(
    '/v2/pods/:id',
    w((req) => ok(podV2(mustPod(state, req.params.id)))),
  );
  r.delete(
    '/v2/pods/:id',
    op((req) => (terminate(state, req.params.id), ok(true))),
  );
  r.post(
    '/v2/pods/:id/pause',
    op((req) => (pause(state, req.params.id), ok(true))),
  );
  r.post(
    '/v2/pods/:id/resume',
    op((req) => (resume(state, req.params.id), ok(true))),
  );

  // v1: same state, older names and integer statuses; no delete (the v1 reference lists none)
  r.get(
    '/openapi/v1/pods/list',
    w((req) => ok(state.allPods().filter(statusFilter(req)).map(podV1))),
  );
  r.post(
    '/openapi/v1/pods/create',
    op((req) => {
      const b = bodyOf(req);
      const pod = createPod(state, {
        ...b,
        name: b.podName,
        regions: typeof b.region === 'string' ? [b.region] : [],
      } as PodInput);
      return ok(podV1(pod).id);
    }),
  );
  r.post(
    '/openapi/v1/pods/pause/:id',
    op((req) => (pause(state, req.params.id), ok(true))),
  );
  r.post(
    '/openapi/v1/pods/resume/:id',
    op((req) => (resume(state, req.params.id), ok(true))),
  );
  r.get(
    '/openapi/v1/pods/:id',
    w((req) => ok(podV1(mustPod(state, req.params.id)))),
  );
}
