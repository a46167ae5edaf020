import * as z from '../../core/zod';
import { zId, zLooseNumber, zMaybe } from '../../core/schema';

/** Raw GPUGeek shapes (see shared/seeds/gpugeek-openapi.txt). Objects strip unknown fields. */

export const envelopeSchema = z.object({
  code: zLooseNumber,
  message: zMaybe(z.string()),
  traceid: zMaybe(z.string()),
  data: z.optional(z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const gpuListSchema = z.object({ gpus: z.array(z.string()) });

export const datacenterListSchema = z.object({
  datacenters: z.array(z.object({ name: zMaybe(z.string()), dcId: zId })),
});
export type RawDatacenter = z.infer<typeof datacenterListSchema>['datacenters'][number];

export const imageListSchema = z.object({
  images: z.array(z.object({ type: zMaybe(z.string()), name: zMaybe(z.string()), imageId: zId })),
});
export type RawImage = z.infer<typeof imageListSchema>['images'][number];

// Ints/booleans are loose: the doc writes isPending as Int and isStartable as Boolean, clouds drift.
const zFlag = z.optional(z.nullable(z.union([z.boolean(), z.number(), z.string()])));

export const instanceSchema = z.object({
  instanceId: zId,
  name: zMaybe(z.string()),
  imageId: zMaybe(zId),
  status: zMaybe(z.string()),
  isPending: zFlag,
  gpuName: zMaybe(z.string()),
  gpuNum: z.optional(zLooseNumber),
  availableGpuNum: z.optional(zLooseNumber),
  skuName: zMaybe(z.string()),
  createdAt: zMaybe(z.string()),
  cpuCoreNum: z.optional(zLooseNumber),
  memorySize: z.optional(zLooseNumber),
  systemDiskSize: z.optional(zLooseNumber),
  systemDiskUsedSize: z.optional(zLooseNumber),
  dataDiskSize: z.optional(zLooseNumber),
  dataDiskUsedSize: z.optional(zLooseNumber),
  sshCmd: zMaybe(z.string()),
  sshPwd: zMaybe(z.string()),
  notebookUrl: zMaybe(z.string()),
  tensorboardUrl: zMaybe(z.string()),
  customServices: zMaybe(z.array(z.string())),
  httpServices: zMaybe(z.array(z.string())),
  operationId: zMaybe(zId),
  dcId: zMaybe(z.string()),
  isStartable: zFlag,
});
export type RawInstance = z.infer<typeof instanceSchema>;

/** Both are documented and required: a body without them is one we cannot read, never an empty list. */
export const instanceQuerySchema = z.object({
  instances: z.nullable(z.array(instanceSchema)),
  total: z.number(),
});

export const specSchema = z.object({
  gpuName: zMaybe(z.string()),
  vram: zMaybe(z.union([z.string(), z.number()])),
  skuName: zMaybe(z.string()),
  // Documented as a String ("10"), with no unit or currency: shown as GPUGeek wrote it.
  price: zMaybe(z.union([z.string(), z.number()])),
  cpuName: zMaybe(z.string()),
  cpuCoreNum: z.optional(zLooseNumber),
  memorySize: z.optional(zLooseNumber),
  payByVoucher: z.optional(zLooseNumber),
  regionName: zMaybe(z.string()),
  dcId: zMaybe(z.string()),
});
export type RawSpec = z.infer<typeof specSchema>;

/** The example writes `InstanceId`, the table `instanceId`: accept both. */
export const createResultSchema = z.object({
  instanceId: zMaybe(zId),
  InstanceId: zMaybe(zId),
  operationId: zMaybe(zId),
  spec: zMaybe(specSchema),
});

export const actionResultSchema = z.object({ operationId: zId });

export const operationSchema = z.object({
  instanceId: zMaybe(zId),
  operationId: zId,
  action: zMaybe(z.string()),
  status: zLooseNumber,
  isCompleted: zFlag,
  startTime: zMaybe(z.string()),
  completeTime: zMaybe(z.string()),
  // Not documented; some answers may carry a reason for a failure. Kept if present.
  message: zMaybe(z.string()),
  reason: zMaybe(z.string()),
});
export type RawOperation = z.infer<typeof operationSchema>;

/** Required: an answer without the list cannot say how the operation went (polling it for minutes would hide that). */
export const operationResultSchema = z.object({ operations: z.array(operationSchema) });

/** 1/true/"1"/"true" → true. */
export function flag(v: boolean | number | string | null | undefined): boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const t = v.trim().toLowerCase();
  return t === '1' || t === 'true';
}
