import { suggest, type PodPrefill, type SuggestedAnswers } from '../../../core/podPrefill';

/**
 * The wizard's answers for Create Runtime Like This… (field ids of gpuSteps and templateSteps). The GPU answer
 * names the config only: it picks that config's option whatever region the option suggests.
 */
export function neevAnswersLike(p: PodPrefill): SuggestedAnswers {
  const s = suggest();
  if (p.gpu) {
    s.set('gpu', { configId: p.gpu.id });
    s.set('count', p.gpu.count);
  } else s.note(['gpu'], 'gpu');
  s.set('region', p.region);
  if (p.image) s.set('template', p.image);
  else s.note(['template'], 'image');
  s.note(['plan'], 'plan');
  return { answers: s.answers, notes: s.notes };
}
