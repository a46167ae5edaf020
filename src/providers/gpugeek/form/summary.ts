import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { cleanMessage, type GpuGeekApi } from '../api';
import { BILLING, gb } from '../mapping';
import { createBody, PRICE_UNIT } from './createBody';
import { l10n } from '../../../core/l10n';

/** The dry run picks a machine and quotes its price; nothing is created. */
export async function summarize(api: GpuGeekApi, answers: Answers, ctx: CreateContext): Promise<SummaryLine[]> {
  const body = createBody(answers);
  const { spec } = await api.create(body, true, ctx.signal);
  const lines: SummaryLine[] = [];
  const add = (label: string, value: string | undefined, fieldId?: string) =>
    value && lines.push({ label, value: cleanMessage(value), fieldId });
  add(
    l10n.t('GPU'),
    `${spec?.gpuName || body.gpuName} × ${body.gpuNum}${spec?.vram ? ` (${spec.vram} VRAM)` : ''}`,
    'gpuName',
  );
  const price = cleanMessage(spec?.price === null || spec?.price === undefined ? '' : String(spec.price));
  add(
    l10n.t('Price'),
    price ? l10n.t("{0} per {1} (GPUGeek's quote)", price, PRICE_UNIT[body.skuName]) : l10n.t('not quoted by GPUGeek'),
  );
  add(l10n.t('Billing'), BILLING[body.skuName], 'skuName');
  add(
    l10n.t('Region'),
    spec?.regionName ? `${spec.regionName}${spec.dcId ? ` (${spec.dcId})` : ''}` : (body.dcId ?? l10n.t('any')),
    'dcId',
  );
  add('CPU', spec?.cpuName ? `${spec.cpuName}${spec.cpuCoreNum ? `, ${spec.cpuCoreNum} cores` : ''}` : undefined);
  add(l10n.t('Memory'), spec?.memorySize ? l10n.t('{0} GB', gb(spec.memorySize)) : undefined);
  add(l10n.t('Image'), body.imageId, 'imageId');
  add(
    l10n.t('Disks'),
    l10n.t('system {0} GB, data {1} GB', String(body.systemDiskSize), String(body.dataDiskSize)),
    'systemDiskSize',
  );
  const ports = [
    ...(body.servicePort ?? []).map((p) => `${p}/tcp`),
    ...(body.httpServicePort ?? []).map((p) => `${p}/http`),
  ];
  add(l10n.t('Ports'), ports.length ? ports.join(', ') : l10n.t('none'), 'tcpPorts');
  add(l10n.t('Name'), body.name, 'name');
  return lines;
}
