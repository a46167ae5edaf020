import type { SimRequest, SimResponse, Simulator } from '../server';
import { GPUGEEK_ERRORS, gpuGeekError, gpuGeekSpec, traceId } from './spec';
import {
  cnTime,
  DEFAULT_DATACENTERS,
  DEFAULT_GPUS,
  DEFAULT_IMAGES,
  GIB,
  instanceJson,
  jsonId,
  newInstance,
  opJson,
  quote,
  type SimAction,
  type SimInstance,
  type SimOperation,
} from './state';
import { idleGpus } from '../gpu';

export type { SimAction, SimInstance, SimOperation } from './state';

const P = '/api/v1/openapi';
const FIRST_BIG_ID = 362740422811062272n; // beyond 2^53: sent as a bare number
const FIRST_SMALL_ID = 512300905672709;
const FIRST_OP_ID = 512303116840965;
const DEFAULT_PAGE_CAP = 100;

type Outcome = { action?: SimAction; kind: 'fail' | 'hang' };

/** What tests steer the simulated GPUGeek with. */
export interface GpuGeekSimControl {
  readonly instances: Map<string, SimInstance>;
  readonly operations: Map<string, SimOperation>;
  gpus: string[];
  datacenters: Array<{ name: string; dcId: string; region: string }>;
  images: Array<{ type: string; name: string; imageId: string }>;
  /** Unscaled state-machine delays (scaled by sim.delay). */
  timings: { createMs: number; actionMs: number };
  /** New instance ids beyond 2^53 (default) or ordinary ones. */
  bigIds: boolean;
  /** How operation ids are written: alternating number/string (default), or always one. */
  opIdStyle: 'alternate' | 'number' | 'string';
  /**
   * The most instances one page holds, whatever `ps` asks for (the doc states a default of 20 and no maximum,
   * so a server may well cap it below the client's page size).
   */
  pageCap: number;
  /** Dry runs and real creates received. */
  readonly counts: { dryRuns: number; creates: number };
  seed(fields?: Partial<SimInstance>): SimInstance;
  /** The next operation (optionally of that action) ends with status 3; the instance stays as it was. */
  failNextOperation(action?: SimAction): void;
  /** The next operation never completes; its instance stays isPending. */
  hangNextOperation(action?: SimAction): void;
  /** The next action request is refused with 10135 and this reason. */
  rejectNextAction(reason: string, action?: SimAction): void;
  /** Ends a hung operation by hand. */
  finishOperation(operationId: string, success?: boolean): void;
  setSoldOut(gpuName: string, soldOut?: boolean): void;
}

export function installGpuGeek(sim: Simulator): GpuGeekSimControl {
  const timers = new Set<NodeJS.Timeout>();
  /** What each running operation does to its instance on success. */
  const appliers = new Map<string, () => void>();
  const outcomes: Outcome[] = [];
  const rejections: Array<{ action?: SimAction; reason: string }> = [];
  const soldOut = new Set<string>();
  let nextBig = FIRST_BIG_ID;
  let nextSmall = FIRST_SMALL_ID;
  let nextOp = FIRST_OP_ID;

  const control: GpuGeekSimControl = {
    instances: new Map(),
    operations: new Map(),
    gpus: [...DEFAULT_GPUS],
    datacenters: DEFAULT_DATACENTERS.map((d) => ({ ...d })),
    images: DEFAULT_IMAGES.map((i) => ({ ...i })),
    timings: { createMs: 3000, actionMs: 2000 },
    bigIds: true,
    opIdStyle: 'alternate',
    pageCap: DEFAULT_PAGE_CAP,
    counts: { dryRuns: 0, creates: 0 },
    seed(fields = {}) {
      const inst = newInstance(fields.id ?? newId(), fields);
      control.instances.set(inst.id, inst);
      return inst;
    },
    failNextOperation: (action) => void outcomes.push({ action, kind: 'fail' }),
    hangNextOperation: (action) => void outcomes.push({ action, kind: 'hang' }),
    rejectNextAction: (reason, action) => void rejections.push({ action, reason }),
    finishOperation(operationId, success = true) {
      const op = control.operations.get(operationId);
      if (op && !op.isCompleted) complete(op, success);
    },
    setSoldOut(gpuName, value = true) {
      if (value) soldOut.add(gpuName);
      else soldOut.delete(gpuName);
    },
  };

  sim.onReset(() => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    appliers.clear();
    outcomes.length = 0;
    rejections.length = 0;
    soldOut.clear();
    control.instances.clear();
    control.operations.clear();
    control.gpus = [...DEFAULT_GPUS];
    control.datacenters = DEFAULT_DATACENTERS.map((d) => ({ ...d }));
    control.images = DEFAULT_IMAGES.map((i) => ({ ...i }));
    control.timings = { createMs: 3000, actionMs: 2000 };
    control.bigIds = true;
    control.opIdStyle = 'alternate';
    control.pageCap = DEFAULT_PAGE_CAP;
    control.counts.dryRuns = control.counts.creates = 0;
    nextBig = FIRST_BIG_ID;
    nextSmall = FIRST_SMALL_ID;
    nextOp = FIRST_OP_ID;
  });

  function newId(): string {
    return control.bigIds ? String(nextBig++) : String(nextSmall++);
  }

  function startOperation(inst: SimInstance, action: SimAction, delayMs: number, apply: () => void): SimOperation {
    const n = nextOp++;
    const idAs = control.opIdStyle === 'alternate' ? (n % 2 ? 'number' : 'string') : control.opIdStyle;
    const op: SimOperation = {
      id: String(n),
      instanceId: inst.id,
      action,
      status: 1,
      isCompleted: 0,
      startTime: cnTime(),
      completeTime: '',
      idAs,
    };
    control.operations.set(op.id, op);
    inst.operationId = op.id;
    inst.pendingOp = op.id;
    appliers.set(op.id, apply);
    const i = outcomes.findIndex((o) => !o.action || o.action === action);
    const outcome = i >= 0 ? outcomes.splice(i, 1)[0].kind : undefined;
    if (outcome === 'hang') return op;
    const t = setTimeout(() => {
      timers.delete(t);
      complete(op, outcome !== 'fail');
    }, sim.delay(delayMs));
    t.unref();
    timers.add(t);
    return op;
  }

  function complete(op: SimOperation, success: boolean): void {
    op.status = success ? 2 : 3;
    op.isCompleted = 1;
    op.completeTime = cnTime();
    const inst = control.instances.get(op.instanceId);
    if (inst && inst.pendingOp === op.id) inst.pendingOp = undefined;
    if (success) appliers.get(op.id)?.();
    else if (op.action === 'create') control.instances.delete(op.instanceId); // nothing was rented
    appliers.delete(op.id);
  }

  const ok = (data: unknown): SimResponse => ({
    status: 200,
    body: { code: 0, message: 'success', traceid: traceId(), data },
  });
  const fail = gpuGeekError;
  const PARAM = GPUGEEK_ERRORS.parameter.code;
  const OPERATION = GPUGEEK_ERRORS.instanceOperation.code;

  /** Every route checks the token first; GPUGeek answers 10002 inside a 200. */
  const authed = (h: (req: SimRequest) => SimResponse) => (req: SimRequest) => {
    const token = req.headers['gz-api-token'];
    if (!sim.isKeyValid(Array.isArray(token) ? token[0] : token))
      return fail(GPUGEEK_ERRORS.notLoggedIn.code, GPUGEEK_ERRORS.notLoggedIn.message);
    return h(req);
  };

  sim.useSpec(gpuGeekSpec);
  const r = sim.router('gpugeek');
  r.get(
    `${P}/gpu/list`,
    authed(() => ok({ gpus: control.gpus })),
  );
  r.get(
    `${P}/datacenter/list`,
    authed(() => ok({ datacenters: control.datacenters.map(({ name, dcId }) => ({ name, dcId })) })),
  );
  r.get(
    `${P}/image/list`,
    authed(() => ok({ images: control.images })),
  );

  r.get(
    `${P}/instance/query`,
    authed((req) => {
      const status = req.query.get('status');
      const id = req.query.get('instanceId');
      const pn = Number(req.query.get('pn') || 1);
      const ps = Math.min(Number(req.query.get('ps') || 20), control.pageCap);
      if (!Number.isInteger(pn) || pn < 1 || !Number.isInteger(ps) || ps < 1)
        return fail(PARAM, 'Parameter error: pn/ps');
      const all = [...control.instances.values()].filter(
        (i) => (!status || i.status === status) && (!id || i.id === id),
      );
      const page = all.slice((pn - 1) * ps, pn * ps);
      return ok({ instances: page.map((i) => instanceJson(i, sim.backend)), total: all.length });
    }),
  );

  r.post(
    `${P}/instance/op/result`,
    authed((req) => {
      const ids = (req.body as { ids?: unknown })?.ids;
      if (!Array.isArray(ids) || !ids.every(isIntLike))
        return fail(PARAM, 'Parameter error: ids must be an array of integers');
      const ops = ids.map((i) => control.operations.get(String(i))).filter((o): o is SimOperation => !!o);
      return ok({ operations: ops.map(opJson) });
    }),
  );

  r.post(
    `${P}/instance/create`,
    authed((req) => create((req.body ?? {}) as Record<string, unknown>)),
  );
  r.post(
    `${P}/instance/action`,
    authed((req) => action((req.body ?? {}) as Record<string, unknown>)),
  );

  /**
   * Shapes and types are the spec's job (spec.ts). What remains are the rules a type cannot say: values that
   * must come from the catalogues, and the doc's "up to 3 total (TCP+HTTP)" — refused as 10005 ("Parameter
   * validation error"). Decisions, not documented: at most 8 GPUs (one machine), and "no machine available" as
   * 10135 ("Instance operation error. Error details are in the message").
   */
  function create(b: Record<string, unknown>): SimResponse {
    if (b.type !== 2) return fail(PARAM, 'Parameter error: type must be 2');
    const gpuName = String(b.gpuName ?? '');
    const skuName = String(b.skuName ?? '');
    const gpuNum = b.gpuNum;
    if (!control.gpus.includes(gpuName)) return fail(PARAM, `Parameter error: unknown gpuName ${gpuName}`);
    if (!['payg', 'bidding', 'daily', 'weekly', 'monthly'].includes(skuName))
      return fail(PARAM, 'Parameter error: skuName');
    if (typeof gpuNum !== 'number' || !Number.isInteger(gpuNum) || gpuNum < 1 || gpuNum > 8)
      return fail(PARAM, 'Parameter error: gpuNum');
    if (!control.images.some((i) => i.imageId === b.imageId)) return fail(PARAM, 'Parameter error: unknown imageId');
    const dc = b.dcId === undefined ? control.datacenters[0] : control.datacenters.find((d) => d.dcId === b.dcId);
    if (!dc) return fail(PARAM, 'Parameter error: unknown dcId');
    const ports = portLists(b.servicePort, b.httpServicePort);
    if (typeof ports === 'string') return fail(PARAM, ports);
    if (soldOut.has(gpuName)) return fail(OPERATION, `Instance operation error: no machine with ${gpuName} available`);
    const spec = {
      gpuName,
      vram: `${/(\d+)G$/.exec(gpuName)?.[1] ?? '24'}G`,
      skuName,
      price: quote(gpuName, gpuNum, skuName),
      cpuCoreNum: 16 * gpuNum,
      cpuName: 'Intel Xeon Processor (Skylake, IBRS)',
      memorySize: 64 * GIB * gpuNum,
      payByVoucher: 1,
      regionName: dc.region,
      dcId: dc.dcId,
    };
    if (b.dryRun === true) {
      control.counts.dryRuns++;
      return ok({ instanceId: 0, operationId: 0, spec });
    }
    control.counts.creates++;
    const inst = control.seed({
      name: typeof b.name === 'string' && b.name ? b.name : undefined,
      status: 'creating',
      imageId: String(b.imageId),
      gpuName,
      gpuNum,
      skuName,
      dcId: dc.dcId,
      cpuCoreNum: spec.cpuCoreNum,
      memorySize: spec.memorySize,
      systemDiskSize: Number(b.systemDiskSize ?? 30) * GIB,
      systemDiskUsedSize: Math.round(4.2 * GIB),
      dataDiskSize: Number(b.dataDiskSize ?? 20) * GIB,
      tcpPorts: ports.tcp,
      httpPorts: ports.http,
    });
    sim.backend.resetPasswordPod(inst.id);
    const op = startOperation(inst, 'create', control.timings.createMs, () => {
      inst.status = 'running';
      sim.gpu.ensure('gpugeek', inst.id, idleGpus(inst.gpuNum, inst.gpuName));
    });
    // The doc's example writes InstanceId with a capital I.
    return ok({ InstanceId: jsonId(inst.id), operationId: jsonId(op.id), spec });
  }

  function action(b: Record<string, unknown>): SimResponse {
    if (!isIntLike(b.instanceId)) return fail(PARAM, 'Parameter error: instanceId must be an integer');
    const act = String(b.action ?? '') as SimAction;
    if (!['stop', 'start', 'restart', 'release', 'set_port'].includes(act))
      return fail(PARAM, `Parameter error: action ${act}`);
    const inst = control.instances.get(String(b.instanceId));
    if (!inst) return fail(OPERATION, 'Instance operation error: instance not found');
    const ri = rejections.findIndex((x) => !x.action || x.action === act);
    if (ri >= 0) return fail(OPERATION, rejections.splice(ri, 1)[0].reason);
    if (inst.pendingOp) return fail(OPERATION, 'Instance operation error: another operation is in progress');
    let apply: () => void;
    switch (act) {
      case 'stop':
        if (inst.status !== 'running') return fail(OPERATION, 'Instance operation error: instance is not running');
        apply = () => (inst.status = 'stopd');
        break;
      case 'start':
        if (inst.status === 'running') return fail(OPERATION, 'Instance operation error: instance is already running');
        if (inst.status !== 'stopd') return fail(OPERATION, 'Instance operation error: instance is not stopped');
        if (!inst.isStartable) return fail(OPERATION, 'Instance operation error: no free GPU on the host machine');
        apply = () => (inst.status = 'running');
        break;
      case 'restart':
        if (inst.status !== 'running') return fail(OPERATION, 'Instance operation error: instance is not running');
        apply = () => (inst.status = 'running');
        break;
      case 'release':
        apply = () => control.instances.delete(inst.id); // released instances leave the list
        break;
      default: {
        const ports = portLists(b.ports, b.httpPorts, true);
        if (typeof ports === 'string') return fail(PARAM, ports);
        apply = () => ((inst.tcpPorts = ports.tcp), (inst.httpPorts = ports.http));
      }
    }
    const op = startOperation(inst, act, control.timings.actionMs, apply);
    return ok({ operationId: jsonId(op.id) });
  }

  return control;
}

/** At most three custom ports, TCP and HTTP together; set_port requires both arrays. */
function portLists(tcp: unknown, http: unknown, required = false): { tcp: number[]; http: number[] } | string {
  if (required && (!Array.isArray(tcp) || !Array.isArray(http)))
    return 'Parameter error: ports and httpPorts are required';
  const t = tcp ?? [];
  const h = http ?? [];
  const valid = (v: unknown): v is number[] =>
    Array.isArray(v) && v.every((p) => typeof p === 'number' && Number.isInteger(p) && p > 0 && p < 65536);
  if (!valid(t) || !valid(h)) return 'Parameter error: ports must be integers from 1 to 65535';
  if (t.length + h.length > 3) return 'Parameter error: at most 3 custom ports (TCP + HTTP)';
  return { tcp: [...t], http: [...h] };
}

/**
 * Ids are JSON integers. A short string is certainly a string and refused; parseBody turns long bare
 * numbers into strings, so those are accepted.
 */
function isIntLike(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v);
  return typeof v === 'string' && /^\d{16,}$/.test(v);
}
