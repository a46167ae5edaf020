import type { Answers, CreateContext, SummaryLine } from '../../../core/createForm';
import { cleanMessage, type GpuGeekApi } from '../api';
import { BILLING, gb } from '../mapping';
import { createBody, PRICE_UNIT } from './createBody';

/** The dry run picks a machine and quotes its price; nothing is created. */
export async function summarize(api: GpuGeekApi, answers: Answers, ctx: CreateContext): Promise<SummaryLine[]> {
  const body = createBody(answers);
  const { spec } = await api.create(body, true, ctx.signal);
  const lines: SummaryLine[] = [];
  const add = (label: string, value: string | undefined) => value && lines.push({ label, value: cleanMessage(value) });
  add('GPU', `${spec?.gpuName || body.gpuName} × ${body.gpuNum}${spec?.vram ? ` (${spec.vram} VRAM)` : ''}`);
  const price = cleanMessage(spec?.price === null || spec?.price === undefined ? '' : String(spec.price));
  add('Price', price ? `${price} per ${PRICE_UNIT[body.skuName]} (GPUGeek's quote)` : 'not quoted by GPUGeek');
  add('Billing', BILLING[body.skuName]);
  add('Region', spec?.regionName ? `${spec.regionName}${spec.dcId ? ` (${spec.dcId})` : ''}` : (body.dcId ?? 'any'));
  add('CPU', spec?.cpuName ? `${spec.cpuName}${spec.cpuCoreNum ? `, ${spec.cpuCoreNum} cores` : ''}` : undefined);
  add('Memory', spec?.memorySize ? `${gb(spec.memorySize)} GB` : undefined);
  add('Image', body.imageId);
  add('Disks', `system ${body.systemDiskSize} GB, data ${body.dataDiskSize} GB`);
  const ports = [
    ...(body.servicePort ?? []).map((p) => `${p}/tcp`),
    ...(body.httpServicePort ?? []).map((p) => `${p}/http`),
  ];
  add('Ports', ports.length ? ports.join(', ') : 'none');
  add('Name', body.name);
  return lines;
}
