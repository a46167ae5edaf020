import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { formatUsd, isDeployable, usdPerHour } from '../mapping';
import { type NovitaCatalog, str } from './catalog';
import { createBody } from './createBody';

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
    { label: 'GPU', value: `${n} × ${str(p?.name) ?? b.productId}` },
    {
      label: 'Price',
      value: perGpu === undefined ? 'unknown' : `${formatUsd(perGpu * n)} (${n} × ${formatUsd(perGpu)})`,
    },
    { label: 'Cluster', value: b.clusterId ?? 'any' },
    { label: 'Image', value: image.template ? `${str(image.template.name)} (${image.imageUrl})` : image.imageUrl },
    { label: 'Root disk', value: `${b.rootfsSize} GB` },
    { label: 'Local disk', value: `${b.diskSize} GB` },
    { label: 'Ports', value: b.ports || 'none' },
    { label: 'Jupyter', value: b.tools ? 'on' : 'off' },
    { label: 'Network storage', value: b.networkStorages?.map((s) => s.Id).join(', ') || 'none' },
    { label: 'Name', value: b.name },
  ];
  if (!fresh)
    lines.splice(2, 0, {
      label: 'Warning',
      value: 'This product is no longer listed; the create will probably be refused.',
    });
  else if (!isDeployable(fresh)) lines.splice(2, 0, { label: 'Warning', value: 'This product is sold out right now.' });
  return lines;
}
