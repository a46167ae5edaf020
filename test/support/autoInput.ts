import {
  type BACK,
  type ConfirmOptions,
  type InputStep,
  type PickItem,
  type PickStep,
  type UserInput,
} from '../../src/ui/prompts';
import { type AskedQuestion, counter } from './scriptedInput';

/**
 * Answers any wizard the way a hurried user would: the preselected or first pickable item, the prompt's own
 * initial value; `answers` overrides by question id (a label substring for picks — or a function, whose
 * undefined means Escape —, a value for inputs, a boolean for confirms). A list answers a question asked again
 * and again (a step that comes back to its list) one item per asking, then as if unscripted. Every question is
 * recorded, so a test can check what was offered.
 */
export class AutoInput implements UserInput {
  readonly asked: AskedQuestion[] = [];

  constructor(
    private readonly answers: Record<
      string,
      string | string[] | boolean | ((items: PickItem<unknown>[]) => PickItem<unknown> | undefined)
    > = {},
  ) {}

  /** The answer for this asking of `id`: a list gives its next item. */
  private wanted(id: string) {
    const a = this.answers[id];
    return Array.isArray(a) ? a.shift() : a;
  }

  async pick<T>(step: PickStep<T>): Promise<T | T[] | typeof BACK | undefined> {
    const items = (await step.items) as PickItem<unknown>[];
    this.asked.push({
      ...counter(step),
      id: step.id,
      title: step.title,
      kind: 'pick',
      items,
      placeholder: step.placeholder,
    });
    const wanted = this.wanted(step.id);
    const usable = items.filter((i) => !i.disabledReason);
    if (step.canPickMany) {
      return items.filter((i) => i.picked).map((i) => i.value as T);
    }
    let chosen: PickItem<unknown> | undefined;
    if (typeof wanted === 'function') {
      // A function that finds nothing dismisses the pick, as a user pressing Escape would.
      chosen = wanted(items);
      if (!chosen) return undefined;
    } else if (typeof wanted === 'string')
      chosen = usable.find((i) => i.label.includes(wanted) || i.description?.includes(wanted));
    else chosen = usable.find((i) => i.picked) ?? usable.find((i) => !i.label.includes('Custom'));
    if (!chosen)
      throw new Error(
        `AutoInput: nothing to pick for "${step.id}" (${String(wanted)}) among ${items.map((i) => i.label).join(' | ')}`,
      );
    return chosen.value as T;
  }

  async input(step: InputStep): Promise<string | typeof BACK | undefined> {
    const wanted = this.wanted(step.id);
    const value = typeof wanted === 'string' ? wanted : (step.value ?? '');
    const validation = step.validate?.(value);
    this.asked.push({
      ...counter(step),
      id: step.id,
      title: step.title,
      kind: 'input',
      value: step.value,
      prompt: step.prompt,
      validation,
    });
    // A password box's value stays out of the error: GPU Pods logs the errors a command ends with.
    const shown = step.password ? '(the password typed)' : `"${value}"`;
    if (validation) throw new Error(`AutoInput: "${step.id}" refuses ${shown}: ${validation}`);
    return value;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.asked.push({ id: options.id, title: options.message, kind: 'confirm' });
    const wanted = this.wanted(options.id);
    return typeof wanted === 'boolean' ? wanted : true;
  }
}
