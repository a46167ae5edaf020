import { CancelledError } from '../core/errors';
import { BACK, type InputStep, type PickStep, type UserInput } from './prompts';

/**
 * The one cancel guard of single questions outside the wizard: a dismissed prompt (or Back, where a
 * lone question offers none) stops the command with CancelledError, which commands end on silently.
 */

export interface PickOneOptions {
  /** No items: call this (to say why) and cancel, instead of showing an empty list. */
  whenEmpty?: () => void;
  /** Exactly one item, and a pickable one: take it without asking. */
  takeSingle?: boolean;
}

/** The value the user picked from a single-choice list. */
export async function pickOne<T>(
  ui: UserInput,
  step: Omit<PickStep<T>, 'canPickMany'>,
  options: PickOneOptions = {},
): Promise<T> {
  let items = step.items;
  if (options.whenEmpty || options.takeSingle) {
    const list = await items;
    if (list.length === 0 && options.whenEmpty) {
      options.whenEmpty();
      throw new CancelledError();
    }
    if (list.length === 1 && options.takeSingle && !list[0].disabledReason) return list[0].value;
    items = list;
  }
  const picked = await ui.pick({ ...step, items });
  if (picked === undefined || picked === BACK || Array.isArray(picked)) throw new CancelledError();
  return picked;
}

/** The text the user typed (already accepted by `step.validate`). */
export async function inputOne(ui: UserInput, step: InputStep): Promise<string> {
  const text = await ui.input(step);
  if (text === undefined || text === BACK) throw new CancelledError();
  return text;
}
