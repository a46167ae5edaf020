import { idleGpus } from '../gpu';
import type { Handler, SimRequest, SimResponse, Simulator } from '../server';
import {
  NEEV_SIM_ORG,
  NEEV_SIM_PROJECT,
  paginate,
  type SimAlert,
  type SimInventoryItem,
  type SimRuntime,
} from './data';
import { neevCloudSpec } from './spec';
import { bad, bodyOf, checkAuth, NeevState, neevError, type Delays } from './state';

export type { SimAlert, SimInventoryItem, SimRuntime } from './data';

export interface SeedRuntime {
  name: string;
  id?: string;
  region?: string;
  configId?: string;
  gpuCount?: number;
  templateId?: string;
  planId?: string;
  /** 'Running' (default) comes up at once; 'Provisioning' turns Running after the provision delay. */
  status?: string;
  statusMessage?: string;
  sshKeys?: string[];
  withoutEndpoints?: boolean;
  org?: string;
  project?: string;
}

/** What tests steer the simulated NeevCloud with. */
export interface NeevCloudSimControl {
  /** The org and project the simulator knows from the start; others answer 404 until added. */
  readonly orgId: string;
  readonly projectId: string;
  readonly state: NeevState;
  addProject(orgId: string, projectId: string): void;
  /** A runtime (Running unless told); returns its id. Does not take GPUs from the inventory. */
  seedRuntime(seed: SeedRuntime): string;
  runtime(id: string): SimRuntime | undefined;
  /** Force a raw status word, known or not ("Failed", "Hibernating" …). */
  setStatus(id: string, status: string, statusMessage?: string): void;
  /** Free GPUs of a config in a region; pending availability alerts fire when it goes above 0. */
  setAvailability(configId: string, region: string, availableGpuCount: number): void;
  /** The runtime answers without SSH/Jupyter fields (the UI must say "not reachable yet"). */
  withoutEndpoints(id: string, hidden?: boolean): void;
  /** The next created runtime comes up Running but without SSH/Jupyter fields. */
  nextCreateWithoutEndpoints(): void;
  /** The next create answers this error instead of creating (500 internal by default). */
  failNextCreate(status?: number, body?: { code: string; message: string }): void;
  /** CPU/RAM percent; `gpu` sets every GPU's utilisation in the pod's GPU readings (sim.gpu). */
  setMetrics(id: string, metrics: Partial<SimRuntime['metrics'] & { gpu: number }>): void;
  /** Raw JSON overrides of a runtime's answers; a key set to undefined is removed (missing-field tests). */
  patchRuntime(id: string, patch: Record<string, unknown>): void;
  setDelays(delays: Partial<Delays>): void;
  alerts(): readonly SimAlert[];
  /** Bodies of every create request, in order. */
  readonly createBodies: readonly unknown[];
}

export function installNeevCloud(sim: Simulator): NeevCloudSimControl {
  const s = new NeevState(sim);
  sim.onReset(() => s.reset());
  // Requests NeevCloud's published API does not allow are refused before any route runs.
  sim.useSpec(neevCloudSpec);
  const r = sim.router('neevcloud');
  /** Auth first, then the lifecycle clock, then the route. */
  const guard =
    (h: Handler): Handler =>
    (req) =>
      checkAuth(sim, req) ?? (s.tick(), h(req));
  const RT = '/gpu/api/v1beta1/orgs/:org/projects/:project/airuntimes';
  const INV = '/inventory/api/v1beta1/inventory';

  /** Runtime routes need a project the account has; otherwise the cloud's 404. */
  const scoped =
    (h: (req: SimRequest) => SimResponse | Promise<SimResponse>): Handler =>
    (req) =>
      s.hasProject(req.params.org, req.params.project) ? h(req) : neevError(404, 'not_found', 'project not found');
  const find = (req: SimRequest) =>
    s.runtimes.find((x) => x.id === req.params.id && x.org === req.params.org && x.project === req.params.project);
  const notFound = () => neevError(404, 'not_found', 'airuntime not found');

  // Inventory ---------------------------------------------------------------------------------------
  r.get(
    INV,
    guard((req) => {
      const q = req.query;
      const num = (k: string) => (q.get(k) ? Number(q.get(k)) : 0);
      const type = q.get('type');
      if (type && type !== 'GPU') return bad('type must be GPU');
      const items = s.inventory.filter(
        (i) =>
          (!q.get('region') || i.region === q.get('region')) &&
          (!q.get('gpu_model') || i.gpu_model === q.get('gpu_model')) &&
          (!q.get('gpu_vendor') || i.gpu_vendor.toLowerCase() === q.get('gpu_vendor')!.toLowerCase()) &&
          (!num('vram_min') || i.vram_gib >= num('vram_min')) &&
          (!num('vram_max') || i.vram_gib <= num('vram_max')),
      );
      const p = paginate(items, q);
      return p.error ? bad(p.error) : { body: p.body };
    }),
  );
  r.get(
    `${INV}/gpuconfig`,
    guard((req) => {
      const id = req.query.get('config_id');
      if (!id) return bad('config_id is required');
      const items = s.inventory.filter((i) => i.config_id === id);
      if (items.length === 0) return neevError(404, 'not_found', 'gpu config not found');
      const { region: _r, available_gpu_count: _a, total_gpu_count: _t, availability: _w, ...config } = items[0];
      return { body: { data: { ...config, regions: items.map((i) => i.region) } } };
    }),
  );
  r.get(
    `${INV}/gpu/notify-availability`,
    guard((req) => {
      const status = req.query.get('status');
      return { body: s.alerts.filter((a) => !status || a.status === status) };
    }),
  );
  r.post(
    `${INV}/gpu/notify-availability`,
    guard((req) => {
      const b = bodyOf(req);
      if (typeof b.region_id !== 'string' || !b.region_id) return bad('region_id is required');
      if (typeof b.config_id !== 'string' || !b.config_id) return bad('config_id is required');
      // A config or region it does not know is a refused argument (the documented 400 invalid_argument).
      if (!s.item(b.config_id, b.region_id)) return bad('gpu config not offered in this region');
      // A second registration is not documented; the simulator answers 409 already_exists (decision).
      if (s.alerts.some((a) => a.status === 'pending' && a.config_id === b.config_id && a.region_id === b.region_id)) {
        return neevError(409, 'already_exists', 'a notification for this GPU and region is already registered');
      }
      s.addAlert(b.region_id, b.config_id);
      // Documented as "No content".
      return { status: 201 };
    }),
  );

  // Templates ---------------------------------------------------------------------------------------
  r.get(
    '/gpu/api/v1beta1/airuntime-templates',
    // No paging parameter is documented: the whole catalogue in one answer.
    guard(() => ({
      body: {
        data: s.templates,
        pagination: {
          current_page: 1,
          total_pages: 1,
          total_items: s.templates.length,
          items_per_page: s.templates.length,
        },
      },
    })),
  );
  r.get(
    '/gpu/api/v1beta1/airuntime-templates/:tid',
    guard((req) => {
      if (!/^tpl-[a-zA-Z0-9-]+$/.test(req.params.tid)) return bad('template_id must match ^tpl-[a-zA-Z0-9-]+$');
      const t = s.template(req.params.tid);
      return t ? { body: t } : neevError(404, 'not_found', 'template not found');
    }),
  );

  // Runtimes ----------------------------------------------------------------------------------------
  r.get(
    RT,
    guard(
      scoped((req) => {
        const mine = s.runtimes.filter((x) => x.org === req.params.org && x.project === req.params.project);
        const p = paginate(mine, req.query);
        if (p.error) return bad(p.error);
        const body = p.body as { data: SimRuntime[] };
        return { body: { ...body, data: body.data.map((x) => s.runtimeJson(x)) } };
      }),
    ),
  );
  r.post(RT, guard(scoped((req) => create(req))));
  r.get(
    `${RT}/:id`,
    guard(
      scoped((req) => {
        const rt = find(req);
        return rt ? { body: s.runtimeJson(rt) } : notFound();
      }),
    ),
  );
  r.delete(
    `${RT}/:id`,
    guard(
      scoped((req) => {
        const rt = find(req);
        if (!rt) return notFound();
        s.startDelete(rt);
        // Documented as "No content".
        return { status: 204 };
      }),
    ),
  );
  r.get(
    `${RT}/:id/metrics`,
    guard(
      scoped((req) => {
        const rt = find(req);
        if (!rt) return notFound();
        if (rt.status !== 'Running')
          return neevError(409, 'failed_precondition', 'metrics are available once the runtime is Running');
        const m = rt.metrics;
        // Platform-side monitoring: an unreachable pod still reports; a pod whose driver is gone reports no GPU.
        const readings = sim.gpu.get('neevcloud', rt.id);
        const gpus = (readings?.kind === 'smi-fails' ? [] : (readings?.gpus ?? [])).map((g, index) => ({
          index,
          ...(g.utilizationPct === null ? {} : { utilization: g.utilizationPct }),
          ...(g.memoryUsedMiB === null || !g.memoryTotalMiB
            ? {}
            : { memory_utilization: Math.round((g.memoryUsedMiB / g.memoryTotalMiB) * 1000) / 10 }),
        }));
        const known = gpus.map((g) => g.utilization).filter((u): u is number => u !== undefined);
        return {
          body: {
            data: {
              cpu_utilization: m.cpu,
              ram_utilization: m.ram,
              ...(known.length
                ? { gpu_utilization: Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 }
                : {}),
              gpus,
              collected_at: new Date().toISOString(),
            },
          },
        };
      }),
    ),
  );

  function create(req: SimRequest): SimResponse {
    const b = bodyOf(req);
    s.createBodies.push(req.body);
    if (s.failCreate) {
      const f = s.failCreate;
      s.failCreate = undefined;
      return { status: f.status, body: f.body };
    }
    if (typeof b.name !== 'string' || !b.name.trim()) return bad('name is required');
    if (typeof b.region !== 'string') return bad('region is required');
    const planModel = typeof b.planId === 'string' ? s.plans.get(b.planId) : undefined;
    if (!planModel) return bad(`plan ${String(b.planId)} is not available to this account`);
    // Without gpuConfigID the plan alone names the GPU (the CLI's README example sends none).
    const configId =
      typeof b.gpuConfigID === 'string'
        ? b.gpuConfigID
        : s.inventory.find((i) => i.region === b.region && i.gpu_model === planModel)?.config_id;
    if (typeof b.templateID !== 'string' || !s.template(b.templateID))
      return bad(`template ${String(b.templateID)} not found`);
    const item = configId ? s.item(configId, b.region) : undefined;
    if (!item) return bad(`gpu config ${String(configId ?? planModel)} is not offered in region ${b.region}`);
    if (planModel !== item.gpu_model) return bad(`plan ${String(b.planId)} does not cover ${item.gpu_model} GPUs`);
    const count = b.gpuCount;
    if (
      typeof count !== 'number' ||
      !Number.isInteger(count) ||
      count < item.min_gpu_count ||
      count > item.max_gpu_count
    ) {
      return bad(`gpuCount must be between ${item.min_gpu_count} and ${item.max_gpu_count}`);
    }
    const keys = b.sshKeys ?? [];
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))
      return bad('sshKeys must be a list of public keys');
    if (item.available_gpu_count < count)
      return neevError(409, 'insufficient_capacity', `not enough ${item.gpu_model} GPUs available in ${item.region}`);
    s.setFree(item, item.available_gpu_count - count);
    const rt = s.addRuntime({
      org: req.params.org,
      project: req.params.project,
      name: b.name,
      region: b.region,
      configId: item.config_id,
      gpuCount: count,
      templateId: b.templateID,
      planId: b.planId as string,
      sshKeys: keys as string[],
      withoutEndpoints: s.nextWithoutEndpoints,
    });
    s.nextWithoutEndpoints = false;
    return { status: 201, body: s.runtimeJson(rt) };
  }

  const must = (id: string): SimRuntime => {
    const rt = s.runtimes.find((x) => x.id === id);
    if (!rt) throw new Error(`no simulated NeevCloud runtime ${id}`);
    return rt;
  };
  const items = (configId: string, region: string): SimInventoryItem[] =>
    s.inventory.filter((i) => i.config_id === configId && i.region === region);

  return {
    orgId: NEEV_SIM_ORG,
    projectId: NEEV_SIM_PROJECT,
    state: s,
    createBodies: s.createBodies,
    addProject: (org, project) => void s.projects.add(`${org}/${project}`),
    seedRuntime: (seed) => s.addRuntime({ ...seed, status: seed.status ?? 'Running' }).id,
    runtime: (id) => (s.tick(), s.runtimes.find((x) => x.id === id)),
    setStatus: (id, status, statusMessage) => {
      const rt = must(id);
      rt.status = status;
      rt.statusMessage = statusMessage;
      rt.readyAt = undefined;
    },
    setAvailability: (configId, region, free) => {
      const found = items(configId, region);
      if (found.length === 0) throw new Error(`no simulated NeevCloud inventory item ${configId} in ${region}`);
      for (const i of found) {
        i.total_gpu_count = Math.max(i.total_gpu_count, free);
        s.setFree(i, free);
      }
    },
    withoutEndpoints: (id, hidden = true) => void (must(id).withoutEndpoints = hidden),
    nextCreateWithoutEndpoints: () => void (s.nextWithoutEndpoints = true),
    failNextCreate: (status = 500, body = { code: 'internal', message: 'internal error, please retry later' }) =>
      void (s.failCreate = { status, body }),
    setMetrics: (id, { gpu, ...m }) => {
      const rt = must(id);
      Object.assign(rt.metrics, m);
      if (gpu === undefined) return;
      const now = sim.gpu.get('neevcloud', id) ?? { kind: 'gpus' as const, gpus: idleGpus(rt.gpuCount, rt.configId) };
      sim.gpu.set('neevcloud', id, { ...now, gpus: now.gpus.map((g) => ({ ...g, utilizationPct: gpu })) });
    },
    patchRuntime: (id, patch) => void Object.assign(must(id).patch, patch),
    setDelays: (d) => void Object.assign(s.delays, d),
    alerts: () => s.alerts,
  };
}
