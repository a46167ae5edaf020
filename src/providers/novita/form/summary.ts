import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { formatUsd, isDeployable, usdPerHour } from '../mapping';
import { type NovitaCatalog, str } from './catalog';
import { createBody } from './createBody';
import { l10n } from '../../../core/l10n';

/** The body that will be sent, with a fresh price: the product list may be minutes old by now. */
export async function summarize(cat: NovitaCatalog, answers: Answers, ctx: CreateContext): Promise<SummaryLine[]> {
  const n = cat.gpuNum(answers);
  const p = cat.product(answers);
  const image = await cat.resolveImage(answers);
  const b = createBody(cat, answers, image);
  const fresh = (await cat.api.listProducts({ gpuNum: n, productName: str(p?.name) }, ctx.signal)).find(
    (f) => f.id === b.productId,
  );
  const perGpu = usdPerHour(fresh?.price ?? p?.price);
  const lines: SummaryLine[] = [
    { label: l10n.t('GPU'), value: `${n} × ${str(p?.name) ?? b.productId}`, fieldId: 'productId' },
    {
      label: l10n.t('Price'),
      value: perGpu === undefined ? 'unknown' : `${formatUsd(perGpu * n)} (${n} × ${formatUsd(perGpu)})`,
    },
    { label: l10n.t('Cluster'), value: b.clusterId ?? l10n.t('any'), fieldId: 'clusterId' },
    {
      label: l10n.t('Image'),
      fieldId: 'image',
      value: image.template ? `${str(image.template.name)} (${image.imageUrl})` : image.imageUrl,
    },
    { label: l10n.t('Root disk'), value: l10n.t('{0} GB', b.rootfsSize), fieldId: 'rootfsSize' },
    { label: l10n.t('Local disk'), value: l10n.t('{0} GB', b.diskSize), fieldId: 'diskSize' },
    { label: l10n.t('Ports'), value: b.ports || l10n.t('none'), fieldId: 'ports' },
    { label: l10n.t('Jupyter'), value: b.tools ? l10n.t('on') : l10n.t('off'), fieldId: 'jupyter' },
    {
      label: l10n.t('Network storage'),
      value: b.networkStorages?.map((s) => s.Id).join(', ') || l10n.t('none'),
      fieldId: 'networkStorages',
    },
    { label: l10n.t('Name'), value: b.name, fieldId: 'name' },
  ];
  if (!fresh)
    lines.splice(2, 0, {
      label: l10n.t('Warning'),
      value: l10n.t('This product is no longer listed; the create will probably be refused.'),
    });
  else if (!isDeployable(fresh))
    lines.splice(2, 0, { label: l10n.t('Warning'), value: l10n.t('This product is sold out right now.') });
  return lines;
}
