import { numberOf, suggest, textOf, type PodPrefill, type SuggestedAnswers } from '../../../core/podPrefill';

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

/** The way back (Save These Answers to the Workspace): the pod's parts the wizard's answers give. */
export function neevPrefillOf(a: Readonly<Record<string, unknown>>): PodPrefill {
  const gpu = a.gpu && typeof a.gpu === 'object' ? textOf((a.gpu as Record<string, unknown>).configId) : undefined;
  return {
    gpu: gpu ? { id: gpu, count: numberOf(a.count) } : undefined,
    region: textOf(a.region),
    image: textOf(a.template),
  };
}
