/** The name step every cloud's create wizard ends with, and the pieces its defaults and rules are made of. */

import type { Answers, TextField } from '../createForm';
import { l10n } from '../l10n';

/** "NVIDIA H100 (SXM)" → "nvidia-h100-sxm": lower-case letters and digits joined by single hyphens. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A validator for a cloud's naming rule: the trimmed value must match `rule`, else `message`. */
export function mustMatch(rule: RegExp, message: string): (value: string) => string | undefined {
  return (value) => (rule.test(value.trim()) ? undefined : message);
}

export interface NameStepOptions {
  prompt?: string;
  /** The suggested name, from the answers so far (the GPU picked). Synchronous: the wizard shows it at once. */
  initial(answers: Answers): string;
  validate(value: string): string | undefined;
}

/** The "Name" text step (answer id `name`). */
export function nameStep(options: NameStepOptions): TextField {
  return { kind: 'text', id: 'name', title: l10n.t('Name'), ...options };
}
