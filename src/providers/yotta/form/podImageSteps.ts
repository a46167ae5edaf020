import { type Answers, answerString, type FormField } from '../../../core/createForm';
import { CONTAINER_DISK, DEFAULT_IMAGE, validateImage, validateIntRange } from '../formInput';
import type { PodLookups } from './podLookups';
import { credentialStep } from '../../../core/formSteps/credentialStep';
import type { RegistryCredentialOps } from '../../../core/registryCredentials';
import { l10n } from '../../../core/l10n';

export const imageOf = (a: Answers) => answerString(a, 'image') || DEFAULT_IMAGE;

/** Image, the registry credential a private image needs, and the container disk. */
export function podImageSteps(look: PodLookups, v1: boolean, creds: RegistryCredentialOps): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'image',
      title: l10n.t('Image'),
      async options() {
        return [
          {
            label: l10n.t('PyTorch 2.8 (CUDA 12.8, Python 3.11)'),
            description: DEFAULT_IMAGE,
            value: DEFAULT_IMAGE,
            picked: true,
          },
        ];
      },
      allowCustom: { prompt: l10n.t('Image, e.g. docker.io/library/ubuntu:22.04'), validate: (v) => validateImage(v) },
    },
    credentialStep({
      id: 'registryAuth',
      facts: (a) => ({ image: imageOf(a) }),
      skip: (a) => v1 || imageOf(a) === DEFAULT_IMAGE,
      list: (signal) => look.credList(signal),
      ops: creds,
      added: () => look.forgetCredentials(),
    }),
    {
      kind: 'number',
      id: 'containerDisk',
      title: l10n.t('Container disk (GB)'),
      prompt: l10n.t(
        'Container disk in GB ({0}–{1}); lost when the pod is terminated',
        CONTAINER_DISK.min,
        CONTAINER_DISK.max,
      ),
      initial: () => String(CONTAINER_DISK.initial),
      validate: (v) => validateIntRange(v, CONTAINER_DISK.min, CONTAINER_DISK.max, l10n.t('The container disk')),
    },
  ];
}
