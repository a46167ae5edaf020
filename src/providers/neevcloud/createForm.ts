import type { CreateForm } from '../../core/createForm';
import { mustMatch, nameStep } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import type { NeevCloudApi } from './api';
import { create } from './form/create';
import { isGpuChoice } from './form/gpuChoice';
import { gpuSteps } from './form/gpuSteps';
import { NeevInventory } from './form/inventory';
import { neevAnswersLike, neevPrefillOf } from './form/podLike';
import { NAME } from './form/request';
import { summarize } from './form/summary';
import { templateSteps } from './form/templateSteps';
import { l10n } from '../../core/l10n';

/** NeevCloud's runtime wizard: GPU, region, count, template, plan, name; then the summary. */
export function neevCreateForm(
  api: NeevCloudApi,
  getPod: (id: string) => Promise<Pod | undefined>,
  findPodsByName: (name: string) => Promise<Pod[]>,
): CreateForm<Pod> {
  // Fail before the wizard runs rather than after the user filled it in.
  api.scope();
  const inventory = new NeevInventory();

  return {
    fields: [
      ...gpuSteps(api, inventory),
      ...templateSteps(api, inventory),
      nameStep({
        prompt: l10n.t('Runtime name: lower-case letters, digits and hyphens'),
        initial: (answers) => {
          const model = isGpuChoice(answers.gpu)
            ? answers.gpu.gpuModel.toLowerCase().replace(/[^a-z0-9]+/g, '-')
            : 'gpu';
          return `${model}-${Math.random().toString(36).slice(2, 6)}`.replace(/^-+/, '');
        },
        validate: mustMatch(
          NAME,
          l10n.t('Use 1–63 lower-case letters, digits or hyphens, starting and ending with a letter or digit.'),
        ),
      }),
    ],

    summarize: (answers, ctx) => summarize(api, inventory, answers, ctx),

    // The GPU option's value also names its best region; matching on the config id alone finds it.
    answersForOffer: (offer, regionId) => ({ gpu: { configId: offer.id }, ...(regionId ? { region: regionId } : {}) }),
    answersLike: neevAnswersLike,
    prefillOf: neevPrefillOf,

    create: (answers, ctx) => create(api, inventory, { getPod, findPodsByName }, answers, ctx),
  };
}
