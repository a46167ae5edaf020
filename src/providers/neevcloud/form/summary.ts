import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { environmentNotOffered } from '../../../core/formSteps/environment';
import { gpuLine, orderedSummary } from '../../../core/formSteps/summary';
import { formatRate } from '../../../core/price';
import type { NeevCloudApi } from '../api';
import type { NeevInventory } from './inventory';
import { request } from './request';
import { l10n } from '../../../core/l10n';

/** The body that will be sent, priced by the config detail (the cloud's current word) or the inventory. */
export async function summarize(
  api: NeevCloudApi,
  inventory: NeevInventory,
  answers: Answers,
  ctx: CreateContext,
): Promise<SummaryLine[]> {
  const { body, item } = request(answers, ctx, inventory.chosen(answers), false);
  const [config, template] = await Promise.all([
    api.getGpuConfig(body.gpuConfigID, ctx.signal).catch(() => undefined),
    api.getTemplate(body.templateID, ctx.signal).catch(() => undefined),
  ]);
  const perGpu = config?.price_per_gpu_per_hour ?? item?.price_per_gpu_per_hour;
  const gpu = config ?? item;
  return orderedSummary(
    {
      gpu: { value: gpuLine(gpu?.gpu_model ?? body.gpuConfigID, body.gpuCount, gpu?.vram_gib), fieldId: 'gpu' },
      image: { label: l10n.t('Template'), value: template?.name ?? body.templateID, fieldId: 'template' },
      region: { value: body.region, fieldId: 'region' },
      price: {
        value:
          perGpu !== undefined
            ? l10n.t(
                '{0} ({1} × {2})',
                formatRate(perGpu * body.gpuCount, 'hour'),
                body.gpuCount,
                formatRate(perGpu, 'gpuHour'),
              )
            : l10n.t('price unknown'),
      },
      name: { value: body.name, fieldId: 'name' },
    },
    [
      { label: l10n.t('Plan'), value: body.planId, fieldId: 'plan' },
      {
        label: l10n.t('SSH'),
        value: ctx.sshPublicKey
          ? l10n.t('your public key is installed at create')
          : l10n.t('no SSH public key: set one up first'),
      },
      {
        label: l10n.t('Note'),
        value: l10n.t('NeevCloud runtimes cannot be stopped; delete the runtime to stop paying.'),
      },
      // The create body is published only through the CLI's examples, which carry no environment or command.
      environmentNotOffered('NeevCloud'),
    ],
  );
}
