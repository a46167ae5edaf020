import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { gpuLine, orderedSummary } from '../../../core/formSteps/summary';
import { formatRate } from '../../../core/price';
import { isDeployable, usdPerHour, vramFromName } from '../mapping';
import { type NovitaCatalog, str } from './catalog';
import { createBody } from './createBody';
import { spotUnits } from '../spot';
import { spotQuery } from './billingStep';
import type { NovitaPrivateImages } from './privateImage';
import { novitaEnvSummary } from './envStep';
import { l10n } from '../../../core/l10n';

/** The body that will be sent, with a fresh price: the product list may be minutes old by now. */
export async function summarize(
  cat: NovitaCatalog,
  answers: Answers,
  ctx: CreateContext,
  priv: NovitaPrivateImages,
): Promise<SummaryLine[]> {
  const n = cat.gpuNum(answers);
  const p = cat.product(answers);
  const image = await cat.resolveImage(answers);
  const b = createBody(cat, answers, image, priv.credentialId(answers));
  const problem = priv.problem(answers);
  const spot = b.billingMode === 'spot';
  const fresh = (
    await cat.api.listProducts({ gpuNum: n, productName: str(p?.name), ...spotQuery(answers) }, ctx.signal)
  ).find((f) => f.id === b.productId);
  const onDemand = usdPerHour(fresh?.price ?? p?.price);
  const perGpu = spot ? usdPerHour(spotUnits(fresh) ?? spotUnits(p)) : onDemand;
  const name = str(p?.name) ?? b.productId;
  const storages = await cat.storageNames(b.networkStorages?.map((s) => s.Id) ?? [], ctx.signal);
  return orderedSummary(
    {
      gpu: { value: gpuLine(name, n, vramFromName(name)), fieldId: 'productId' },
      image: {
        fieldId: 'image',
        value: image.template ? `${str(image.template.name)} (${image.imageUrl})` : image.imageUrl,
      },
      region: {
        value: b.clusterId ? await cat.clusterName(b.clusterId, ctx.signal) : l10n.t('any cluster'),
        fieldId: 'clusterId',
      },
      price: {
        value:
          perGpu === undefined
            ? l10n.t('price unknown')
            : l10n.t('{0} ({1} × {2})', formatRate(perGpu * n, 'hour'), n, formatRate(perGpu, 'gpuHour')),
      },
      name: { value: b.name, fieldId: 'name' },
    },
    [
      !fresh && {
        label: l10n.t('Warning'),
        value: spot
          ? l10n.t('This product is not offered as spot right now; the create will probably be refused.')
          : l10n.t('This product is no longer listed; the create will probably be refused.'),
      },
      fresh &&
        !isDeployable(fresh) && { label: l10n.t('Warning'), value: l10n.t('This product is sold out right now.') },
      billingLine(spot, onDemand, n),
      !!problem && { label: l10n.t('Not sent'), value: problem, fieldId: 'image' },
      !!b.imageAuthId && {
        label: l10n.t('Registry credential'),
        value: await priv.credentialName(b.imageAuthId, ctx.signal),
        fieldId: 'imageAuthId',
      },
      { label: l10n.t('Root disk'), value: l10n.t('{0} GB', b.rootfsSize), fieldId: 'rootfsSize' },
      { label: l10n.t('Local disk'), value: l10n.t('{0} GB', b.diskSize), fieldId: 'diskSize' },
      { label: l10n.t('Ports'), value: b.ports || l10n.t('none'), fieldId: 'ports' },
      { label: l10n.t('Jupyter'), value: b.tools ? l10n.t('on') : l10n.t('off'), fieldId: 'jupyter' },
      { label: l10n.t('Network storage'), value: storages.join(', ') || l10n.t('none'), fieldId: 'networkStorages' },
      ...novitaEnvSummary(cat, answers),
    ],
  );
}

/** What the billing mode means, said before anything is rented: the on-demand price beside spot's, and the risk. */
function billingLine(spot: boolean, onDemandPerGpu: number | undefined, n: number): SummaryLine {
  const onDemand = onDemandPerGpu === undefined ? l10n.t('price unknown') : formatRate(onDemandPerGpu * n, 'hour');
  return {
    label: l10n.t('Billing'),
    value: spot
      ? l10n.t(
          'spot — instead of {0} on demand; Novita can reclaim the pod at any time (GPU Pods warns you as soon as Novita announces it)',
          onDemand,
        )
      : l10n.t('on demand — runs until you stop or delete it'),
    fieldId: 'billingMode',
  };
}
