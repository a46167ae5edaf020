import type { PodPrefill, SuggestedAnswers } from '../../../core/podPrefill';
import { numberOf, portsFromText, suggest, textOf } from '../../../core/podPrefill';
import { DEFAULT_IMAGE } from '../formInput';
import { portAnswers } from './podPortSteps';

/**
 * The pod wizard's answers for Create Pod Like This… (field ids of podGpuSteps, podImageSteps, podVolumeSteps,
 * podPortSteps). What a Yotta pod answer does not carry is noted in its step.
 */
export function podAnswersLike(p: PodPrefill, v1: boolean): SuggestedAnswers {
  const s = suggest();
  if (p.gpu) {
    s.set('gpu', p.gpu.id);
    s.set('gpuCount', p.gpu.count);
  } else s.note(['gpu'], 'gpu');
  s.set('region', p.region);
  if (p.image) s.set('image', p.image);
  else s.note(['image'], 'image');
  // No pod answer names the credential a private image was pulled with.
  if (p.image && p.image !== DEFAULT_IMAGE) s.note(['registryAuth'], 'registryAuth');
  if (p.disks?.systemGb !== undefined) s.set('containerDisk', p.disks.systemGb);
  else s.note(['containerDisk'], 'disk');
  if (!v1 && p.volumes === undefined) s.note(['volume'], 'volumes');
  if (p.ports) {
    const { ports, customPorts } = portAnswers(p.ports);
    s.set('ports', ports);
    s.set('customPorts', customPorts);
  } else s.note(['ports'], 'ports');
  return { answers: s.answers, notes: s.notes };
}

/** The way back (Save These Answers to the Workspace): the pod's parts the wizard's answers give. */
export function podPrefillOf(a: Readonly<Record<string, unknown>>): PodPrefill {
  const gpu = textOf(a.gpu);
  const ticked = Array.isArray(a.ports) ? a.ports.filter((p): p is string => typeof p === 'string') : [];
  const systemGb = numberOf(a.containerDisk);
  return {
    gpu: gpu ? { id: gpu, count: numberOf(a.gpuCount) } : undefined,
    region: textOf(a.region),
    image: textOf(a.image),
    disks: systemGb !== undefined ? { systemGb } : undefined,
    ports: portsFromText([...ticked, textOf(a.customPorts) ?? ''].join(',')),
  };
}
