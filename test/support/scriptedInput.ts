import {
  BACK,
  type ConfirmOptions,
  type InputStep,
  type PickItem,
  type PickStep,
  type UserInput,
} from '../../src/ui/prompts';

/**
 * A UserInput that answers from a script, step by step, and fails loudly on a question it did not expect
 * (instead of hanging the way a real prompt would in a test).
 *
 * An answer for a pick is a function choosing among the items, or a string matched against item labels
 * (substring, first enabled match). 'BACK' presses Back; undefined dismisses.
 */
export type PickAnswer =
  string | ((items: PickItem<unknown>[]) => PickItem<unknown> | PickItem<unknown>[] | undefined) | 'BACK' | undefined;
export type InputAnswer = string | 'BACK' | undefined;

export interface ScriptStep {
  id: string;
  pick?: PickAnswer;
  input?: InputAnswer;
  confirm?: boolean;
}

export interface AskedQuestion {
  id: string;
  title: string;
  kind: 'pick' | 'input' | 'confirm';
  items?: PickItem<unknown>[];
  /** For inputs: the value the prompt started with. */
  value?: string;
  /** The line inside an empty box or list filter (what the step asks, or why it could not be filled). */
  placeholder?: string;
  /** For inputs: the line under the box (what it asks for, or why the last answer was refused). */
  prompt?: string;
  /** Validation message for the scripted answer, if the prompt would have refused it. */
  validation?: string;
  /** The step counter shown ("3/11"), when the question is a wizard step. */
  step?: number;
  totalSteps?: number;
}

export class ScriptedInput implements UserInput {
  readonly asked: AskedQuestion[] = [];
  private readonly script: ScriptStep[];

  constructor(script: ScriptStep[]) {
    this.script = [...script];
  }

  /** Steps not consumed yet (a test can assert the flow asked everything it expected). */
  get remaining(): ScriptStep[] {
    return this.script;
  }

  private next(id: string, kind: AskedQuestion['kind']): ScriptStep {
    const step = this.script.shift();
    if (!step) throw new Error(`Unexpected ${kind} "${id}": the script has no more answers.`);
    if (step.id !== id) throw new Error(`Expected question "${step.id}" but the extension asked "${id}" (${kind}).`);
    return step;
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
    const s = this.next(step.id, 'pick');
    if (s.pick === 'BACK') return BACK;
    if (s.pick === undefined) return undefined;
    let chosen: PickItem<unknown> | PickItem<unknown>[] | undefined;
    if (typeof s.pick === 'function') chosen = s.pick(items);
    else {
      const label = s.pick;
      chosen = items.find((i) => !i.disabledReason && i.label.includes(label));
    }
    if (!chosen)
      throw new Error(`No item matching the script for "${step.id}" among: ${items.map((i) => i.label).join(' | ')}`);
    if (Array.isArray(chosen)) return chosen.map((c) => c.value as T);
    if (chosen.disabledReason)
      throw new Error(`The script picked a disabled item "${chosen.label}" (${chosen.disabledReason}).`);
    return chosen.value as T;
  }

  async input(step: InputStep): Promise<string | typeof BACK | undefined> {
    const s = this.next(step.id, 'input');
    const question: AskedQuestion = {
      ...counter(step),
      id: step.id,
      title: step.title,
      kind: 'input',
      value: step.value,
      prompt: step.prompt,
    };
    this.asked.push(question);
    if (s.input === 'BACK') return BACK;
    if (s.input === undefined) return undefined;
    const error = step.validate?.(s.input);
    if (error) {
      question.validation = error;
      // A password box's value stays out of the error: GPU Pods logs the errors a command ends with.
      const shown = step.password ? '(the password typed)' : `"${s.input}"`;
      throw new Error(`The prompt "${step.id}" refuses ${shown}: ${error}`);
    }
    return s.input;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.asked.push({ id: options.id, title: options.message, kind: 'confirm' });
    const s = this.next(options.id, 'confirm');
    return !!s.confirm;
  }
}

/** The step counter of a question, as recorded. */
export function counter(step: { step?: number; totalSteps?: number }): Pick<AskedQuestion, 'step' | 'totalSteps'> {
  return step.totalSteps === undefined ? {} : { step: step.step, totalSteps: step.totalSteps };
}
