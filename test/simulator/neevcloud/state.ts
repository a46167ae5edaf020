import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse, Simulator } from '../server';
import { neevErrorBody } from './spec';
import {
  availabilityWord,
  NEEV_SIM_ORG,
  NEEV_SIM_PROJECT,
  planIdFor,
  seedInventory,
  seedPlans,
  seedTemplates,
  type SimAlert,
  type SimInventoryItem,
  type SimRuntime,
  type SimTemplate,
} from './data';
import { idleGpus } from '../gpu';

/** NeevCloud's error body: `{"code":"unauthorized","message":"missing authorization header"}` (see spec.ts). */
export function neevError(status: number, code: string, message: string): SimResponse {
  return { status, body: neevErrorBody(code, message) };
}

export const bad = (message: string) => neevError(400, 'invalid_argument', message);

export function bodyOf(req: SimRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body)
    ? (req.body as Record<string, unknown>)
    : {};
}

/** Every NeevCloud route answers 401 in the cloud's own shape before anything else. */
export function checkAuth(sim: Simulator, req: SimRequest): SimResponse | undefined {
  const header = req.headers['authorization'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^Bearer\s+\S/i.test(value)) return neevError(401, 'unauthorized', 'missing authorization header');
  const token = value.replace(/^Bearer\s+/i, '').trim();
  if (token.startsWith('sk-nc-')) return neevError(401, 'unauthorized', 'inference keys cannot be used for this API');
  if (!sim.isKeyValid(token)) return neevError(401, 'unauthorized', 'invalid or expired token');
  return undefined;
}

export interface Delays {
  provisionMs: number;
  deleteMs: number;
}

/** In-memory state; lifecycle steps are computed from timestamps on every read (no timers to clean up). */
export class NeevState {
  inventory: SimInventoryItem[] = [];
  templates: SimTemplate[] = [];
  /** Plan id → the GPU model it covers. */
  plans = new Map<string, string>();
  runtimes: SimRuntime[] = [];
  alerts: SimAlert[] = [];
  projects = new Set<string>();
  delays: Delays = { provisionMs: 3000, deleteMs: 2000 };
  failCreate?: { status: number; body: unknown };
  nextWithoutEndpoints = false;
  readonly createBodies: unknown[] = [];
  private alertSeq = 0;

  constructor(private readonly sim: Simulator) {
    this.reset();
  }

  reset(): void {
    this.inventory = seedInventory();
    this.templates = seedTemplates();
    this.plans = seedPlans(this.inventory);
    this.runtimes = [];
    this.alerts = [];
    this.projects = new Set([`${NEEV_SIM_ORG}/${NEEV_SIM_PROJECT}`]);
    this.delays = { provisionMs: 3000, deleteMs: 2000 };
    this.failCreate = undefined;
    this.nextWithoutEndpoints = false;
    this.createBodies.length = 0;
    this.alertSeq = 0;
  }

  hasProject(org: string, project: string): boolean {
    return this.projects.has(`${org}/${project}`);
  }

  item(configId: string, region: string): SimInventoryItem | undefined {
    return this.inventory.find(
      (i) => i.config_id === configId && i.region === region && i.instance_type === 'airuntime',
    );
  }

  template(id: string): SimTemplate | undefined {
    return this.templates.find((t) => t.id === id);
  }

  /** Free GPUs change: the availability word follows, and pending alerts fire when stock comes back. */
  setFree(item: SimInventoryItem, free: number): void {
    item.available_gpu_count = Math.max(0, Math.min(free, item.total_gpu_count));
    item.availability = availabilityWord(item.available_gpu_count);
    if (item.available_gpu_count > 0) {
      for (const a of this.alerts) {
        if (a.status === 'pending' && a.config_id === item.config_id && a.region_id === item.region)
          a.status = 'notified';
      }
    }
  }

  addAlert(regionId: string, configId: string): SimAlert {
    const alert: SimAlert = {
      id: `ntf-${++this.alertSeq}`,
      region_id: regionId,
      config_id: configId,
      status: 'pending',
      created_at: new Date().toISOString(),
    };
    this.alerts.push(alert);
    return alert;
  }

  addRuntime(input: Partial<SimRuntime> & { name: string; org?: string; project?: string }): SimRuntime {
    const now = Date.now();
    const rt: SimRuntime = {
      id: input.id ?? randomUUID(),
      org: input.org ?? NEEV_SIM_ORG,
      project: input.project ?? NEEV_SIM_PROJECT,
      name: input.name,
      region: input.region ?? 'as-south-1',
      configId: input.configId ?? 'gpu-h100-80g-20cpu-125g',
      gpuCount: input.gpuCount ?? 1,
      templateId: input.templateId ?? 'tpl-jupyterlab-pytorch',
      planId:
        input.planId ??
        planIdFor(
          this.inventory.find((i) => i.config_id === (input.configId ?? 'gpu-h100-80g-20cpu-125g'))?.gpu_model ??
            'H100',
        ),
      sshKeys: input.sshKeys ?? [],
      status: input.status ?? 'Provisioning',
      statusMessage: input.statusMessage,
      createdAt: input.createdAt ?? now,
      withoutEndpoints: input.withoutEndpoints ?? false,
      metrics: input.metrics ?? { cpu: 12.5, ram: 34 },
      patch: input.patch ?? {},
    };
    if (rt.status === 'Provisioning') rt.readyAt = input.readyAt ?? now + this.sim.delay(this.delays.provisionMs);
    if (rt.status === 'Running') this.comeUp(rt);
    this.runtimes.push(rt);
    return rt;
  }

  /** Running: keys given at create may log in, and the backend says where SSH/Jupyter answer. */
  private comeUp(rt: SimRuntime): void {
    rt.status = 'Running';
    rt.readyAt = undefined;
    for (const key of rt.sshKeys) this.sim.backend.authorizeKey(key);
    const ssh = this.sim.backend.ssh('key', rt.id);
    rt.ssh = { host: ssh.host, port: ssh.port, user: ssh.user };
    this.sim.gpu.ensure(
      'neevcloud',
      rt.id,
      idleGpus(rt.gpuCount, this.item(rt.configId, rt.region)?.gpu_model ?? rt.configId),
    );
    if (this.template(rt.templateId)?.templateSpec.jupyter) rt.jupyter = this.sim.backend.jupyter(rt.id);
  }

  startDelete(rt: SimRuntime): void {
    if (rt.status === 'Deleting') return;
    rt.status = 'Deleting';
    rt.readyAt = undefined;
    rt.goneAt = Date.now() + this.sim.delay(this.delays.deleteMs);
  }

  /** Advance every runtime whose next step is due. */
  tick(now = Date.now()): void {
    for (const rt of this.runtimes) {
      if (rt.status === 'Provisioning' && rt.readyAt !== undefined && now >= rt.readyAt) this.comeUp(rt);
    }
    const gone = this.runtimes.filter((rt) => rt.status === 'Deleting' && rt.goneAt !== undefined && now >= rt.goneAt);
    for (const rt of gone) {
      const item = this.item(rt.configId, rt.region);
      if (item) this.setFree(item, item.available_gpu_count + rt.gpuCount);
    }
    this.runtimes = this.runtimes.filter((rt) => !gone.includes(rt));
  }

  /** The runtime as list and get answer it: only the fields spec.ts writes down (RUNTIME). */
  runtimeJson(rt: SimRuntime): Record<string, unknown> {
    const item = this.item(rt.configId, rt.region);
    const json: Record<string, unknown> = {
      id: rt.id,
      name: rt.name,
      region: rt.region,
      project: rt.project,
      status: rt.status,
      ...(rt.statusMessage ? { statusMessage: rt.statusMessage } : {}),
      templateID: rt.templateId,
      planId: rt.planId,
      gpuCount: rt.gpuCount,
      gpuConfig: item
        ? {
            config_id: item.config_id,
            gpu_model: item.gpu_model,
            gpu_vendor: item.gpu_vendor,
            vram_gib: item.vram_gib,
            price_per_gpu_per_hour: item.price_per_gpu_per_hour,
          }
        : { config_id: rt.configId },
      createdAt: new Date(rt.createdAt).toISOString(),
    };
    if (rt.status === 'Running' && !rt.withoutEndpoints) {
      const endpoints: Record<string, unknown> = {};
      if (rt.ssh) endpoints.ssh = { host: rt.ssh.host, port: rt.ssh.port, username: rt.ssh.user };
      if (rt.jupyter) endpoints.jupyter = `${rt.jupyter.baseUrl}?token=${encodeURIComponent(rt.jupyter.token)}`;
      json.endpoints = endpoints;
    }
    for (const [k, v] of Object.entries(rt.patch)) {
      if (v === undefined) delete json[k];
      else json[k] = v;
    }
    return json;
  }
}
