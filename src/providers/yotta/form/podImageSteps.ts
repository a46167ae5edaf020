import { type Answers, answerString, type FormField } from '../../../core/createForm';
import { CONTAINER_DISK, DEFAULT_IMAGE, validateImage, validateIntRange } from '../formInput';
import type { PodLookups } from './podLookups';

export const imageOf = (a: Answers) => answerString(a, 'image') || DEFAULT_IMAGE;

/** Image, the registry credential a private image needs, and the container disk. */
export function podImageSteps(look: PodLookups, v1: boolean): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'image',
      title: 'Image',
      async options() {
        return [
          {
            label: 'PyTorch 2.8 (CUDA 12.8, Python 3.11)',
            description: DEFAULT_IMAGE,
            value: DEFAULT_IMAGE,
            picked: true,
          },
        ];
      },
      allowCustom: { prompt: 'Image, e.g. docker.io/library/ubuntu:22.04', validate: (v) => validateImage(v) },
    },
    {
      kind: 'pick',
      id: 'registryAuth',
      title: 'Registry credential',
      optional: { what: 'Registry credentials', without: { label: 'None (public image)', value: '' } },
      skip: (a) => v1 || imageOf(a) === DEFAULT_IMAGE,
      async options(_a, signal) {
        const creds = await look.credList(signal);
        return [
          { label: 'None (public image)', value: '', picked: true },
          ...creds.map((c) => ({ label: c.name, description: c.type, value: c.id })),
        ];
      },
    },
    {
      kind: 'number',
      id: 'containerDisk',
      title: 'Container disk (GB)',
      prompt: `Container disk in GB (${CONTAINER_DISK.min}–${CONTAINER_DISK.max}); lost when the pod is terminated`,
      initial: () => String(CONTAINER_DISK.initial),
      validate: (v) => validateIntRange(v, CONTAINER_DISK.min, CONTAINER_DISK.max, 'The container disk'),
    },
  ];
}
