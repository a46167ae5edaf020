import type { PodPrefill, SuggestedAnswers } from '../../../core/podPrefill';
import { suggest } from '../../../core/podPrefill';
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
