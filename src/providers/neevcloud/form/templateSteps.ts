import type { FormField } from '../../../core/createForm';
import { mustMatch, slug } from '../../../core/formSteps/names';
import type { NeevCloudApi } from '../api';
import type { RawTemplate } from '../schemas';
import { isGpuChoice } from './gpuChoice';
import type { NeevInventory } from './inventory';
import { PLAN } from './request';
import { l10n } from '../../../core/l10n';

const isJupyter = (t: RawTemplate) => /jupyter/i.test(`${t.id} ${t.name}`) || t.templateSpec?.jupyter === true;

/** The CLI example's plan naming ("gpu-h200-on-demand-1h") for a GPU model: a suggestion the user confirms. */
export function suggestedPlan(gpuModel: string | undefined): string {
  const model = slug(gpuModel ?? '');
  return model ? `gpu-${model}-on-demand-1h` : '';
}

/** The template the runtime starts with (a Jupyter one preferred) and the billing plan. */
export function templateSteps(api: NeevCloudApi, inventory: NeevInventory): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'template',
      title: l10n.t('Template'),
      placeholder: l10n.t('What the runtime starts with'),
      async options(_answers, signal) {
        const templates = await api.listTemplates(signal);
        const preferred = templates.find(isJupyter) ?? templates[0];
        return templates.map((t) => ({
          // `name` is optional in the reference; the id stands in for it.
          label: t.name ?? t.id,
          description: t.id,
          detail: t.description ?? undefined,
          value: t.id,
          picked: t === preferred,
        }));
      },
    },
    {
      // The CLI sends a plan with every create ("a plan you can access", listed by `neev-cli billing products
      // list`); the API reference publishes no plan listing GPU Pods could read, so the user confirms the id.
      // The suggestion follows the CLI's example naming for the chosen GPU and is shown again in the summary.
      kind: 'text',
      id: 'plan',
      title: l10n.t('Plan'),
      prompt: l10n.t(
        'NeevCloud billing plan id your account can use (see `neev-cli billing products list` or the console)',
      ),
      initial: (answers) =>
        suggestedPlan(
          inventory.chosen(answers)?.gpu_model ?? (isGpuChoice(answers.gpu) ? answers.gpu.gpuModel : undefined),
        ),
      validate: mustMatch(PLAN, l10n.t('Enter the plan id, e.g. gpu-h200-on-demand-1h.')),
    },
  ];
}
