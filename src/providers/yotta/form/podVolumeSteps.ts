import { type Answers, answerString, type FormField } from '../../../core/createForm';
import { DEFAULT_MOUNT_PATH, validateIntRange, validateMountPath, VOLUME_SIZE } from '../formInput';
import type { PodLookups } from './podLookups';
import { volumeOption } from './stock';

/** "none", "new", or "vol:<id>" of an existing volume. */
export const volumeChoice = (a: Answers) => answerString(a, 'volume') ?? 'none';

/** The persistent volume: none, a new one (its size), or an existing one; then where it is mounted. */
export function podVolumeSteps(look: PodLookups, v1: boolean): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'volume',
      title: 'Persistent volume',
      optional: { what: 'Volumes', without: { label: 'None', value: 'none' } },
      skip: () => v1, // the v1 pod API takes no volumes
      async options(answers, signal) {
        const region = answerString(answers, 'region');
        const vols = await look.volumeList(signal);
        return [
          { label: 'None', value: 'none', picked: true },
          { label: 'New volume…', description: 'created with the pod', value: 'new' },
          ...vols.map((v) => volumeOption(v, region, `vol:${v.id}`)),
        ];
      },
    },
    {
      kind: 'number',
      id: 'volumeSize',
      title: 'New volume size (GB)',
      skip: (a) => v1 || volumeChoice(a) !== 'new',
      initial: () => '100',
      validate: (v) => validateIntRange(v, VOLUME_SIZE.min, VOLUME_SIZE.max, 'The volume size'),
    },
    {
      kind: 'text',
      id: 'mountPath',
      title: 'Volume mount path',
      skip: (a) => v1 || volumeChoice(a) === 'none',
      initial: () => DEFAULT_MOUNT_PATH,
      validate: (v) => validateMountPath(v),
    },
  ];
}
