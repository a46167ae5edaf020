import { type Answers, answerString, type FormField } from '../../../core/createForm';
import { DEFAULT_MOUNT_PATH, validateIntRange, validateMountPath, VOLUME_SIZE } from '../formInput';
import type { PodLookups } from './podLookups';
import { volumeOption } from './stock';
import { l10n } from '../../../core/l10n';

/** "none", "new", or "vol:<id>" of an existing volume. */
export const volumeChoice = (a: Answers) => answerString(a, 'volume') ?? 'none';

/** The persistent volume: none, a new one (its size), or an existing one; then where it is mounted. */
export function podVolumeSteps(look: PodLookups, v1: boolean): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'volume',
      title: l10n.t('Persistent volume'),
      optional: { what: l10n.t('Volumes'), without: { label: l10n.t('None'), value: 'none' } },
      skip: () => v1, // the v1 pod API takes no volumes
      async options(answers, signal) {
        const region = answerString(answers, 'region');
        const vols = await look.volumeList(signal);
        return [
          { label: l10n.t('None'), value: 'none', picked: true },
          { label: l10n.t('New volume…'), description: l10n.t('created with the pod'), value: 'new' },
          ...vols.map((v) => volumeOption(v, region, `vol:${v.id}`)),
        ];
      },
    },
    {
      kind: 'number',
      id: 'volumeSize',
      title: l10n.t('New volume size (GB)'),
      skip: (a) => v1 || volumeChoice(a) !== 'new',
      initial: () => '100',
      validate: (v) => validateIntRange(v, VOLUME_SIZE.min, VOLUME_SIZE.max, l10n.t('The volume size')),
    },
    {
      kind: 'text',
      id: 'mountPath',
      title: l10n.t('Volume mount path'),
      skip: (a) => v1 || volumeChoice(a) === 'none',
      initial: () => DEFAULT_MOUNT_PATH,
      validate: (v) => validateMountPath(v),
    },
  ];
}
