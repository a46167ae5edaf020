import type { FormField } from '../../../core/createForm';
import { countRange, gpuCountOptions } from '../../../core/formSteps/counts';
import type { NeevCloudApi } from '../api';
import { isAvailable, stockWord } from '../mapping';
import { formatRate } from '../../../core/price';
import { gpuOptions, type NeevGpuChoice } from './gpuChoice';
import type { NeevInventory } from './inventory';
import { l10n } from '../../../core/l10n';

/** A count picker longer than this is unusable; configs allowing more are capped here. */
const MAX_COUNT_OPTIONS = 16;

/**
 * GPU configuration, its region, and the count. The region is asked even when the GPU has one: a step that
 * appears only after the GPU is picked would make the step counter jump (1/6, then 2/7).
 */
export function gpuSteps(api: NeevCloudApi, inventory: NeevInventory): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'gpu',
      title: l10n.t('GPU'),
      placeholder: l10n.t('GPU · VRAM · price · stock'),
      async options(_answers, signal) {
        return gpuOptions(await inventory.load(api, signal));
      },
    },
    {
      kind: 'pick',
      id: 'region',
      title: l10n.t('Region'),
      async options(answers) {
        const gpu = answers.gpu as NeevGpuChoice;
        return inventory.itemsFor(answers).map((i) => ({
          label: i.region,
          description: [
            i.price_per_gpu_per_hour !== undefined
              ? formatRate(i.price_per_gpu_per_hour, 'gpuHour')
              : l10n.t('price unknown'),
            ...(isAvailable(i) ? [l10n.t('stock: {0}', stockWord(i))] : []),
          ].join(' · '),
          value: i.region,
          disabledReason: isAvailable(i) ? undefined : l10n.t('sold out'),
          picked: i.region === gpu.regionId,
        }));
      },
    },
    {
      kind: 'pick',
      id: 'count',
      title: l10n.t('GPU count'),
      async options(answers) {
        const item = inventory.chosen(answers);
        if (!item) return [];
        const min = Math.max(1, item.min_gpu_count ?? 1);
        const max = Math.min(item.max_gpu_count ?? item.available_gpu_count ?? 8, min + MAX_COUNT_OPTIONS - 1);
        const free = item.available_gpu_count;
        const price = item.price_per_gpu_per_hour;
        return gpuCountOptions(countRange(min, max), item.gpu_model, (n) => ({
          description: price !== undefined ? formatRate(price * n, 'hour') : l10n.t('price unknown'),
          disabledReason:
            free !== undefined && n > free ? l10n.t('only {0} free in {1}', free, item.region) : undefined,
        }));
      },
    },
  ];
}
