import { answerString, type FormField } from '../../../core/createForm';
import { gpuInfo } from '../gpuTypes';
import { defaultMountPath, parseMountPaths, pickedVolumes } from './vmMounts';
import type { VmLookups } from './vmLookups';
import { regionOptions, volumeOption, yottaGpuOption } from './stock';
import { l10n } from '../../../core/l10n';

/** VM type (GPU), region, spot or on-demand, volumes and their mount paths. */
export function vmSteps(look: VmLookups): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'vmType',
      title: l10n.t('GPU (VM type)'),
      async options(_a, signal) {
        look.forget(); // stock changes: a fresh look whenever this step shows
        return (await look.typeList(signal)).map((t) => {
          const info = gpuInfo(t.gpuType);
          const open = (t.regions ?? []).filter((r) => r.available === true).map((r) => r.regionName || r.region);
          return yottaGpuOption(info?.name ?? t.gpuType, info?.vramGb, t.gpuType, open.length ? open : undefined);
        });
      },
    },
    {
      kind: 'pick',
      id: 'region',
      title: l10n.t('Region'),
      async options(answers) {
        const type = await look.type(answers);
        const regions = (type?.regions ?? []).map((r) => ({
          id: r.region,
          name: r.regionName || r.region,
          available: r.available === true,
        }));
        return regionOptions(regions, gpuInfo(type?.gpuType)?.name ?? l10n.t('This GPU'));
      },
    },
    {
      kind: 'pick',
      id: 'pricing',
      title: l10n.t('Spot or on-demand'),
      async options() {
        return [
          {
            label: l10n.t('On-demand'),
            description: l10n.t('runs until you terminate it'),
            value: 'onDemand',
            picked: true,
          },
          { label: l10n.t('Spot'), description: l10n.t('cheaper; the cloud may reclaim it'), value: 'spot' },
        ];
      },
    },
    {
      kind: 'multiPick',
      id: 'volumes',
      title: l10n.t('Volumes to mount (optional)'),
      optional: { what: l10n.t('Volumes') },
      async options(answers, signal) {
        const region = answerString(answers, 'region');
        return (await look.volumeList(signal)).map((v) => volumeOption(v, region, v.id));
      },
    },
    {
      kind: 'text',
      id: 'mountPaths',
      title: l10n.t('Mount paths'),
      skip: (a) => pickedVolumes(a).length === 0,
      prompt: l10n.t('One absolute path per volume, in the order picked, separated by commas'),
      initial: (a) =>
        pickedVolumes(a)
          .map((id) => defaultMountPath(look.volumeNames.get(id), id))
          .join(', '),
      validate: (v, a) => parseMountPaths(v, pickedVolumes(a).length).error,
    },
  ];
}
