import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { orderedSummary } from '../../../core/formSteps/summary';
import type { QuotedPrice } from '../../../core/model';
import { formatRate, noCurrencyNote, parseAmount } from '../../../core/price';
import { cleanMessage, type GpuGeekApi } from '../api';
import { BILLING, gb } from '../mapping';
import { createBody, PRICE_UNIT } from './createBody';
import { gpuGeekEnvSummary } from './envStep';
import type { GpuGeekLookups } from './lookups';
import { l10n } from '../../../core/l10n';

/** The dry run's price as a quote for the whole pod, when it is a plain amount. */
export function quoteOf(price: string, per: QuotedPrice['per']): QuotedPrice | undefined {
  const parsed = parseAmount(price);
  return parsed && { ...parsed, per };
}

function priceLine(price: string, per: QuotedPrice['per']): string {
  if (!price) return l10n.t('not quoted by GPUGeek');
  const quote = quoteOf(price, per);
  if (!quote) return l10n.t("{0} per {1} (GPUGeek's quote)", price, per);
  const rate = formatRate(quote.amount, per, quote.currency ?? 'unstated');
  return quote.currency
    ? l10n.t("{0} (GPUGeek's quote)", rate)
    : l10n.t("{0} (GPUGeek's quote; {1})", rate, noCurrencyNote());
}

/** The spec's vram ("24G", "24", "24GB": GB as documented) as "24 GB"; anything else as written. */
function vramText(vram: string): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:G|GB)?\s*$/i.exec(vram);
  return m ? l10n.t('{0} GB', m[1]) : vram;
}

/** The dry run picks a machine and quotes its price; nothing is created. */
export async function summarize(
  api: GpuGeekApi,
  look: GpuGeekLookups,
  answers: Answers,
  ctx: CreateContext,
): Promise<SummaryLine[]> {
  const body = createBody(answers);
  const { spec } = await api.create(body, true, ctx.signal);
  const price = cleanMessage(spec?.price === null || spec?.price === undefined ? '' : String(spec.price));
  const per = PRICE_UNIT[body.skuName];
  look.rememberQuote(body, quoteOf(price, per));
  const dcId = spec?.dcId || body.dcId;
  const dc = dcId ? await look.datacenterName(dcId, ctx.signal) : undefined;
  const region = [dc, cleanMessage(spec?.regionName)].filter(Boolean).join(', ');
  const ports = [
    ...(body.servicePort ?? []).map((p) => `${p}/tcp`),
    ...(body.httpServicePort ?? []).map((p) => `${p}/http`),
  ];
  const line = (label: string, value: string | undefined, fieldId?: string): SummaryLine | undefined =>
    value ? { label, value: cleanMessage(value), fieldId } : undefined;
  return orderedSummary(
    {
      gpu: {
        value: cleanMessage(
          `${spec?.gpuName || body.gpuName} × ${body.gpuNum}${spec?.vram ? ` (${l10n.t('{0} VRAM each', vramText(String(spec.vram)))})` : ''}`,
        ),
        fieldId: 'gpuName',
      },
      image: { value: await look.imageName(body.imageId, ctx.signal), fieldId: 'imageId' },
      region: { value: region || l10n.t('any datacenter'), fieldId: 'dcId' },
      price: { value: priceLine(price, per) },
      name: { value: body.name ?? l10n.t('(none)'), fieldId: 'name' },
    },
    [
      line(l10n.t('Billing'), BILLING[body.skuName], 'skuName'),
      line('CPU', spec?.cpuName ? `${spec.cpuName}${spec.cpuCoreNum ? `, ${spec.cpuCoreNum} cores` : ''}` : undefined),
      line(l10n.t('Memory'), spec?.memorySize ? l10n.t('{0} GB', gb(spec.memorySize)) : undefined),
      line(
        l10n.t('Disks'),
        l10n.t('system {0} GB, data {1} GB', String(body.systemDiskSize), String(body.dataDiskSize)),
        'systemDiskSize',
      ),
      line(l10n.t('Ports'), ports.length ? ports.join(', ') : l10n.t('none'), 'tcpPorts'),
      ...gpuGeekEnvSummary(answers),
    ],
  );
}
