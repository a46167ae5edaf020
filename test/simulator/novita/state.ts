import type { SimRequest, SimResponse, Simulator } from '../server';
import {
  type SimCluster,
  type SimInstance,
  type SimJob,
  type SimRegistryAuth,
  type SimProduct,
  type SimStorage,
  type SimTemplate,
  seedClusters,
  seedProducts,
  seedStorages,
  seedTemplates,
} from './data';
import { idleGpus } from '../gpu';

/** Novita's error body: an UPPER_SNAKE reason, a sentence, the HTTP status repeated as `code`. */
export function novitaError(status: number, reason: string, message: string): SimResponse {
  return { status, body: { code: status, reason, message, metadata: {} } };
}

export const bad = (reason: string, message: string) => novitaError(400, reason, message);

/** State-machine delays (ms, before `timeScale`). */
export const DELAYS = { step: 200, work: 400, pull: 800, purge: 1000 };

/** Everything the simulated account holds; control and routes share it. */
export class NovitaState {
  products: SimProduct[] = seedProducts();
  clusters: SimCluster[] = seedClusters();
  storages: SimStorage[] = seedStorages();
  templates: SimTemplate[] = seedTemplates();
  instances = new Map<string, SimInstance>();
  registryAuths: SimRegistryAuth[] = [];
  jobs: SimJob[] = [];
  /** Why the next save-image jobs fail (in order), instead of succeeding. */
  saveFailures: string[] = [];
  /** Errors the next creates answer with, in order. */
  createFailures: SimResponse[] = [];
  /** Bodies of every create request, in order (tests check what the cloud received). */
  createBodies: unknown[] = [];
  /** The largest page the server hands out, whatever pageSize asks (a real server may cap lower). */
  pageCap = 100;
  private timers = new Set<NodeJS.Timeout>();
  private counter = 0;

  constructor(readonly sim: Simulator) {}

  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.products = seedProducts();
    this.clusters = seedClusters();
    this.storages = seedStorages();
    this.templates = seedTemplates();
    this.instances.clear();
    this.registryAuths = [];
    this.jobs = [];
    this.saveFailures = [];
    this.createFailures = [];
    this.createBodies = [];
    this.pageCap = 100;
    this.counter = 0;
  }

  nextId(prefix = ''): string {
    this.counter++;
    return `${prefix}${(0x5f3a1c00 + this.counter).toString(16)}${String(this.counter).padStart(8, '0')}`;
  }

  /** Runs `act` after `ms` (scaled), unless the state was reset meanwhile. */
  later(ms: number, act: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      act();
    }, this.sim.delay(ms));
    this.timers.add(t);
  }

  /** Runs `steps` one after another, each after its delay, unless a newer action took over. */
  progress(inst: SimInstance, steps: Array<[number, () => void]>): void {
    const gen = ++inst.generation;
    const run = (i: number) => {
      if (i >= steps.length) return;
      const [ms, act] = steps[i];
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (inst.generation !== gen || !this.instances.has(inst.id)) return;
        act();
        run(i + 1);
      }, this.sim.delay(ms));
      this.timers.add(t);
    };
    run(0);
  }

  /** The pod answers: SSH and Jupyter addresses come from the backend (fake or real). */
  bringUp(inst: SimInstance): void {
    inst.status = 'running';
    inst.statusError = undefined;
    const t = this.sim.backend.ssh('password', inst.id);
    inst.ssh = { host: t.host, port: t.port, user: t.user, password: t.password };
    this.sim.gpu.ensure('novita', inst.id, idleGpus(inst.gpuNum, inst.productName));
    inst.jupyterTarget = inst.jupyter ? this.sim.backend.jupyter(inst.id) : undefined;
  }

  /** Authorization: Bearer <key>; anything else is Novita's 401. */
  authError(req: SimRequest): SimResponse | undefined {
    const header = req.headers['authorization'];
    const value = Array.isArray(header) ? header[0] : header;
    const m = value ? /^Bearer\s+(.+)$/i.exec(value) : null;
    if (!m || !this.sim.isKeyValid(m[1])) return novitaError(401, 'UNAUTHORIZED', 'invalid api key');
    return undefined;
  }

  product(id: string): SimProduct | undefined {
    return this.products.find((p) => p.id === id);
  }

  cluster(id: string): SimCluster | undefined {
    return this.clusters.find((c) => c.id === id);
  }

  storageInUse(id: string): boolean {
    return [...this.instances.values()].some(
      (i) => i.status !== 'removed' && i.networkStorages.some((s) => s.id === id),
    );
  }
}

/** Page a list: 1-based page number (0 reads as 1), sizes capped at `cap`. */
export function page<T>(items: T[], query: URLSearchParams, numKey: string, cap = 100): T[] {
  const size = Math.min(cap, Math.max(1, Number(query.get('pageSize')) || 10));
  const num = Math.max(1, Number(query.get(numKey)) || 1);
  return items.slice((num - 1) * size, num * size);
}

/** `overrides` merged into an answer; a `null` override leaves the field out (every field is optional). */
export function withOverrides(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...base, ...overrides };
  for (const [k, v] of Object.entries(overrides)) if (v === null) delete out[k];
  return out;
}

export function bodyOf(req: SimRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};
}
