import type { PodPrefill } from '../../core/podPrefill';
import { configOf } from './mapping';
import type { RawRuntime } from './schemas';

/**
 * What a NeevCloud runtime answer carries of its create: the GPU config and count, the region and the template
 * (every spelling mapping.ts reads). The create takes no disks, ports, volumes or environment; its plan is not in
 * the answer.
 */
export function neevPrefill(raw: RawRuntime): PodPrefill {
  const config = configOf(raw);
  const count = raw.gpu_count ?? raw.gpuCount ?? config.count;
  return {
    gpu: config.id ? { id: config.id, count } : undefined,
    region: raw.region || undefined,
    image: raw.template_id ?? raw.templateID ?? undefined,
  };
}
