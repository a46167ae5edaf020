import type { PickOption } from '../../../core/createForm';
import { gpuOption } from '../../../core/formSteps/gpus';
import { isAvailable, stockWord } from '../mapping';
import type { RawInventoryItem } from '../schemas';
import { l10n } from '../../../core/l10n';

/**
 * The value of a GPU option. Sold-out configs are listed one option per region (disabled) so the UI can
 * offer "notify me" with `registerAlert(regionId, configId)` straight from the value.
 */
export interface NeevGpuChoice {
  configId: string;
  regionId: string;
  gpuModel: string;
  vramGb?: number;
  pricePerGpuHour?: number;
  available: boolean;
}

export function isGpuChoice(v: unknown): v is NeevGpuChoice {
  const c = v as NeevGpuChoice | undefined;
  return !!c && typeof c === 'object' && typeof c.configId === 'string' && typeof c.regionId === 'string';
}

/** Available configs first (one option each, best region preselected), then sold-out ones per region. */
export function gpuOptions(items: RawInventoryItem[]): PickOption<NeevGpuChoice>[] {
  const byConfig = new Map<string, RawInventoryItem[]>();
  for (const i of items) byConfig.set(i.config_id, [...(byConfig.get(i.config_id) ?? []), i]);
  const available: PickOption<NeevGpuChoice>[] = [];
  const soldOut: PickOption<NeevGpuChoice>[] = [];
  for (const group of byConfig.values()) {
    const free = group.filter(isAvailable).sort((a, b) => (b.available_gpu_count ?? 0) - (a.available_gpu_count ?? 0));
    const option = (i: RawInventoryItem, detail: string, ok: boolean) =>
      gpuOption(
        {
          name: i.gpu_model,
          vramGb: i.vram_gib,
          pricePerGpuHour: i.price_per_gpu_per_hour,
          stock: stockWord(i),
          soldOut: ok ? undefined : l10n.t('sold out in {0}', i.region),
          detail,
        },
        choice(i, ok),
      );
    const specs = (i: RawInventoryItem) =>
      [
        i.default_cpu_cores !== undefined ? `${i.default_cpu_cores} vCPU` : '',
        i.default_memory_gib !== undefined ? l10n.t('{0} GiB RAM', i.default_memory_gib) : '',
      ]
        .filter(Boolean)
        .join(', ');
    const choice = (i: RawInventoryItem, ok: boolean): NeevGpuChoice => ({
      configId: i.config_id,
      regionId: i.region,
      gpuModel: i.gpu_model,
      vramGb: i.vram_gib,
      pricePerGpuHour: i.price_per_gpu_per_hour,
      available: ok,
    });
    if (free.length > 0) {
      const best = free[0];
      const where = group.map((g) => g.region).join(', ');
      available.push(option(best, [where, specs(best), best.config_id].filter(Boolean).join(' · '), true));
      continue;
    }
    for (const i of group)
      soldOut.push(option(i, [i.region, specs(i), i.config_id].filter(Boolean).join(' · '), false));
  }
  const byPrice = (a: PickOption<NeevGpuChoice>, b: PickOption<NeevGpuChoice>) =>
    (a.value.pricePerGpuHour ?? Infinity) - (b.value.pricePerGpuHour ?? Infinity);
  return [...available.sort(byPrice), ...soldOut.sort(byPrice)];
}
