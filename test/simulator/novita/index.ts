import type { SimResponse, Simulator } from '../server';
import { installBalance } from './billing';
import type { SimInstance, SimProduct, SimStorage, SimTemplate } from './data';
import { installInstanceBills, type NovitaBillsControl } from './instanceBills';
import { installInstanceRoutes } from './instances';
import { installImageRoutes } from './images';
import { novitaSpec } from './spec';
import { bad, bodyOf, NovitaState, novitaError, page } from './state';

export type { SimInstance, SimProduct, SimStorage, SimTemplate } from './data';

/** What tests steer the simulated Novita with. */
export interface NovitaSimControl {
  readonly state: NovitaState;
  reset(): void;
  /** A ready-made instance (running by default); returns its id. */
  seedInstance(seed?: Partial<Omit<SimInstance, 'generation'>>): string;
  instance(id: string): SimInstance | undefined;
  /** The next create answers with this Novita error instead of creating (400 unless told). */
  failNextCreate(
    reason: 'INSUFFICIENT_RESOURCE' | 'BALANCE_NOT_ENOUGH' | 'CREATE_INSTANCE_LIMIT' | string,
    message?: string,
    status?: number,
  ): void;
  setStock(productId: string, inventoryState: SimProduct['inventoryState'], freeGpus?: number): void;
  markSoldOut(productId: string): void;
  /** Gone from the catalogue: a create for it is refused ("product disappears between pick and create"). */
  removeProduct(productId: string): void;
  addProduct(product: SimProduct): void;
  /** The instance stops with an error (statusError), e.g. an image that cannot be pulled. */
  failInstance(id: string, message: string, status?: string): void;
  /** Force a raw status word, known or not. */
  setStatus(id: string, status: string): void;
  /** Fields merged into every answer about the instance (strings for numbers, odd values). */
  overrideFields(id: string, fields: Record<string, unknown>): void;
  seedStorage(storage: Partial<SimStorage> & { storageName: string }): string;
  seedTemplate(template: SimTemplate): void;
  /** Serve at most `n` items a page, whatever pageSize asks. */
  setPageCap(n: number): void;
  /**
   * Novita announces that it will reclaim a spot instance `inMs` from now: `spotStatus` "notified" and
   * `spotReclaimTime` (epoch seconds) in every answer about it. Nothing else changes until `reclaim`.
   */
  scheduleReclaim(id: string, inMs: number): void;
  /** The spot instance is taken back: status exited, `spotStatus` "terminated", no SSH or Jupyter. */
  reclaim(id: string): void;
  /** The next save-image job fails with this message. */
  failNextSave(message: string): void;
  /** The account's top-up (USD) and credit line: what the balance answer starts from. */
  setBalance(cashUsd: number, creditLimitUsd?: number): void;
  /** What the account can still spend (USD), its running instances charged up to the cloud's now. */
  availableUsd(): number;
  /** The cloud's own clock moves on: its running instances are charged for that time. */
  advanceClock(ms: number): void;
  /** Usage-based bills, growing while instances run. */
  readonly bills: NovitaBillsControl;
}

export function installNovita(sim: Simulator): NovitaSimControl {
  const s = new NovitaState(sim);
  sim.useSpec(novitaSpec);
  sim.onReset(() => s.reset());
  const r = sim.router('novita');
  installInstanceRoutes(r, s);
  installImageRoutes(r, s);
  const bills = installInstanceBills(r, s);

  r.get('/products', (req) => {
    const q = req.query;
    const cluster = q.get('clusterId');
    const name = q.get('productName');
    const gpuNum = Number(q.get('gpuNum') || 0);
    const method = q.get('billingMethod');
    if (!Number.isInteger(gpuNum) || gpuNum < 0 || gpuNum > 8)
      return bad('VALIDATOR_PARAM', 'invalid parameter: gpuNum');
    const data = s.products
      .filter(
        (p) =>
          (!cluster || !p.regions.length || p.regions.includes(cluster)) &&
          (!name || p.name.includes(name)) &&
          (!method || p.billingMethods.includes(method)),
      )
      .map((p) => {
        const { freeGpus, ...rest } = p;
        const { spotPrice, ...priced } = rest;
        return {
          ...priced,
          ...(spotPrice !== undefined ? { spotPrice: String(spotPrice) } : {}),
          availableDeploy: p.inventoryState !== 'none' && freeGpus >= Math.max(1, gpuNum),
          monthlyPrice: [],
        };
      });
    return { body: { data } };
  });
  r.get('/clusters', () => ({
    body: {
      data: s.clusters.map((c) => ({
        ...c,
        availableGpuType: s.products.filter((p) => !p.regions.length || p.regions.includes(c.id)).map((p) => p.name),
        supportInstanceNetwork: false,
      })),
    },
  }));

  const storageJson = (x: SimStorage) => ({
    ...x,
    clusterName: s.cluster(x.clusterId)?.name ?? '',
    price: (x.storageSize * 0.07).toFixed(2),
  });
  r.get('/networkstorages/list', (req) => {
    const q = req.query;
    const items = s.storages.filter(
      (x) =>
        (!q.get('storageName') || x.storageName.includes(q.get('storageName')!)) &&
        (!q.get('storageId') || x.storageId === q.get('storageId')),
    );
    return { body: { data: page(items, q, 'pageNo', s.pageCap).map(storageJson), total: items.length } };
  });
  r.post('/networkstorage/create', (req) => {
    const b = bodyOf(req);
    const cluster = typeof b.clusterId === 'string' ? s.cluster(b.clusterId) : undefined;
    if (!cluster) return bad('RESOURCE_NOT_FOUND', `cluster ${String(b.clusterId)} not found`);
    if (!cluster.supportNetworkStorage)
      return bad('VALIDATOR_PARAM', `cluster ${cluster.id} does not support network storage`);
    if (typeof b.storageName !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(b.storageName))
      return bad('VALIDATOR_PARAM', 'invalid parameter: storageName');
    if (typeof b.storageSize !== 'number' || !Number.isInteger(b.storageSize) || b.storageSize < 10)
      return bad('VALIDATOR_PARAM', 'invalid parameter: storageSize');
    if (s.storages.some((x) => x.storageName === b.storageName))
      return bad('VALIDATOR_PARAM', `network storage ${b.storageName} already exists`);
    const storageId = s.nextId('ns-');
    s.storages.push({ storageId, storageName: b.storageName, storageSize: b.storageSize, clusterId: cluster.id });
    return { body: JSON.stringify(storageId) }; // the reference shows a bare JSON string
  });
  const storageFrom = (b: Record<string, unknown>) => s.storages.find((x) => x.storageId === (b.storageId ?? b.id));
  r.post('/networkstorage/update', (req) => {
    const b = bodyOf(req);
    const st = storageFrom(b);
    if (!st) return bad('NETWORK_STORAGE_NOT_FOUND', `network storage ${String(b.storageId ?? b.id)} not found`);
    if (b.storageSize !== undefined) {
      if (typeof b.storageSize !== 'number' || !Number.isInteger(b.storageSize))
        return bad('VALIDATOR_PARAM', 'invalid parameter: storageSize');
      if (b.storageSize < st.storageSize) return bad('VALIDATOR_PARAM', 'network storage can only grow');
      st.storageSize = b.storageSize;
    }
    if (b.storageName !== undefined) {
      if (typeof b.storageName !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(b.storageName))
        return bad('VALIDATOR_PARAM', 'invalid parameter: storageName');
      st.storageName = b.storageName;
    }
    return { body: {} };
  });
  r.post('/networkstorage/delete', (req) => {
    const b = bodyOf(req);
    const st = storageFrom(b);
    if (!st) return bad('NETWORK_STORAGE_NOT_FOUND', `network storage ${String(b.storageId ?? b.id)} not found`);
    if (s.storageInUse(st.storageId))
      return bad('NETWORK_STORAGE_IN_USE', `network storage ${st.storageName} is mounted by an instance`);
    s.storages = s.storages.filter((x) => x !== st);
    return { body: {} };
  });

  const templateJson = ({ id, ...t }: SimTemplate) => ({ Id: id, ...t, type: 'instance', imageAuth: '', envs: [] });
  r.get('/templates', (req) => {
    const channel = req.query.get('channel') ?? 'official';
    // isMyCommunity: false for official/community, true for one's own (private) templates.
    const mine = req.query.get('isMyCommunity') === 'true';
    const items = s.templates.filter((t) => t.channel === channel && (channel === 'private') === mine);
    return { body: { template: page(items, req.query, 'pageNum', s.pageCap).map(templateJson), total: items.length } };
  });
  r.get('/template', (req) => {
    const t = s.templates.find((x) => x.id === req.query.get('templateId'));
    return t
      ? { body: { template: templateJson(t) } }
      : bad('TEMPLATE_NOT_FOUND', `template ${String(req.query.get('templateId'))} not found`);
  });

  const balance = installBalance(r, s);
  sim.onReset(() => balance.reset());

  // Every route checks the key first, as Novita does.
  for (const route of r.routes) {
    const handler = route.handler;
    route.handler = (req) => s.authError(req) ?? handler(req);
  }

  const must = (id: string) => {
    const inst = s.instances.get(id);
    if (!inst) throw new Error(`no simulated Novita instance ${id}`);
    return inst;
  };
  const product = (id: string) => {
    const p = s.product(id);
    if (!p) throw new Error(`no simulated Novita product ${id}`);
    return p;
  };

  return {
    state: s,
    reset: () => s.reset(),
    seedInstance(seed = {}) {
      const p = s.product(seed.productId ?? 'prod-4090') ?? s.products[0];
      const c = s.cluster(seed.clusterId ?? p.regions[0] ?? 'cl-us') ?? s.clusters[0];
      const gpuNum = seed.gpuNum ?? 1;
      const inst: SimInstance = {
        id: seed.id ?? s.nextId(),
        name: 'seeded-pod',
        productId: p.id,
        productName: p.name,
        clusterId: c.id,
        clusterName: c.name,
        gpuNum,
        rootfsSize: 50,
        diskSize: 100,
        imageUrl: 'pytorch/pytorch:2.2.1-cuda12.1-cudnn8-devel',
        command: '',
        ports: [],
        jupyter: true,
        networkStorages: [],
        status: 'running',
        createdAt: Math.floor(Date.now() / 1000) - 3600,
        instancePrice: Number(seed.billingMode === 'spot' ? (p.spotPrice ?? p.price) : p.price) * gpuNum,
        billingMode: 'onDemand',
        ...(seed.billingMode === 'spot' ? { spot: { status: 'running' as const, reclaimTime: 0 } } : {}),
        overrides: {},
        ...seed,
        generation: 0,
      };
      s.instances.set(inst.id, inst);
      if (inst.status === 'running' && !seed.ssh) s.bringUp(inst);
      return inst.id;
    },
    instance: (id) => s.instances.get(id),
    failNextCreate(reason, message, status = 400) {
      const text =
        message ??
        (reason === 'BALANCE_NOT_ENOUGH'
          ? 'insufficient balance, please top up'
          : reason === 'INSUFFICIENT_RESOURCE'
            ? 'insufficient resources, try another product or cluster'
            : reason.toLowerCase());
      s.createFailures.push(novitaError(status, reason, text) as SimResponse);
    },
    setStock(productId, inventoryState, freeGpus) {
      const p = product(productId);
      p.inventoryState = inventoryState;
      if (freeGpus !== undefined) p.freeGpus = freeGpus;
    },
    markSoldOut(productId) {
      const p = product(productId);
      p.inventoryState = 'none';
      p.freeGpus = 0;
    },
    removeProduct(productId) {
      s.products = s.products.filter((p) => p.id !== productId);
    },
    addProduct(p) {
      s.products.push(p);
    },
    failInstance(id, message, status = 'exited') {
      const inst = must(id);
      inst.generation++; // stop any transition under way
      inst.status = status;
      inst.statusError = { state: status, message };
      inst.ssh = undefined;
      inst.jupyterTarget = undefined;
    },
    setStatus(id, status) {
      const inst = must(id);
      inst.generation++;
      inst.status = status;
    },
    overrideFields(id, fields) {
      Object.assign(must(id).overrides, fields);
    },
    seedStorage(seed) {
      const storageId = seed.storageId ?? s.nextId('ns-');
      s.storages.push({ storageId, storageSize: 100, clusterId: 'cl-us', ...seed });
      return storageId;
    },
    seedTemplate(t) {
      s.templates.push(t);
    },
    setPageCap(n) {
      s.pageCap = n;
    },
    scheduleReclaim(id, inMs) {
      const inst = must(id);
      if (inst.billingMode !== 'spot') throw new Error(`simulated Novita instance ${id} is not spot`);
      inst.spot = { status: 'notified', reclaimTime: Math.floor((Date.now() + inMs) / 1000) };
    },
    reclaim(id) {
      const inst = must(id);
      if (inst.billingMode !== 'spot') throw new Error(`simulated Novita instance ${id} is not spot`);
      inst.generation++;
      inst.status = 'exited';
      inst.spot = { status: 'terminated', reclaimTime: inst.spot?.reclaimTime || Math.floor(Date.now() / 1000) };
      inst.ssh = undefined;
      inst.jupyterTarget = undefined;
    },
    failNextSave(message) {
      s.saveFailures.push(message);
    },
    setBalance: (cashUsd, creditLimitUsd) => balance.set(cashUsd, creditLimitUsd),
    availableUsd: () => balance.availableUsd(),
    advanceClock: (ms) => balance.advance(ms),
    bills,
  };
}
