import {
  numberOf,
  portsFromText,
  suggest,
  textOf,
  type PodPrefill,
  type SuggestedAnswers,
} from '../../../core/podPrefill';
import type { SkuName } from '../api';
import { SKUS } from './createBody';

/**
 * The wizard's answers for Create Pod Like This… (field ids of machineSteps, imageSteps, portSteps). TCP ports
 * are never readable back (their inner port is not in the instance answer): that step says so.
 */
export function gpuGeekAnswersLike(p: PodPrefill): SuggestedAnswers {
  const s = suggest();
  if (p.gpu) {
    s.set('gpuName', p.gpu.id);
    s.set('gpuNum', p.gpu.count);
  } else s.note(['gpuName'], 'gpu');
  s.set('dcId', p.region);
  // Only the billing kinds the create offers ("card_less" is a state, not a kind to order).
  if (p.billing && SKUS.includes(p.billing as SkuName)) s.set('skuName', p.billing);
  if (p.image) s.set('imageId', p.image);
  else s.note(['imageId'], 'image');
  if (p.disks?.systemGb !== undefined) s.set('systemDiskSize', p.disks.systemGb);
  else s.note(['systemDiskSize'], 'disk');
  if (p.disks?.dataGb !== undefined) s.set('dataDiskSize', p.disks.dataGb);
  else s.note(['dataDiskSize'], 'disk');
  if (!p.ports) s.note(['tcpPorts', 'httpPorts'], 'ports');
  else {
    const of = (protocol: 'tcp' | 'http') =>
      p
        .ports!.filter((x) => x.protocol === protocol)
        .map((x) => String(x.port))
        .join(', ');
    if (p.unreadablePorts?.includes('tcp')) s.note(['tcpPorts'], 'tcpPorts');
    else s.set('tcpPorts', of('tcp'));
    if (p.unreadablePorts?.includes('http')) s.note(['httpPorts'], 'ports');
    s.set('httpPorts', of('http'));
  }
  return { answers: s.answers, notes: s.notes };
}

/** The way back (Save These Answers to the Workspace): the pod's parts the wizard's answers give. */
export function gpuGeekPrefillOf(a: Readonly<Record<string, unknown>>): PodPrefill {
  const gpu = textOf(a.gpuName);
  const systemGb = numberOf(a.systemDiskSize);
  const dataGb = numberOf(a.dataDiskSize);
  return {
    gpu: gpu ? { id: gpu, count: numberOf(a.gpuNum) } : undefined,
    region: textOf(a.dcId),
    image: textOf(a.imageId),
    disks: systemGb !== undefined || dataGb !== undefined ? { systemGb, dataGb } : undefined,
    ports: [...portsFromText(a.tcpPorts, 'tcp'), ...portsFromText(a.httpPorts, 'http')],
    billing: textOf(a.skuName),
  };
}
