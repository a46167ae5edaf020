import * as z from '../../core/zod';
import { zId, zLooseNumber, zMaybe } from '../../core/schema';

/**
 * Raw Yotta VM responses, after Yotta's data model (docs `api-guides/data-model.md`, YottaML `openapi.yaml`):
 * `{id, name, status, gpuDisplayName, ipAddress, cpuCores, memoryInGb, gpuCount, gpuMemoryInGb, region,
 * storageInGb, sshTemplate, createdAt (ISO 8601), isSpot (0/1)}`. Sizes come as strings ("32"), hence zLooseNumber.
 * `gpuType` is not documented on a VM; read when present, to find the GPU in the table.
 */
export const zVm = z.object({
  id: zId,
  name: zMaybe(z.string()),
  status: zMaybe(z.union([z.string(), z.number()])),
  gpuType: zMaybe(z.string()),
  gpuDisplayName: zMaybe(z.string()),
  gpuCount: zMaybe(zLooseNumber),
  gpuMemoryInGb: zMaybe(zLooseNumber),
  ipAddress: zMaybe(z.string()),
  cpuCores: zMaybe(zLooseNumber),
  memoryInGb: zMaybe(zLooseNumber),
  storageInGb: zMaybe(zLooseNumber),
  region: zMaybe(z.string()),
  sshTemplate: zMaybe(z.string()),
  createdAt: zMaybe(z.union([z.string(), z.number()])),
  isSpot: zMaybe(z.union([z.number(), z.boolean(), z.string()])),
});
export type RawVm = z.infer<typeof zVm>;

/** `data: {items, page, size, total, pages}`, page 1-based. */
export const zVmPage = z.object({
  items: zMaybe(z.array(zVm)),
  page: zMaybe(zLooseNumber),
  size: zMaybe(zLooseNumber),
  total: zMaybe(zLooseNumber),
  pages: zMaybe(zLooseNumber),
});

/** v1 list: no documented shape; a bare array or the v2 page object are both read. */
export const zVmListV1 = z.union([z.array(zVm), zVmPage]);

/** v1 create: no documented answer; like v1 pod create it may be the bare id, or the VM itself. */
export const zVmCreatedV1 = z.union([zVm, zId]);
