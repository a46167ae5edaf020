import type { Answers, FormField } from '../core/createForm';

/**
 * The "N/M" a wizard step shows. The rule, so that the counter never jumps:
 * - M counts the steps that will be asked given the answers so far — a step its `skip` rule drops is not
 *   counted, nor one answered from the prefill without being shown — plus the summary, always the last (M/M);
 * - N is the step's place among them.
 * Both are recomputed from the current answers each time a step shows, so Back shows a step's own number
 * again and each step forward adds exactly one. An answer that opens a step (a custom image needs its registry
 * credential, a new volume its size) raises M from that step on; N still moves by one.
 */
export function stepCounter(
  fields: readonly FormField[],
  answers: Answers,
  notAsked: ReadonlySet<string>,
  /** The field's index, or fields.length for the summary. */
  index: number,
): { step: number; totalSteps: number } {
  const asked = (f: FormField) => !notAsked.has(f.id) && !f.skip?.(answers);
  const totalSteps = fields.filter(asked).length + 1;
  if (index >= fields.length) return { step: totalSteps, totalSteps };
  return { step: fields.slice(0, index).filter(asked).length + 1, totalSteps };
}
