import { type Answers, answerNumber, answerString, type CreateContext } from '../../../core/createForm';
import { credentialAnswer, credentialIdOf, NO_LIST_ANSWER } from '../../../core/formSteps/credentialStep';
import { privateImageProblem } from '../../../core/privateImage';
import { l10n } from '../../../core/l10n';
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
    containerRegistryAuthId: v1 ? undefined : credentialIdOf(answers, 'registryAuth'),
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

/**
 * Why the pod must not be sent (a private image without a credential), or undefined. v1 accounts pass no
 * credential: the v1 create names none by id (it takes a user name and token, which GPU Pods does not keep).
 */
export function imageProblem(v1: boolean, answers: Answers): string | undefined {
  const image = imageOf(answers);
  if (v1)
    return privateImageProblem(
      { image },
      undefined,
      l10n.t('Yotta Labs v1 accounts take no registry credential from GPU Pods (set gpuPods.yotta.apiVersion to v2)'),
    );
  const unreadable = answerString(answers, 'registryAuth') === NO_LIST_ANSWER;
  return privateImageProblem(
    { image },
    credentialAnswer(answers, 'registryAuth'),
    unreadable ? l10n.t('the list of credentials could not be loaded') : undefined,
  );
}
