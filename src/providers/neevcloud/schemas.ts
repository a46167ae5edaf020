import * as z from '../../core/zod';
import { zId, zLooseNumber, zMaybe } from '../../core/schema';

/**
 * Raw NeevCloud shapes. Only the inventory item and the create body are known field by field (third-party
 * capture, official CLI); runtime, metrics and alert fields are not published, so those schemas require only
 * what we cannot work without and accept both snake_case and camelCase spellings of the rest.
 */

const zText = zMaybe(z.string());
// zLooseNumber already turns null into undefined.
const zNum = z.optional(zLooseNumber);
/** An object whose fields we read defensively in mapping.ts (SSH/Jupyter endpoints, metrics). */
const zLooseRecord = zMaybe(z.record(z.string(), z.unknown()));
const zAny = z.optional(z.unknown());

/** `PaginationResponse` (total_items, total_pages, current_page, items_per_page). */
export const zPagination = z.object({
  current_page: zNum,
  total_pages: zNum,
  total_items: zNum,
  items_per_page: zNum,
});

/** `{ data: [...], pagination }`; without pagination a page shorter than asked ends the list. */
export function zPage<T extends z.ZodMiniType>(item: T) {
  return z.object({ data: z.array(item), pagination: zMaybe(zPagination) });
}

export const zInventoryItem = z.object({
  config_id: zId,
  gpu_model: z.string(),
  gpu_vendor: zText,
  vram_gib: zNum,
  default_cpu_cores: zNum,
  default_memory_gib: zNum,
  price_per_gpu_per_hour: zNum,
  region: z.string(),
  min_gpu_count: zNum,
  max_gpu_count: zNum,
  available_gpu_count: zNum,
  total_gpu_count: zNum,
  availability: zText,
  instance_type: zText,
  type: zText,
});
export type RawInventoryItem = z.infer<typeof zInventoryItem>;

/** Config detail: the same facts as an inventory item, region optional (a config is not tied to one). */
export const zGpuConfig = z.object({
  config_id: zId,
  gpu_model: z.string(),
  gpu_vendor: zText,
  vram_gib: zNum,
  default_cpu_cores: zNum,
  default_memory_gib: zNum,
  price_per_gpu_per_hour: zNum,
  min_gpu_count: zNum,
  max_gpu_count: zNum,
  region: zText,
});
export type RawGpuConfig = z.infer<typeof zGpuConfig>;

/**
 * AIRuntimeTemplateResponse requires id, description, templateSpec and ownerOrgId; `name` is optional
 * (the id stands in for it). Only the id is needed to create from a template.
 */
export const zTemplate = z.object({
  id: z.string(),
  name: zText,
  description: zText,
  templateSpec: zLooseRecord,
  ownerOrgId: zMaybe(zId),
});
export type RawTemplate = z.infer<typeof zTemplate>;

/** The template list, items read one by one (an unreadable item is skipped, not the list). */
export const zTemplatePage = z.object({ data: z.array(z.unknown()), pagination: zMaybe(zPagination) });

/** The embedded GPU config of a runtime (the docs say list items carry "GPU config"). */
const zRuntimeGpuConfig = z.object({
  config_id: zMaybe(zId),
  id: zMaybe(zId),
  gpu_model: zText,
  gpuModel: zText,
  vram_gib: zNum,
  price_per_gpu_per_hour: zNum,
  gpu_count: zNum,
});

export const zRuntime = z.object({
  id: zId,
  name: z.string(),
  status: z.string(),
  region: zText,
  project: zAny,
  status_message: zText,
  statusMessage: zText,
  reason: zText,
  gpu_config: zMaybe(z.union([zId, zRuntimeGpuConfig])),
  gpuConfig: zMaybe(z.union([zId, zRuntimeGpuConfig])),
  gpu_config_id: zMaybe(zId),
  gpuConfigID: zMaybe(zId),
  gpu_count: zNum,
  gpuCount: zNum,
  gpu_model: zText,
  template_id: zText,
  templateID: zText,
  image: zText,
  price_per_hour: zNum,
  created_at: zMaybe(z.union([z.string(), z.number()])),
  createdAt: zMaybe(z.union([z.string(), z.number()])),
  // Endpoint fields are unpublished: taken as unknown and validated in mapping.ts, so an odd shape there
  // leaves the runtime "not reachable yet" instead of failing the whole list.
  endpoints: zAny,
  ssh_command: zAny,
  sshCommand: zAny,
  ssh_host: zAny,
  sshHost: zAny,
  ssh_port: zAny,
  sshPort: zAny,
  ssh_user: zAny,
  sshUser: zAny,
  jupyter_url: zAny,
  jupyterUrl: zAny,
  jupyterURL: zAny,
  jupyter_token: zAny,
});
export type RawRuntime = z.infer<typeof zRuntime>;

export const zMetricsBody = z.record(z.string(), z.unknown());

/**
 * GPUNotifyAvailabilityRequest (list GPU notification requests): named in the reference, fields unpublished.
 * region_id and config_id as the register body names them; the rest read if present. Items are read one by one.
 */
export const zAlert = z.object({
  id: zMaybe(zId),
  region_id: z.string(),
  config_id: z.string(),
  status: zText,
  created_at: zMaybe(z.union([z.string(), z.number()])),
});
export type RawAlert = z.infer<typeof zAlert>;
