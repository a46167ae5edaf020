import { answerNumber, answerString, type CreateForm } from '../../core/createForm';
import { resolveEnvironment } from '../../core/formSteps/environment';
import { nameStep } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import { defaultName, validateName } from './formInput';
import { podGpuSteps } from './form/podGpuSteps';
import { podImageSteps } from './form/podImageSteps';
import { podAnswersLike, podPrefillOf } from './form/podLike';
import { PodLookups } from './form/podLookups';
import { podPortSteps } from './form/podPortSteps';
import { imageProblem, podSpec } from './form/podSpec';
import { ConfigError } from '../../core/errors';
import type { RegistryCredentialOps } from '../../core/registryCredentials';
import { l10n } from '../../core/l10n';
import { YOTTA_ENV, yottaEnvStep, yottaEnvSummary } from './form/envStep';
import { podSummary } from './form/podSummary';
import { podVolumeSteps, volumeChoice } from './form/podVolumeSteps';
import { createThenForgetOnFailure } from './form/stock';
import { gpuInfo } from './gpuTypes';
import type { YottaPods } from './pods';
import type { YottaResources } from './resources';

/** The pod wizard: GPU, count, region, image, disk, volume, ports, environment, name, then the summary. */
export function podCreateForm(pods: YottaPods, res: YottaResources, creds: RegistryCredentialOps): CreateForm<Pod> {
  const look = new PodLookups(res);
  const v1 = pods.version === 'v1';

  return {
    fields: [
      ...podGpuSteps(look),
      ...podImageSteps(look, v1, creds),
      ...podVolumeSteps(look, v1),
      ...podPortSteps(),
      yottaEnvStep(),
      nameStep({
        // initial() is synchronous: the name comes from the GPU table rather than the (async) offer list.
        initial: (a) => defaultName(gpuInfo(answerString(a, 'gpu'))?.name, answerNumber(a, 'gpuCount')),
        validate: (v) => validateName(v),
      }),
    ],

    async summarize(answers, ctx) {
      const s = await podSpec(look, v1, answers, ctx);
      const names = await look.names(s, ctx.signal);
      const lines = podSummary(
        s,
        await look.offer(answers),
        volumeChoice(answers),
        v1,
        names,
        yottaEnvSummary(answers, s),
      );
      const problem = imageProblem(v1, answers);
      return problem ? [...lines, { label: l10n.t('Not sent'), value: problem, fieldId: 'image' }] : lines;
    },

    answersForOffer: (offer, regionId) => ({ gpu: offer.id, ...(regionId ? { region: regionId } : {}) }),

    answersLike: (prefill) => podAnswersLike(prefill, v1),
    prefillOf: podPrefillOf,

    create: (answers, ctx) => {
      // Refused before anything is sent: a private image pulled without a credential fails after billing starts.
      const problem = imageProblem(v1, answers);
      if (problem) return Promise.reject(new ConfigError(l10n.t('Not sent: {0}.', problem)));
      return createThenForgetOnFailure(
        // Secret values are read here, for the request, and nowhere else.
        async () =>
          pods.create(
            await podSpec(look, v1, answers, ctx, await resolveEnvironment(answers, ctx, YOTTA_ENV)),
            ctx.signal,
          ),
        () => look.forget(),
      );
    },
  };
}
