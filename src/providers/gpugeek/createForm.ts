import type { CreateForm } from '../../core/createForm';
import { mustMatch, nameStep } from '../../core/formSteps/names';
import type { Pod } from '../../core/model';
import { create, type CreateFormDeps } from './form/create';
import { gpuGeekEnvStep } from './form/envStep';
import { imageSteps } from './form/imageSteps';
import { GpuGeekLookups } from './form/lookups';
import { machineSteps } from './form/machineSteps';
import { gpuGeekAnswersLike, gpuGeekPrefillOf } from './form/podLike';
import { portSteps } from './form/ports';
import { summarize } from './form/summary';
import { l10n } from '../../core/l10n';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** GPUGeek's create wizard: machine, image and disks, ports, name; the summary is GPUGeek's dry-run quote. */
export function gpuGeekCreateForm(deps: CreateFormDeps): CreateForm<Pod> {
  const look = new GpuGeekLookups(deps.api);
  return {
    fields: [
      ...machineSteps(deps.api, look),
      ...imageSteps(look),
      ...portSteps(),
      gpuGeekEnvStep(),
      nameStep({
        prompt: l10n.t('Instance name (letters, digits, . _ -)'),
        initial: () => `gpu-pod-${Date.now().toString(36).slice(-6)}`,
        validate: mustMatch(NAME, l10n.t('Use 1–64 letters, digits, dots, dashes or underscores.')),
      }),
    ],
    summarize: (answers, ctx) => summarize(deps.api, look, answers, ctx),
    answersForOffer: (offer, regionId) => ({ gpuName: offer.id, ...(regionId ? { dcId: regionId } : {}) }),
    answersLike: gpuGeekAnswersLike,
    prefillOf: gpuGeekPrefillOf,
    create: (answers, ctx) => create(deps, answers, ctx, look),
  };
}
