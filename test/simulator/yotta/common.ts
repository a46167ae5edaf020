import { raw } from '../json';
import type { Handler, SimRequest, SimResponse, Simulator } from '../server';
import { POD_STATUS_CODES, YOTTA_LIMITS } from './spec';
import { type PodStatusWord, type SimPod, type SimVolume, SimError, type YottaState } from './state';

export const SUCCESS = 10000;

export function ok(data: unknown): SimResponse {
  return { status: 200, body: { message: 'success', code: SUCCESS, data } };
}

/** Ids beyond 2^53 go out as bare JSON numbers, as Yotta sends them. */
export function emitId(id: string): unknown {
  return /^\d+$/.test(id) ? (Number.isSafeInteger(Number(id)) ? Number(id) : raw(id)) : id;
}

/**
 * Auth, the per-key rate limit and envelope errors, around every Yotta route. A pod operation (create, pause,
 * resume, delete) also counts against the documented 5 at once per key (spec.ts YOTTA_LIMITS).
 */
export function wrap(sim: Simulator, state: YottaState, handler: Handler, options: { podOp?: boolean } = {}): Handler {
  return async (req: SimRequest) => {
    const key = header(req, 'x-api-key');
    if (!sim.isKeyValid(key))
      return { status: 401, body: { message: 'Unauthorized: invalid or missing API key', code: 401, data: null } };
    const wait = state.rateLimit(key!);
    if (wait !== undefined) {
      return {
        status: 429,
        headers: { 'retry-after': String(wait) },
        body: { message: 'Too many requests', code: 429, data: null },
      };
    }
    const inFlight = state.podOpsInFlight.get(key!) ?? 0;
    if (options.podOp && inFlight >= YOTTA_LIMITS.concurrentPodOperations) {
      const message = `Too many concurrent pod operations: at most ${YOTTA_LIMITS.concurrentPodOperations} per API key`;
      return { status: 429, headers: { 'retry-after': '1' }, body: { message, code: 429, data: null } };
    }
    if (options.podOp) state.podOpsInFlight.set(key!, inFlight + 1);
    try {
      if (options.podOp && state.delays.podOpMs > 0)
        await new Promise((r) => setTimeout(r, sim.delay(state.delays.podOpMs)));
      return await handler(req);
    } catch (e) {
      if (e instanceof SimError)
        return { status: e.status, headers: e.headers, body: { message: e.message, code: e.code, data: null } };
      throw e;
    } finally {
      if (options.podOp) state.podOpsInFlight.set(key!, (state.podOpsInFlight.get(key!) ?? 1) - 1);
    }
  };
}

function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function bodyOf(req: SimRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined) return {};
  if (typeof b !== 'object' || b === null || Array.isArray(b))
    throw new SimError(400, 10001, 'Invalid request parameters: body must be an object');
  return b as Record<string, unknown>;
}

export function invalid(message: string): SimError {
  return new SimError(400, 10001, `Invalid request parameters: ${message}`);
}

export function podNotFound(id: string): SimError {
  return new SimError(404, 13000, `Pod not found: ${id}`);
}

export function listParam(req: SimRequest, name: string): string[] {
  return (req.query.get(name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function exposeOf(p: SimPod) {
  const running = p.status === 'RUNNING';
  return p.expose.map((e) => {
    const base = { port: e.port, protocol: e.protocol, serviceName: `svc-${p.id.slice(-6)}-${e.port}` };
    if (!running) return { ...base, healthy: false };
    if (e.protocol === 'SSH' && p.ssh) {
      const ingressUrl = `ssh ${p.ssh.user}@${p.ssh.host} -p ${p.ssh.port} -i <private key file>`;
      return { ...base, host: p.ssh.host, proxyPort: p.ssh.port, healthy: true, ingressUrl };
    }
    if (e.port === 8888 && p.jupyterUrl) return { ...base, healthy: true, ingressUrl: p.jupyterUrl };
    return { ...base, host: '127.0.0.1', proxyPort: 40000 + e.port, healthy: true };
  });
}

const DISPLAY: Record<string, string> = {
  NVIDIA_RTX_4090_24G: 'RTX 4090',
  NVIDIA_RTX_5090_32G: 'RTX 5090',
  NVIDIA_A100_80G: 'A100 80GB',
  NVIDIA_H100_80G: 'H100',
  NVIDIA_H200_141G: 'H200',
  NVIDIA_B200_180G: 'B200',
};

/** The documented Pod (spec.ts podV2): no region, failure reason or container size; expose as observed. */
export function podV2(p: SimPod) {
  return {
    id: emitId(p.id),
    name: p.name,
    image: p.image,
    imageRegistry: p.imageRegistry,
    gpuType: p.gpuType,
    gpuDisplayName: DISPLAY[p.gpuType] ?? p.gpuType,
    gpuCount: p.gpuCount,
    status: p.status,
    createdAt: p.createdAt,
    sshCmd: p.status === 'RUNNING' && p.ssh ? `ssh ${p.ssh.user}@${p.ssh.host} -p ${p.ssh.port}` : '',
    expose: exposeOf(p),
  };
}

/** statusList codes (spec.ts POD_STATUS_CODES); INITIALIZING is the v2 word for INITIALIZE. */
export function statusCode(status: PodStatusWord): number {
  return POD_STATUS_CODES[status === 'INITIALIZING' ? 'INITIALIZE' : status];
}

/** v1: the v2 pod under v1 names, integer status, epoch seconds, and its single region (spec.ts podV1). */
export function podV1(p: SimPod) {
  const { name, status, createdAt, gpuDisplayName: _g, ...rest } = podV2(p);
  return {
    ...rest,
    podName: name,
    region: p.region,
    status: statusCode(status),
    createdAt: Math.floor(createdAt / 1000),
  };
}

export function volumeV2(v: SimVolume) {
  return {
    id: emitId(v.id),
    name: v.name,
    // S3/R2 volumes have no size, S3 none region: left out (the spec types them as integer/string)
    sizeInGb: v.sizeInGb,
    region: v.region,
    storageType: v.storageType,
    status: v.status,
    vendorVolumeType: v.vendorVolumeType ?? null,
    mountCount: v.mountCount,
    cost: v.cost,
    createdAt: v.createdAt,
  };
}
