import { raw } from '../json';
import type { Handler, SimRequest, SimResponse, Simulator } from '../server';
import { type SimPod, type SimVolume, SimError, type YottaState } from './state';

export const SUCCESS = 10000;

export function ok(data: unknown): SimResponse {
  return { status: 200, body: { message: 'success', code: SUCCESS, data } };
}

/** Ids beyond 2^53 go out as bare JSON numbers, as Yotta sends them. */
export function emitId(id: string): unknown {
  return /^\d+$/.test(id) ? (Number.isSafeInteger(Number(id)) ? Number(id) : raw(id)) : id;
}

/** Auth, the per-key rate limit and envelope errors, around every Yotta route. */
export function wrap(sim: Simulator, state: YottaState, handler: Handler): Handler {
  return async (req: SimRequest) => {
    const key = header(req, 'x-api-key');
    if (!sim.isKeyValid(key)) return { status: 401, body: { message: 'Unauthorized: invalid or missing API key', code: 401, data: null } };
    const wait = state.rateLimit(key!);
    if (wait !== undefined) {
      return { status: 429, headers: { 'retry-after': String(wait) }, body: { message: 'Too many requests', code: 429, data: null } };
    }
    try {
      return await handler(req);
    } catch (e) {
      if (e instanceof SimError) return { status: e.status, headers: e.headers, body: { message: e.message, code: e.code, data: null } };
      throw e;
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
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new SimError(400, 10001, 'Invalid request parameters: body must be an object');
  return b as Record<string, unknown>;
}

export function invalid(message: string): SimError {
  return new SimError(400, 10001, `Invalid request parameters: ${message}`);
}

export function podNotFound(id: string): SimError {
  return new SimError(404, 13000, `Pod not found: ${id}`);
}

export function listParam(req: SimRequest, name: string): string[] {
  return (req.query.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
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
  NVIDIA_RTX_4090_24G: 'RTX 4090', NVIDIA_RTX_5090_32G: 'RTX 5090', NVIDIA_A100_80G: 'A100 80GB',
  NVIDIA_H100_80G: 'H100', NVIDIA_H200_141G: 'H200', NVIDIA_B200_180G: 'B200',
};

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
    region: p.region,
    createdAt: p.createdAt,
    containerVolumeInGb: p.containerVolumeInGb,
    sshCmd: p.status === 'RUNNING' && p.ssh ? `ssh ${p.ssh.user}@${p.ssh.host} -p ${p.ssh.port}` : '',
    expose: exposeOf(p),
    failedReason: p.failedReason ?? null,
  };
}

export const V1_CODES: Record<string, number> = { INITIALIZING: 0, RUNNING: 1, PAUSING: 2, PAUSED: 3, TERMINATING: 4, TERMINATED: 5, FAILED: 6 };

export function podV1(p: SimPod) {
  const { name, status, createdAt, gpuDisplayName: _g, ...rest } = podV2(p);
  return { ...rest, podName: name, status: V1_CODES[status], createdAt: Math.floor(createdAt / 1000) };
}

export function volumeV2(v: SimVolume) {
  return {
    id: emitId(v.id),
    name: v.name,
    sizeInGb: v.sizeInGb ?? null,
    region: v.region ?? null,
    storageType: v.storageType,
    status: v.status,
    vendorVolumeType: v.vendorVolumeType ?? null,
    mountCount: v.mountCount,
    cost: v.cost,
    createdAt: v.createdAt,
  };
}
