import * as z from '../../core/zod';
import { zId, zLooseNumber, zMaybe } from '../../core/schema';

/**
 * Raw Novita GPU-instance API shapes. Everything optional that the docs do not promise, because list items
 * are a subset of the get-instance answer and older responses carry other field names.
 */

/** Booleans that some endpoints send as "true"/1. */
export const zLooseBool = z.pipe(
  z.union([z.boolean(), z.string(), z.number(), z.null()]),
  z.transform((v): boolean | undefined => {
    if (v === null) return undefined;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    const t = v.trim().toLowerCase();
    return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
  }),
);

const zText = zMaybe(z.union([z.string(), z.number()]));

export const zPortMapping = z.object({
  port: zLooseNumber,
  endpoint: zText,
  type: zMaybe(z.string()),
});

export const zInstance = z.object({
  id: zId,
  name: zText,
  clusterId: zMaybe(zId),
  clusterName: zText,
  productId: zMaybe(zId),
  productName: zText,
  imageUrl: zText,
  status: zText,
  statusError: zMaybe(z.object({ state: zText, message: zText })),
  cpuNum: zMaybe(zLooseNumber),
  memory: zMaybe(zLooseNumber),
  gpuNum: zMaybe(zLooseNumber),
  rootfsSize: zMaybe(zLooseNumber),
  /** The local disk at /workspace, in GB (the get page's older version; the newer one has it in volumeMounts). */
  diskSize: zMaybe(zLooseNumber),
  portMappings: zMaybe(z.array(zPortMapping)),
  volumeMounts: zMaybe(
    z.array(z.object({ type: zText, size: zMaybe(zLooseNumber), id: zMaybe(zId), mountPath: zText })),
  ),
  billingMode: zText,
  endTime: zText,
  createdAt: zText,
  lastStoppedAt: zText,
  instancePrice: zMaybe(zLooseNumber),
  spotStatus: zText,
  spotReclaimTime: zText,
  /** The create's environment variables (gpu-instance-get-instance `envs`), read by Create Pod Like This…. */
  envs: zMaybe(z.array(z.object({ key: zText, value: zText }))),
  connectComponentSSH: zMaybe(z.object({ sshCommand: zText, password: zText, isRunning: zMaybe(zLooseBool) })),
  connectComponentJupyter: zMaybe(
    z.object({ port: zMaybe(zLooseNumber), address: zText, token: zText, isRunning: zMaybe(zLooseBool) }),
  ),
  sshCommand: zText,
  sshPassword: zText,
});
export type RawInstance = z.infer<typeof zInstance>;

/**
 * The reference marks `instances` required and never null: an answer without the list (an empty body,
 * `null`, another envelope) is unreadable, never "no pods" — the SSH sweep would delete live entries.
 */
export const zInstanceList = z.object({
  instances: z.array(zInstance),
  total: zMaybe(zLooseNumber),
});

export const zCreated = z.object({ id: zId });

/**
 * Where a product is offered. The reference's example shows an object (`"regions": {}`), third-party
 * schemas an array of cluster ids; both are read. An object is taken as a map keyed by cluster id
 * (its string values, e.g. cluster names, count too); empty or missing means every cluster.
 */
export const zRegions = z.pipe(
  z.optional(z.union([z.array(z.union([z.string(), z.number()])), z.record(z.string(), z.unknown()), z.null()])),
  z.transform((v): string[] => {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v.map(String);
    const out: string[] = [];
    for (const [k, val] of Object.entries(v)) {
      out.push(k);
      if (typeof val === 'string' || typeof val === 'number') out.push(String(val));
    }
    return out;
  }),
);

export const zProduct = z.object({
  id: zId,
  name: zText,
  cpuPerGpu: zMaybe(zLooseNumber),
  memoryPerGpu: zMaybe(zLooseNumber),
  diskPerGpu: zMaybe(zLooseNumber),
  availableDeploy: zMaybe(zLooseBool),
  minRootFS: zMaybe(zLooseNumber),
  maxRootFS: zMaybe(zLooseNumber),
  minLocalStorage: zMaybe(zLooseNumber),
  maxLocalStorage: zMaybe(zLooseNumber),
  regions: zRegions,
  price: zMaybe(zLooseNumber),
  spotPrice: zMaybe(zLooseNumber),
  monthlyPrice: zMaybe(z.array(z.object({ price: zMaybe(zLooseNumber), month: zMaybe(zLooseNumber) }))),
  billingMethods: zMaybe(z.array(z.string())),
  inventoryState: zText,
});
export type RawProduct = z.infer<typeof zProduct>;
export const zProductList = z.object({ data: z.array(zProduct) });

export const zCluster = z.object({
  id: zId,
  name: zText,
  availableGpuType: zMaybe(z.array(z.string())),
  supportNetworkStorage: zMaybe(zLooseBool),
  supportInstanceNetwork: zMaybe(zLooseBool),
});
export type RawCluster = z.infer<typeof zCluster>;
export const zClusterList = z.object({ data: z.array(zCluster) });

export const zStorage = z.object({
  storageId: zId,
  storageName: zText,
  storageSize: zMaybe(zLooseNumber),
  clusterId: zMaybe(zId),
  clusterName: zText,
  price: zText,
  status: zText,
});
export type RawStorage = z.infer<typeof zStorage>;
/** `data: null` is documented as "no storage" (nullable in the reference-derived schema); a missing `data` is not. */
export const zStorageList = z.object({ data: z.nullable(z.array(zStorage)), total: zMaybe(zLooseNumber) });

/** Template port numbers: an array in the examples, `{}` (an object) in the generated schema. */
const zTemplatePorts = z.pipe(
  z.optional(z.union([z.array(zLooseNumber), z.record(z.string(), zLooseNumber), z.null()])),
  z.transform((v): Array<number | undefined> =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v : Object.values(v),
  ),
);

/** The reference spells the template id `Id`; a lower-case `id` is read too. */
export const zTemplate = z.pipe(
  z.object({
    Id: zMaybe(zId),
    id: zMaybe(zId),
    name: zText,
    type: zText,
    channel: zText,
    image: zText,
    startCommand: zText,
    rootfsSize: zMaybe(zLooseNumber),
    ports: zMaybe(z.array(z.object({ type: zText, ports: zTemplatePorts }))),
  }),
  z.transform(({ Id, id, ...rest }) => ({ ...rest, id: Id ?? id ?? '' })),
);
export type RawTemplate = z.infer<typeof zTemplate>;
export const zTemplateList = z.object({ template: z.array(zTemplate), total: zMaybe(zLooseNumber) });
export const zTemplateOne = z.object({ template: zTemplate });

/** Error bodies: the shape is not confirmed, so read every field a client has seen. */
export const zErrorBody = z.object({
  code: zText,
  reason: zText,
  message: zText,
  msg: zText,
  error: zText,
});

/**
 * GET /metrics/gpu/instance (gpu-instance-get-metrics): per metric, an average series and one series per GPU
 * (`gpuIds[].items`), points {timestamp (epoch seconds, as text), value}. GPU memory is a percentage only.
 */
const zSeries = zMaybe(z.array(z.object({ timestamp: zLooseNumber, value: zLooseNumber })));
const zGpuSeries = zMaybe(z.object({ gpuIds: zMaybe(z.array(z.object({ gpuId: zId, items: zSeries }))) }));
export const zInstanceMetrics = z.object({ gpuUtilization: zGpuSeries });
export type RawInstanceMetrics = z.infer<typeof zInstanceMetrics>;

/**
 * GET /billing/balance/detail (basic-get-user-balance): every amount a string in 1/10000 USD, none promised;
 * numbers are read too (providers/novita/balance.ts converts).
 */
export const zBalanceDetail = z.object({
  availableBalance: zText,
  cashBalance: zText,
  creditLimit: zText,
  pendingCharges: zText,
  outstandingInvoices: zText,
});
export type RawBalanceDetail = z.infer<typeof zBalanceDetail>;
