import type { FormField } from '../../../core/createForm';
import { gpuCountOptions } from '../../../core/formSteps/counts';
import { GPU_COUNTS } from '../gpuTypes';
import type { PodLookups } from './podLookups';
import { regionOptions, yottaGpuOption } from './stock';
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
          yottaGpuOption(
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
      // Yotta's create: "Number of GPUs (must be power of 2)"; 8 is the most a GPU type offers.
      async options(answers) {
        const offer = await look.offer(answers);
        return gpuCountOptions(
          GPU_COUNTS.filter((n) => n <= (offer?.maxCount ?? 8)),
          offer?.gpuName ?? 'GPU',
          () => ({ description: l10n.t('price not published') }),
        );
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
