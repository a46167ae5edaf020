import { type Answers, answerNumber, answerString, type CreateContext } from '../../../core/createForm';
import type { ResolvedEnvironment } from '../../../core/formSteps/environment';
import { CONTAINER_DISK, DEFAULT_MOUNT_PATH, defaultName } from '../formInput';
import type { PodSpec } from '../pods';
import { imageOf } from './podImageSteps';
import type { PodLookups } from './podLookups';
import { selectedPorts } from './podPortSteps';
import { volumeChoice } from './podVolumeSteps';

/**
 * The pod to create from the answers; the summary shows this very spec, built without `env` (it lists the
 * variables from the answers, secrets masked); the create passes the resolved environment.
 */
export async function podSpec(
  look: PodLookups,
  v1: boolean,
  answers: Answers,
  ctx: CreateContext,
  env?: ResolvedEnvironment,
): Promise<PodSpec> {
  const offer = await look.offer(answers);
  const vol = volumeChoice(answers);
  const ports = selectedPorts(answers);
  const region = answerString(answers, 'region');
  return {
    name: (answerString(answers, 'name') ?? defaultName(offer?.gpuName, answerNumber(answers, 'gpuCount'))).trim(),
    image: imageOf(answers),
    gpuType: answerString(answers, 'gpu') ?? '',
    gpuCount: answerNumber(answers, 'gpuCount') ?? 1,
    regions: region ? [region] : [],
    containerVolumeInGb: answerNumber(answers, 'containerDisk') ?? CONTAINER_DISK.initial,
    containerRegistryAuthId: answerString(answers, 'registryAuth') || undefined,
    // Jupyter reads its password from the environment; it is the one the extension keeps in SecretStorage.
    environmentVars: [
      ...(env?.vars ?? []),
      ...(ports.some((p) => p.port === 8888) ? [{ key: 'JUPYTER_PASSWORD', value: ctx.jupyterPassword }] : []),
    ],
    publicKey: ctx.sshPublicKey,
    expose: ports,
    volumeId: !v1 && vol.startsWith('vol:') ? vol.slice(4) : undefined,
    newVolumeGb: !v1 && vol === 'new' ? answerNumber(answers, 'volumeSize') : undefined,
    mountPath: !v1 && vol !== 'none' ? (answerString(answers, 'mountPath') ?? DEFAULT_MOUNT_PATH) : undefined,
  };
}
