import * as http from 'node:http';
import type { CloudId } from '../../src/core/model';
import type { AddressInfo, Socket } from 'node:net';
import { parseBody, stringify } from './json';
import { FakePodBackend, type PodBackend } from './backend';
import { GpuReadings, parseGpuState } from './gpu';
import { specLedger } from './spec/ledger';
import type { CloudSpec } from './spec/types';
import { matchEndpoint, parseForSpec, validateRequest, validateResponse } from './spec/validate';

/**
 * One loopback HTTP server that speaks every simulated cloud under its own path prefix
 * (`/<cloud id>`, e.g. `/yotta`), so a base URL setting is all the extension changes.
 * Tests steer it through `/__sim/*` or directly through this object: latency, faults per route,
 * revoked keys, and a log of every request.
 */

/** Every registered cloud is simulated (test/simulator/clouds.ts), under its id. */
export type CloudPrefix = CloudId;

export interface SimRequest {
  cloud: CloudPrefix;
  method: string;
  /** Path below the cloud prefix, e.g. `/v2/pods/123`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface SimResponse {
  status?: number;
  /** Serialised with `stringify` (RawNumber aware); a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface Fault {
  cloud?: CloudPrefix;
  method?: string;
  /** Matches the path below the cloud prefix: a RegExp, or a string the path must start with. */
  path?: string | RegExp;
  status?: number;
  /** Body sent with `status` (default: a generic error text). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Extra delay before answering (or before the fault acts). */
  delayMs?: number;
  /**
   * 'malformed': not JSON; 'truncated': half of the real answer; 'drop': close the socket, no answer;
   * 'dropAfter': carry the request out, then close the socket (the cloud did it, the answer was lost);
   * 'replaceAfter': carry the request out, then answer `status` (default 200) and `body` instead of the real
   * answer (a cloud that made the pod and still said "error", e.g. an undocumented business code).
   */
  mode?: 'malformed' | 'truncated' | 'drop' | 'dropAfter' | 'replaceAfter';
  /** How many matching requests it hits; undefined = until cleared. */
  times?: number;
}

export interface LoggedRequest {
  at: number;
  cloud: string;
  method: string;
  path: string;
  query: string;
  status: number;
  /** The auth header's value was present (the value itself is never kept). */
  authenticated: boolean;
  /** The JSON body as the cloud received it (undefined for none or not JSON): what a test checks was sent. */
  body?: unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class CloudRouter {
  readonly routes: Route[] = [];
  constructor(readonly cloud: CloudPrefix) {}

  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      '^' + path.replace(/:([A-Za-z_]+)/g, (_m, name: string) => (names.push(name), '([^/]+)')) + '/?$',
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }
  get(path: string, h: Handler): this {
    return this.on('GET', path, h);
  }
  post(path: string, h: Handler): this {
    return this.on('POST', path, h);
  }
  put(path: string, h: Handler): this {
    return this.on('PUT', path, h);
  }
  patch(path: string, h: Handler): this {
    return this.on('PATCH', path, h);
  }
  delete(path: string, h: Handler): this {
    return this.on('DELETE', path, h);
  }
}

export interface SimulatorOptions {
  /** Base latency added to every answer, in ms. */
  latencyMs?: number;
  /** Scales every state-machine delay (0.1 = ten times faster), for tests. */
  timeScale?: number;
  backend?: PodBackend;
  /** Record spec misses in the process-wide ledger (default true; strictness tests turn it off). */
  ledger?: boolean;
}

export class Simulator {
  readonly requests: LoggedRequest[] = [];
  readonly revokedKeys = new Set<string>();
  latencyMs: number;
  timeScale: number;
  backend: PodBackend;
  /** Every pod's GPU readings: its nvidia-smi and the clouds' metrics answer from them (gpu.ts). */
  readonly gpu = new GpuReadings();
  private readonly routers = new Map<CloudPrefix, CloudRouter>();
  private faults: Fault[] = [];
  private server?: http.Server;
  private readonly resetters: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();
  private readonly specs = new Map<CloudPrefix, CloudSpec>();
  private readonly ledger: boolean;

  constructor(options: SimulatorOptions = {}) {
    this.ledger = options.ledger ?? true;
    this.latencyMs = options.latencyMs ?? 0;
    this.timeScale = options.timeScale ?? 1;
    this.backend = options.backend ?? new FakePodBackend();
    this.gpu.onChange((_cloud, podId, state) => this.backend.showGpus?.(podId, state));
  }

  router(cloud: CloudPrefix): CloudRouter {
    let r = this.routers.get(cloud);
    if (!r) {
      r = new CloudRouter(cloud);
      this.routers.set(cloud, r);
    }
    return r;
  }

  /** The cloud's published API: requests it does not allow are refused as the cloud refuses them. */
  useSpec(spec: CloudSpec): void {
    this.specs.set(spec.cloud, spec);
  }

  spec(cloud: CloudPrefix): CloudSpec | undefined {
    return this.specs.get(cloud);
  }

  /** Cloud modules register how to wipe their state for `reset()`. */
  onReset(fn: () => void): void {
    this.resetters.push(fn);
  }

  /** A state-machine delay, scaled for tests. */
  delay(ms: number): number {
    return Math.max(0, Math.round(ms * this.timeScale));
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  reset(): void {
    this.clearFaults();
    this.requests.length = 0;
    this.revokedKeys.clear();
    this.gpu.clear();
    for (const fn of this.resetters) fn();
  }

  /** Requests logged for a cloud, optionally only those matching method and path prefix. */
  requestsFor(cloud: string, method?: string, pathPrefix?: string): LoggedRequest[] {
    return this.requests.filter(
      (r) => r.cloud === cloud && (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix)),
    );
  }

  isKeyValid(key: string | undefined): boolean {
    return !!key && key.trim() !== '' && !this.revokedKeys.has(key);
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('simulator is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  baseUrl(cloud: CloudPrefix): string {
    return `${this.url}/${cloud}`;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    if (url.pathname.startsWith('/__sim/')) return this.control(req.method ?? 'GET', url, text, res);

    const [, prefix = '', ...rest] = url.pathname.split('/');
    const cloud = prefix as CloudPrefix;
    const path = '/' + rest.join('/');
    const entry: LoggedRequest = {
      at: Date.now(),
      cloud,
      method: req.method ?? 'GET',
      path,
      query: url.search,
      status: 0,
      authenticated: !!(req.headers['authorization'] || req.headers['x-api-key'] || req.headers['gz-api-token']),
      body: receivedBody(text),
    };
    this.requests.push(entry);
    if (this.latencyMs > 0) await wait(this.latencyMs);

    const fault = this.takeFault(cloud, entry.method, path);
    if (fault?.delayMs) await wait(fault.delayMs);
    if (fault?.mode === 'drop') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined && fault.mode !== 'replaceAfter') {
      entry.status = fault.status;
      return this.send(res, fault.status, fault.body ?? { message: 'injected fault' }, fault.headers);
    }
    if (fault?.mode === 'malformed') {
      entry.status = 200;
      return this.send(res, 200, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' });
    }

    let response: SimResponse;
    const router = this.routers.get(cloud);
    const match = router && findRoute(router, entry.method, path);
    const checked = path.startsWith('/__control/')
      ? undefined
      : this.checkSpec(cloud, entry.method, path, url.searchParams, text);
    if (checked?.refusal) {
      response = checked.refusal;
    } else if (!match) {
      response = { status: 404, body: { message: `no route ${entry.method} ${path}` } };
    } else {
      let body: unknown;
      try {
        body = parseBody(text);
      } catch {
        response = { status: 400, body: { message: 'request body is not JSON' } };
        entry.status = 400;
        return this.send(res, 400, response.body);
      }
      try {
        response = await match.route.handler({
          cloud,
          method: entry.method,
          path,
          params: match.params,
          query: url.searchParams,
          headers: req.headers,
          body,
        });
      } catch (e) {
        response = { status: 500, body: { message: `simulator error: ${(e as Error).message}` } };
      }
    }
    entry.status = response.status ?? 200;
    if (checked?.endpoint && entry.status >= 200 && entry.status < 300) {
      const bad = validateResponse(checked.endpoint, response.body);
      if (bad.length) {
        // The simulator answered something the cloud does not document: a simulator bug, made loud.
        if (this.ledger) specLedger.badAnswers.push({ cloud, method: entry.method, path, violations: bad });
        response = {
          status: 500,
          body: { message: `simulator answer breaks the ${cloud} spec: ${bad.map((v) => v.message).join('; ')}` },
        };
        entry.status = 500;
      }
    }
    if (fault?.mode === 'dropAfter') {
      req.socket.destroy();
      return;
    }
    if (fault?.mode === 'replaceAfter') {
      entry.status = fault.status ?? 200;
      return this.send(res, entry.status, fault.body ?? { message: 'injected fault' }, fault.headers);
    }
    if (fault?.mode === 'truncated') {
      const full = typeof response.body === 'string' ? response.body : stringify(response.body);
      return this.send(res, entry.status, full.slice(0, Math.floor(full.length / 2)), response.headers);
    }
    this.send(res, entry.status, response.body, response.headers);
  }

  /** Matches the request against the cloud's spec; a request the cloud would refuse gets the cloud's refusal. */
  private checkSpec(cloud: CloudPrefix, method: string, path: string, query: URLSearchParams, text: string) {
    const spec = this.specs.get(cloud);
    if (!spec) {
      if (this.ledger && this.routers.has(cloud)) specLedger.unspecified.push({ cloud, method, path });
      return undefined;
    }
    const endpoint = matchEndpoint(spec, method, path);
    let body: unknown;
    try {
      body = parseForSpec(text);
    } catch {
      body = undefined; // the route answers malformed JSON itself
    }
    const violations = endpoint
      ? validateRequest(endpoint, query, body)
      : [
          {
            where: 'endpoint' as const,
            at: `${method} ${path}`,
            problem: 'undocumented' as const,
            message: `${method} ${path} is not a documented ${cloud} endpoint`,
          },
        ];
    if (endpoint && this.ledger)
      specLedger.hits.set(`${cloud} ${endpoint.id}`, (specLedger.hits.get(`${cloud} ${endpoint.id}`) ?? 0) + 1);
    if (violations.length === 0) return { endpoint };
    if (this.ledger) specLedger.misses.push({ cloud, method, path, violations });
    return { endpoint, refusal: spec.refuse(violations, endpoint) };
  }

  private takeFault(cloud: string, method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.cloud || f.cloud === cloud) &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path))),
    );
    if (i < 0) return undefined;
    const fault = this.faults[i];
    if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(i, 1);
    return fault;
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
    const text = body === undefined ? '' : typeof body === 'string' ? body : stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }

  /** The control API, for tests that run in another process (the VS Code extension host). */
  private control(method: string, url: URL, text: string, res: http.ServerResponse): void {
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const ok = (b: unknown = { ok: true }) => this.send(res, 200, b);
    switch (`${method} ${url.pathname}`) {
      case 'GET /__sim/requests':
        return ok(this.requests);
      case 'POST /__sim/reset':
        this.reset();
        return ok();
      case 'POST /__sim/fault': {
        const f = body as Fault & { pathRegex?: string };
        this.addFault({ ...f, path: f.pathRegex ? new RegExp(f.pathRegex) : f.path });
        return ok();
      }
      case 'POST /__sim/clear-faults':
        this.clearFaults();
        return ok();
      case 'POST /__sim/latency':
        this.latencyMs = Number(body.ms ?? 0);
        return ok();
      case 'POST /__sim/revoke':
        this.revokedKeys.add(String(body.key));
        return ok();
      case 'POST /__sim/gpu': {
        // {cloud, podId, kind?: 'gpus' | 'unreachable' | 'smi-fails', gpus: [{name, utilizationPct, memoryUsedMiB, memoryTotalMiB}]}
        const state = parseGpuState(body);
        if (typeof state === 'string' || !this.routers.has(body.cloud as CloudPrefix) || !body.podId)
          return this.send(res, 400, { message: typeof state === 'string' ? state : 'cloud and podId are required' });
        this.gpu.set(body.cloud as CloudPrefix, String(body.podId), state);
        return ok();
      }
      default:
        return this.send(res, 404, { message: 'unknown control route' });
    }
  }
}

function findRoute(router: CloudRouter, method: string, path: string) {
  for (const route of router.routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
    return { route, params };
  }
  return undefined;
}

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The body as received, for the request log; anything but JSON is left out. */
function receivedBody(text: string): unknown {
  try {
    return parseBody(text);
  } catch {
    return undefined;
  }
}
