// Type-only (this file runs in plain Node in the unit tests); see ./l10n.
import type * as vscode from 'vscode';
import type { Answers, CreateContext, CreateForm, FormField } from '../core/createForm';
import { displayText } from '../core/displayText';
import { l10n as translations } from './l10n';
import { BACK, type UserInput } from './prompts';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

export const CREATE = Symbol('create');
export const SAVE = Symbol('save');
/** A summary line that maps to no step: picking it keeps the summary open. */
export const STAY = -1;

/**
 * The wizard's last step: Create first, then what will be rented, each line leading back to its step, then
 * (where offered) Save These Answers to the Workspace.
 */
export async function summaryStep(
  ui: UserInput,
  form: CreateForm<unknown>,
  ctx: CreateContext,
  answers: Answers,
  options: { title: string; confirmLabel: string; canSave: boolean },
  fields: FormField[],
  canGoBack: boolean,
  counter: { step: number; totalSteps: number },
): Promise<number | typeof CREATE | typeof SAVE | typeof BACK | undefined> {
  const lines = form.summarize(answers, ctx);
  type Choice = number | typeof CREATE | typeof SAVE;
  const items = lines.then((ls) => [
    { label: `$(check) ${options.confirmLabel}`, value: CREATE as Choice },
    ...ls.map((l) => {
      const target = l.fieldId ? fields.findIndex((f) => f.id === l.fieldId) : -1;
      return {
        label: displayText(l.label),
        description: displayText(l.value, { maxLength: 400 }),
        detail: target >= 0 ? l10n.t('Select to change') : undefined,
        value: (target >= 0 ? target : STAY) as Choice,
        group: l10n.t('Summary'),
      };
    }),
    // after the facts: the summary opens on what will be rented, then offers to keep it
    ...(options.canSave
      ? [
          {
            label: `$(save) ${l10n.t('Save These Answers to the Workspace')}`,
            value: SAVE as Choice,
            group: l10n.t('Workspace'),
          },
        ]
      : []),
  ]);
  const choice = await ui.pick({
    id: 'summary',
    title: l10n.t('{0}: Summary', options.title),
    placeholder: l10n.t('Check what will be created; select a line to change it'),
    items,
    canGoBack,
    ...counter,
  });
  if (choice === undefined || choice === BACK) return choice;
  return choice as number | typeof CREATE | typeof SAVE;
}
