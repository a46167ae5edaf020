import type { GpuReading } from '../gpu';
import type { CloudRouter, SimRequest, SimResponse } from '../server';
import { parsePortString, priceUnits, type SimInstance } from './data';
import { bad, bodyOf, DELAYS, type NovitaState, page, withOverrides } from './state';

const JUPYTER_PORT = 8888;

/** List items are a subset: no connection components, port mappings without endpoint. */
function listItem(s: NovitaState, i: SimInstance): Record<string, unknown> {
  return withOverrides(baseItem(s, i), i.overrides);
}

function baseItem(s: NovitaState, i: SimInstance): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    clusterId: i.clusterId,
    clusterName: i.clusterName,
    productId: i.productId,
    productName: i.productName,
    imageUrl: i.imageUrl,
    ...(i.imageAuthId ? { imageAuthId: i.imageAuthId } : {}),
    status: i.status,
    statusError: i.statusError ?? { state: '', message: '' },
    cpuNum: String((s.product(i.productId)?.cpuPerGpu ?? 8) * i.gpuNum),
    memory: String((s.product(i.productId)?.memoryPerGpu ?? 32) * i.gpuNum),
    gpuNum: String(i.gpuNum),
    rootfsSize: i.rootfsSize,
    // On the list page too (gpu-instance-list-instances: volumeMounts with size as "<string>").
    volumeMounts: volumeMounts(i),
    portMappings: ports(i).map((p) => ({ port: p.port, type: p.type })),
    billingMode: i.billingMode,
    ...(i.spot ? { spotStatus: i.spot.status, spotReclaimTime: String(i.spot.reclaimTime) } : {}),
    endTime: '-1',
    createdAt: String(i.createdAt),
    instancePrice: String(i.instancePrice),
    kind: 'gpu',
  };
}

function volumeMounts(i: SimInstance) {
  return [
    { type: 'local', size: String(i.diskSize), id: '', mountPath: '/workspace' },
    ...i.networkStorages.map((n) => ({ type: 'network', size: '', id: n.id, mountPath: n.mountPoint })),
  ];
}

function ports(i: SimInstance) {
  return [...i.ports, ...(i.jupyter ? [{ port: JUPYTER_PORT, type: 'http' as const }] : [])];
}

function detail(s: NovitaState, i: SimInstance): Record<string, unknown> {
  const running = i.status === 'running';
  const jupyter = running && i.jupyterTarget;
  return withOverrides(
    {
      ...baseItem(s, i),
      portMappings: ports(i).map((p, n) => ({
        port: p.port,
        type: p.type,
        endpoint: running
          ? p.type === 'http'
            ? `https://${i.id}-${p.port}.proxy.novita.sim`
            : `127.0.0.1:${31000 + n}`
          : '',
      })),
      envs: i.envs ?? [],
      command: i.command,
      entrypoint: i.entrypoint ?? '',
      lastStartedAt: String(i.createdAt),
      lastStoppedAt: '0',
      connectComponentSSH: {
        sshCommand: running && i.ssh ? `ssh ${i.ssh.user}@${i.ssh.host} -p ${i.ssh.port}` : '',
        password: running && i.ssh?.password ? i.ssh.password : '',
        isRunning: running,
      },
      connectComponentJupyter: {
        port: JUPYTER_PORT,
        address: jupyter ? `${jupyter.baseUrl}?token=${encodeURIComponent(jupyter.token)}` : '',
        isRunning: !!jupyter,
      },
      connectComponentWebTerminal: { address: '', username: '', password: '', isRunning: false },
      connectComponentLog: { systemLogAddress: '', instanceLogAddress: '', isRunning: running },
    },
    i.overrides,
  );
}

/** One `envs` item as the MCP server takes it: a non-empty key and a value, each at most 2048 characters. */
function envPair(e: unknown): boolean {
  const { key, value } = (e ?? {}) as { key?: unknown; value?: unknown };
  return (
    typeof key === 'string' &&
    key !== '' &&
    key.length <= 2048 &&
    (value === undefined || (typeof value === 'string' && value.length <= 2048))
  );
}

/** Checks Novita makes before renting anything. Undefined = fine. */
function validateCreate(s: NovitaState, b: Record<string, unknown>): SimResponse | undefined {
  const need = (k: string, ok: boolean) => (ok ? undefined : bad('VALIDATOR_PARAM', `invalid parameter: ${k}`));
  const num = (k: string) => (typeof b[k] === 'number' ? (b[k] as number) : NaN);
  return (
    need('name', b.name === undefined || (typeof b.name === 'string' && b.name.length <= 255)) ??
    need('productId', typeof b.productId === 'string' && b.productId !== '') ??
    need('gpuNum', Number.isInteger(num('gpuNum')) && num('gpuNum') >= 1 && num('gpuNum') <= 8) ??
    need('rootfsSize', Number.isInteger(num('rootfsSize')) && num('rootfsSize') >= 10 && num('rootfsSize') <= 6144) ??
    need('diskSize', b.diskSize === undefined || (Number.isInteger(num('diskSize')) && num('diskSize') >= 0)) ??
    need('imageUrl', typeof b.imageUrl === 'string' && b.imageUrl !== '' && b.imageUrl.length <= 500) ??
    need('command', b.command === undefined || (typeof b.command === 'string' && b.command.length <= 2047)) ??
    need('ports', b.ports === undefined || typeof b.ports === 'string') ??
    need('kind', b.kind === 'gpu') ??
    // Only the modes this simulator rents: a subscription (monthly + month) is not simulated.
    need('billingMode', b.billingMode === undefined || b.billingMode === 'onDemand' || b.billingMode === 'spot') ??
    need('envs', b.envs === undefined || (Array.isArray(b.envs) && b.envs.length <= 100 && b.envs.every(envPair))) ??
    need(
      'entrypoint',
      b.entrypoint === undefined || (typeof b.entrypoint === 'string' && b.entrypoint.length <= 2047),
    ) ??
    need(
      'networkStorages',
      b.networkStorages === undefined || (Array.isArray(b.networkStorages) && b.networkStorages.length <= 30),
    )
  );
}

function create(s: NovitaState, req: SimRequest): SimResponse {
  s.createBodies.push(structuredClone(req.body));
  const forced = s.createFailures.shift();
  if (forced) return forced;
  const b = bodyOf(req);
  const invalid = validateCreate(s, b);
  if (invalid) return invalid;
  const product = s.product(b.productId as string);
  if (!product) return bad('RESOURCE_NOT_FOUND', `product ${String(b.productId)} not found`);
  const parsed = parsePortString((b.ports as string | undefined) ?? '');
  if (typeof parsed === 'string') return bad('VALIDATOR_PARAM', parsed);
  const tools = Array.isArray(b.tools) ? (b.tools as Array<Record<string, unknown>>) : [];
  const jupyter = tools.some((t) => String(t.name).toLowerCase() === 'jupyter');
  if (parsed.length + tools.length > 15) return bad('VALIDATOR_PARAM', 'ports and tools may not exceed 15');
  if (jupyter && parsed.some((p) => p.port === JUPYTER_PORT))
    return bad('VALIDATOR_PARAM', `port ${JUPYTER_PORT} is used by Jupyter`);
  const rootfs = b.rootfsSize as number;
  const disk = (b.diskSize as number | undefined) ?? 0;
  if (rootfs < product.minRootFS || rootfs > product.maxRootFS) {
    return bad('VALIDATOR_PARAM', `rootfsSize must be between ${product.minRootFS} and ${product.maxRootFS}`);
  }
  if (disk < product.minLocalStorage || disk > product.maxLocalStorage) {
    return bad('VALIDATOR_PARAM', `diskSize must be between ${product.minLocalStorage} and ${product.maxLocalStorage}`);
  }
  const clusterId = typeof b.clusterId === 'string' && b.clusterId !== '' ? b.clusterId : undefined;
  if (clusterId && !s.cluster(clusterId)) return bad('RESOURCE_NOT_FOUND', `cluster ${clusterId} not found`);
  if (clusterId && product.regions.length && !product.regions.includes(clusterId)) {
    return bad('INSUFFICIENT_RESOURCE', `${product.name} is not available in cluster ${clusterId}`);
  }
  const mounts: SimInstance['networkStorages'] = [];
  for (const [n, raw] of (Array.isArray(b.networkStorages)
    ? (b.networkStorages as Array<Record<string, unknown>>)
    : []
  ).entries()) {
    const id = String(raw.Id ?? raw.networkStorageId ?? '');
    if (!s.storages.some((x) => x.storageId === id))
      return bad('NETWORK_STORAGE_NOT_FOUND', `network storage ${id} not found`);
    mounts.push({ id, mountPoint: String(raw.mountPoint ?? raw.networkStorageMountPoint ?? `/network_${n}`) });
  }
  // Decision: an imageAuthId must name one of the account's repository auths (the page says only
  // "Image repository authentication ID"); Novita's generic refusal otherwise.
  const imageAuthId = typeof b.imageAuthId === 'string' && b.imageAuthId !== '' ? b.imageAuthId : undefined;
  if (imageAuthId && !s.registryAuths.some((a) => a.id === imageAuthId))
    return bad('VALIDATOR_PARAM', `invalid parameter: imageAuthId ${imageAuthId} not found`);
  const gpuNum = b.gpuNum as number;
  const spot = b.billingMode === 'spot';
  if (spot && (!product.billingMethods.includes('spot') || product.spotPrice === undefined))
    return bad('VALIDATOR_PARAM', `${product.name} is not offered as spot`);
  if (product.inventoryState === 'none' || gpuNum > product.freeGpus) {
    return bad('INSUFFICIENT_RESOURCE', `not enough ${product.name} available for ${gpuNum} GPU(s)`);
  }
  const cluster = s.cluster(clusterId ?? product.regions[0] ?? s.clusters[0].id)!;
  const inst: SimInstance = {
    id: s.nextId(),
    name: (b.name as string | undefined) ?? '',
    productId: product.id,
    productName: product.name,
    clusterId: cluster.id,
    clusterName: cluster.name,
    gpuNum,
    rootfsSize: rootfs,
    diskSize: disk,
    imageUrl: b.imageUrl as string,
    command: (b.command as string | undefined) ?? '',
    entrypoint: b.entrypoint as string | undefined,
    envs: ((b.envs as Array<{ key: string; value?: string }> | undefined) ?? []).map((e) => ({
      key: e.key,
      value: e.value ?? '',
    })),
    ports: parsed,
    jupyter,
    networkStorages: mounts,
    imageAuthId,
    status: 'toCreate',
    createdAt: Math.floor(Date.now() / 1000),
    instancePrice: (spot ? product.spotPrice! : priceUnits(product)) * gpuNum,
    billingMode: spot ? 'spot' : 'onDemand',
    ...(spot ? { spot: { status: 'running' as const, reclaimTime: 0 } } : {}),
    overrides: {},
    generation: 0,
  };
  s.instances.set(inst.id, inst);
  s.sim.backend.resetPasswordPod(inst.id);
  s.progress(inst, [
    [DELAYS.step, () => (inst.status = 'creating')],
    [DELAYS.work, () => (inst.status = 'pulling')],
    [DELAYS.pull, () => s.bringUp(inst)],
  ]);
  return { body: { id: inst.id } };
}

/** Which states an action may start from, and the path it walks. */
function action(s: NovitaState, name: string, inst: SimInstance): SimResponse {
  const st = inst.status;
  const refuse = () => bad('VALIDATOR_PARAM', `instance is ${st}; cannot ${name}`);
  const set = (v: string) => () => (inst.status = v);
  switch (name) {
    case 'stop':
      if (st !== 'running') return refuse();
      inst.status = 'toStop';
      s.progress(inst, [
        [DELAYS.step, set('stopping')],
        [
          DELAYS.work,
          () => {
            inst.status = 'exited';
            inst.ssh = undefined;
            inst.jupyterTarget = undefined;
          },
        ],
      ]);
      break;
    case 'start':
      if (st !== 'exited') return refuse();
      inst.status = 'toStart';
      inst.statusError = undefined;
      s.progress(inst, [
        [DELAYS.step, set('starting')],
        [DELAYS.work, () => s.bringUp(inst)],
      ]);
      break;
    case 'restart':
      if (st !== 'running') return refuse();
      inst.status = 'toRestart';
      s.progress(inst, [
        [DELAYS.step, set('restarting')],
        [DELAYS.work, () => s.bringUp(inst)],
      ]);
      break;
    case 'delete':
      if (st === 'toRemove' || st === 'removing' || st === 'removed') return { body: {} };
      inst.status = 'toRemove';
      s.progress(inst, [
        [DELAYS.step, set('removing')],
        [DELAYS.work, set('removed')],
        [DELAYS.purge, () => s.instances.delete(inst.id)],
      ]);
      break;
  }
  return { body: {} };
}

export function installInstanceRoutes(r: CloudRouter, s: NovitaState): void {
  const find = (id: unknown) => (typeof id === 'string' ? s.instances.get(id) : undefined);
  const notFound = (id: unknown) => bad('RESOURCE_NOT_FOUND', `instance ${String(id)} not found`);

  r.get('/gpu/instances', (req) => {
    const q = req.query;
    const name = q.get('name');
    const items = [...s.instances.values()].filter(
      (i) =>
        (!name || i.name.includes(name)) &&
        (!q.get('productName') || i.productName === q.get('productName')) &&
        (!q.get('status') || i.status === q.get('status')),
    );
    return {
      body: { instances: page(items, q, 'pageNum', s.pageCap).map((i) => listItem(s, i)), total: items.length },
    };
  });
  r.get('/gpu/instance', (req) => {
    const inst = find(req.query.get('instanceId'));
    return inst ? { body: detail(s, inst) } : notFound(req.query.get('instanceId'));
  });
  r.post('/gpu/instance/create', (req) => create(s, req));
  for (const name of ['start', 'stop', 'restart', 'delete']) {
    r.post(`/gpu/instance/${name}`, (req) => {
      const id = bodyOf(req).instanceId;
      const inst = find(id);
      return inst ? action(s, name, inst) : notFound(id);
    });
  }
  r.post('/gpu/instance/edit', (req) => {
    const b = bodyOf(req);
    const inst = find(b.instanceId);
    if (!inst) return notFound(b.instanceId);
    if (!Array.isArray(b.ports)) return bad('VALIDATOR_PARAM', 'invalid parameter: ports');
    const text = (b.ports as Array<Record<string, unknown>>)
      .map((p) => `${String(p.port)}/${String(p.type)}`)
      .join(',');
    const parsed = parsePortString(text);
    if (typeof parsed === 'string') return bad('VALIDATOR_PARAM', parsed);
    if (parsed.length + (inst.jupyter ? 1 : 0) > 15) return bad('VALIDATOR_PARAM', 'ports and tools may not exceed 15');
    inst.ports = parsed;
    if (typeof b.expandRootDisk === 'number' && b.expandRootDisk > 0) inst.rootfsSize += b.expandRootDisk;
    return { body: {} };
  });
  // Metrics live on another base in production; here they share the prefix.
  r.get('/metrics/gpu/instance', (req) => {
    const inst = find(req.query.get('instanceId'));
    if (!inst) return notFound(req.query.get('instanceId'));
    return { body: instanceMetrics(s, inst, req.query) };
  });
}

/**
 * The metrics answer (spec.ts metrics.instance), GPU series from the pod's readings (sim.gpu). Novita samples
 * on its own monitoring ("a delay of about one minute"), not over the pod's network: an unreachable pod still
 * has metrics; a pod whose driver is gone, or that is not running, has no GPU samples. Times are epoch seconds;
 * parameters out of range fall back to the defaults, as the reference says (interval 15 s, the last 60 s).
 */
function instanceMetrics(s: NovitaState, inst: SimInstance, q: URLSearchParams) {
  const now = Math.floor(Date.now() / 1000);
  const asked = (name: string) => (q.get(name) === null ? NaN : Number(q.get(name)));
  const end = asked('endTime') > 0 && asked('endTime') <= now ? asked('endTime') : now;
  const start = asked('startTime') > 0 && asked('startTime') <= end - 60 ? asked('startTime') : end - 60;
  const interval = asked('interval') > 15 ? asked('interval') : 15;
  const readings = s.sim.gpu.get('novita', inst.id);
  const since = Math.floor((s.sim.gpu.since('novita', inst.id) ?? Date.now()) / 1000);
  const gpus = inst.status === 'running' && readings && readings.kind !== 'smi-fails' ? readings.gpus : [];
  const times: number[] = [];
  for (let t = end; t >= Math.max(start, since - interval + 1) && times.length < 2000; t -= interval) times.unshift(t);
  const series = (v: number | null) => (v === null ? [] : times.map((t) => ({ timestamp: String(t), value: v })));
  const memPct = (g: GpuReading) =>
    g.memoryUsedMiB === null || !g.memoryTotalMiB ? null : Math.round((g.memoryUsedMiB / g.memoryTotalMiB) * 1000) / 10;
  const gpu = (value: (g: GpuReading) => number | null) => {
    const known = gpus.map(value).filter((v): v is number => v !== null);
    const avg = known.length ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
    return { avg: series(avg), gpuIds: gpus.map((g, i) => ({ gpuId: String(i), items: series(value(g)) })) };
  };
  const running = inst.status === 'running';
  return {
    cpuUtilization: series(running ? 12 : 0),
    memUtilization: series(running ? 30 : 0),
    rootDiskUtilization: series(5),
    gpuUtilization: gpu((g) => g.utilizationPct),
    gpuMemUtilization: gpu(memPct),
  };
}
