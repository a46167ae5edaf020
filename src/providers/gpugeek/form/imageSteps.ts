import type { FormField } from '../../../core/createForm';
import { cleanMessage } from '../api';
import type { GpuGeekLookups } from './lookups';
import { intIn } from './machineSteps';
import { l10n } from '../../../core/l10n';

/** The image (the user's own first), then the system disk and the data disk at /gz-data. */
export function imageSteps(look: GpuGeekLookups): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'imageId',
      title: l10n.t('Image'),
      options: async (_a, signal) =>
        (await look.images(signal))
          .map((i) => ({ i, own: i.type === 'user' }))
          .sort((a, b) => Number(b.own) - Number(a.own)) // the user's own images first
          .map(({ i, own }) => ({
            label: cleanMessage(i.name) || i.imageId,
            description: own ? l10n.t('your image') : 'official',
            value: i.imageId,
          })),
    },
    {
      kind: 'number',
      id: 'systemDiskSize',
      title: l10n.t('System disk (GB)'),
      initial: () => '30',
      validate: (v) => intIn(v, 30, 2048, l10n.t('The system disk size')),
    },
    {
      kind: 'number',
      id: 'dataDiskSize',
      title: l10n.t('Data disk at /gz-data (GB)'),
      initial: () => '20',
      validate: (v) => intIn(v, 0, 16384, l10n.t('The data disk size')),
    },
  ];
}
