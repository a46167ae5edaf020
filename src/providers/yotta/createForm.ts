import { answerNumber, answerString, type CreateForm } from '../../core/createForm';
import { nameStep } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import { defaultName, validateName } from './formInput';
import { podGpuSteps } from './form/podGpuSteps';
import { podImageSteps } from './form/podImageSteps';
import { podAnswersLike } from './form/podLike';
import { PodLookups } from './form/podLookups';
import { podPortSteps } from './form/podPortSteps';
import { podSpec } from './form/podSpec';
import { podSummary } from './form/podSummary';
import { podVolumeSteps, volumeChoice } from './form/podVolumeSteps';
import { createThenForgetOnFailure } from './form/stock';
import { gpuInfo } from './gpuTypes';
import type { YottaPods } from './pods';
import type { YottaResources } from './resources';

/** The pod wizard: GPU, count, region, image, disk, volume, ports, environment, name, then the summary. */
export function podCreateForm(pods: YottaPods, res: YottaResources): CreateForm<Pod> {
  const look = new PodLookups(res);
  const v1 = pods.version === 'v1';

  return {
    fields: [
      ...podGpuSteps(look),
      ...podImageSteps(look, v1),
      ...podVolumeSteps(look, v1),
      ...podPortSteps(),
      nameStep({
        // initial() is synchronous: the name comes from the GPU table rather than the (async) offer list.
        initial: (a) => defaultName(gpuInfo(answerString(a, 'gpu'))?.name, answerNumber(a, 'gpuCount')),
        validate: (v) => validateName(v),
      }),
    ],

    async summarize(answers, ctx) {
      const s = await podSpec(look, v1, answers, ctx);
      return podSummary(s, await look.offer(answers), volumeChoice(answers), v1, await look.names(s, ctx.signal));
    },

    answersForOffer: (offer, regionId) => ({ gpu: offer.id, ...(regionId ? { region: regionId } : {}) }),

    answersLike: (prefill) => podAnswersLike(prefill, v1),

    create: (answers, ctx) =>
      createThenForgetOnFailure(
        async () => pods.create(await podSpec(look, v1, answers, ctx), ctx.signal),
        () => look.forget(),
      ),
  };
}
