import type { FormField } from '../../../core/createForm';
import { gpuCountOptions } from '../../../core/formSteps/counts';
import { GPU_COUNTS } from '../gpuTypes';
import type { PodLookups } from './podLookups';
import { gpuOption, regionOptions } from './stock';
import { l10n } from '../../../core/l10n';

/** GPU, count and region: the first three steps of the pod wizard. */
export function podGpuSteps(look: PodLookups): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'gpu',
      title: l10n.t('GPU'),
      async options(_a, signal) {
        look.forget();
        return (await look.offerList(signal)).map((o) =>
          gpuOption(
            o.gpuName,
            o.vramGb,
            o.id,
            o.available ? o.regions.filter((r) => r.available).map((r) => r.name) : undefined,
          ),
        );
      },
    },
    {
      kind: 'pick',
      id: 'gpuCount',
      title: l10n.t('GPU count'),
      async options() {
        return gpuCountOptions(GPU_COUNTS, 'GPU');
      },
    },
    {
      kind: 'pick',
      id: 'region',
      title: l10n.t('Region'),
      async options(answers) {
        const offer = await look.offer(answers);
        return regionOptions(offer?.regions ?? [], offer?.gpuName ?? l10n.t('This GPU'));
      },
    },
  ];
}
