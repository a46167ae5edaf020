// Type-only (this file runs in plain Node in the unit tests); it also lets `@vscode/l10n-dev export` find the
// l10n.t calls below, see ./l10n.
import type * as vscode from 'vscode';
import type {
  Answers,
  CreateContext,
  CreateForm,
  FormField,
  InlineAsk,
  MultiPickField,
  PickField,
  PickOption,
} from '../core/createForm';
import { displayText } from '../core/displayText';
import type { EnvVault } from '../core/envVault';
import type { SuggestedAnswers } from '../core/podPrefill';
import { CancelledError, GpuPodsError, userMessage } from '../core/errors';
import { editEnvironment } from './envEditor';
import { l10n as translations } from './l10n';
import { BACK, type PickItem, type UserInput } from './prompts';
import { stepCounter } from './stepCounter';
import { CREATE, SAVE, STAY, summaryStep } from './wizardSummary';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

const CUSTOM = Symbol('custom');
const INLINE = Symbol('inline');
/** The "could not be loaded" line of an optional step: shown, never an answer. */
const UNAVAILABLE = Symbol('unavailable');

export interface WizardOptions {
  title: string;
  /** Answers from an earlier attempt: every step starts on them, and the wizard opens on the summary. */
  previous?: Answers;
  /** Label of the final button ("Create pod"). */
  confirmLabel: string;
  /**
   * Answers chosen before the wizard (the cross-cloud picker's offer). On the first pass a step they answer
   * is not asked while its option is still offered and pickable; otherwise it is asked as usual. Ignored
   * when `previous` is given.
   */
  prefilled?: Answers;
  /**
   * Answers read from an existing pod (Create Pod Like This…): every step is asked, starting on its suggested
   * answer (Enter keeps it); a step the pod could not fill says so (its note). Ignored when `previous` is given,
   * except the notes, which stay true.
   */
  suggested?: SuggestedAnswers;
  /** Where an optional list's failure is written in full (the step itself shows one sentence). */
  log?(message: string): void;
  /**
   * The wizard was opened from another list (the best offers): its first step offers Back too, which ends
   * the wizard with BackToCaller so the caller can show its list again.
   */
  backToCaller?: boolean;
  /** The account's saved environment sets and kept secrets, for the environment step (core/envVault.ts). */
  envVault?: EnvVault;
  /**
   * "Save These Answers to the Workspace" on the summary: called with the answers, then the summary shows again.
   * It reports its own outcome (written, declined, failed).
   */
  saveAnswers?(answers: Answers): Promise<void>;
  /**
   * The prefilled answers are a whole pod (the workspace spec): a step they leave out takes its default (the
   * option picked by default, the suggested text) without being asked, so a complete spec opens on the summary.
   * A step whose answer the cloud no longer takes is asked, saying why.
   */
  prefilledComplete?: boolean;
}

/** Back on the first step of a wizard opened with `backToCaller`. A cancellation for everyone else. */
export class BackToCaller extends CancelledError {
  constructor() {
    super();
    this.name = 'BackToCaller';
  }
}

/**
 * Runs a cloud's create form as a multi-step quick pick with Back, ending on a summary that can jump to any
 * step. Resolves with the answers when the user confirms, undefined when they dismiss it.
 */
export async function runWizard(
  ui: UserInput,
  form: CreateForm<unknown>,
  ctx: CreateContext,
  options: WizardOptions,
): Promise<Answers | undefined> {
  const answers: Answers = { ...(options.previous ?? options.prefilled ?? options.suggested?.answers) };
  const pending = new Set(
    options.previous
      ? []
      : options.prefilledComplete
        ? form.fields.map((f) => f.id)
        : Object.keys(options.prefilled ?? {}),
  );
  // Why a prefilled answer was not taken: said in its step.
  const refused: Record<string, string> = {};
  // Steps the user is not asked: prefilled ones still to come or taken without showing (see stepCounter).
  const notAsked = new Set(pending);
  const fields = form.fields;
  let index = options.previous ? fields.length : 0;
  const history: number[] = [];
  for (;;) {
    if (index >= fields.length) {
      const choice = await summaryStep(
        ui,
        form,
        ctx,
        answers,
        { title: options.title, confirmLabel: options.confirmLabel, canSave: !!options.saveAnswers },
        fields,
        history.length > 0 || fields.length > 0,
        stepCounter(fields, answers, notAsked, fields.length),
      );
      if (choice === undefined) return undefined;
      if (choice === CREATE) return answers;
      if (choice === SAVE) {
        await options.saveAnswers?.(answers);
        continue;
      }
      if (choice === STAY) continue;
      if (choice === BACK) {
        index = history.pop() ?? lastActive(fields, answers);
        continue;
      }
      index = choice;
      continue;
    }
    const field = fields[index];
    if (field.skip?.(answers)) {
      delete answers[field.id];
      index++;
      continue;
    }
    if (pending.delete(field.id)) {
      const taken = await takePrefilled(field, answers, !!options.prefilledComplete);
      if ('value' in taken) {
        answers[field.id] = taken.value;
        index++;
        continue;
      }
      if (taken.reason) refused[field.id] = taken.reason;
    }
    notAsked.delete(field.id);
    const counter = stepCounter(fields, answers, notAsked, index);
    const canGoBack = history.length > 0 || !!options.backToCaller;
    const note = refused[field.id] ?? options.suggested?.notes[field.id];
    const result =
      field.kind === 'env'
        ? await editEnvironment(
            { ui, title: l10n.t('{0}: {1}', options.title, field.title), ...counter, vault: options.envVault, note },
            field,
            answers,
            canGoBack,
          )
        : await askField(ui, field, answers, options.title, counter, canGoBack, options.log, note);
    if (result === undefined) return undefined;
    if (result === BACK) {
      const previous = history.pop();
      if (previous === undefined && options.backToCaller) throw new BackToCaller();
      index = previous ?? 0;
      continue;
    }
    answers[field.id] = result.value;
    history.push(index);
    // Later steps may depend on this answer (regions of a GPU), so walk on through them; each starts
    // on its previous answer, so confirming costs one key press.
    index++;
  }
}

/**
 * A prefilled answer the step would accept: a pickable option with that value (loading the options also
 * lets the form cache what later steps read), or text its validation passes. With `withDefaults`, a step with no
 * prefilled answer takes its default; a prefilled answer the step refuses comes back with the reason.
 */
async function takePrefilled(
  field: FormField,
  answers: Answers,
  withDefaults: boolean,
): Promise<{ value: unknown } | { reason?: string }> {
  const value = answers[field.id];
  if (value === undefined) return withDefaults ? takeDefault(field, answers) : {};
  if (field.kind === 'text' || field.kind === 'number') {
    const problem = field.validate?.(String(value), answers);
    return problem ? { reason: problem } : { value };
  }
  if (field.kind === 'multiPick' || field.kind === 'env') return { value };
  const options = await (field as PickField).options(answers).catch(() => [] as PickOption[]);
  const match = options.find((o) => sameValue(o.value, value));
  if (match && !match.disabledReason) return { value: match.value };
  if (!withDefaults) return {};
  // A value the step takes as typed text (an image reference of the user's own): its validation decides.
  const custom = (field as PickField).allowCustom;
  if (!match && custom && typeof value === 'string') {
    const problem = custom.validate?.(value, answers);
    if (!problem) return { value };
    return { reason: l10n.t('The workspace spec asks for {0}: {1}', displayText(value), problem) };
  }
  const what = match
    ? displayText(match.label)
    : displayText(typeof value === 'string' ? value : JSON.stringify(value));
  return {
    reason: match
      ? l10n.t(
          'The workspace spec asks for {0}, which is not available now ({1}): pick another.',
          what,
          displayText(match.disabledReason ?? ''),
        )
      : l10n.t('The workspace spec asks for {0}, which is not offered now: pick another.', what),
  };
}

/** A step's default, taken without asking: the option picked by default, the suggested text, no variables. */
async function takeDefault(field: FormField, answers: Answers): Promise<{ value: unknown } | { reason?: string }> {
  if (field.kind === 'env') return { value: { vars: [] } };
  if (field.kind === 'text' || field.kind === 'number') {
    const initial = field.initial?.(answers);
    if (initial === undefined || field.validate?.(initial, answers)) return {};
    return { value: field.kind === 'number' ? Number(initial) : initial };
  }
  const options = await (field as PickField | MultiPickField).options(answers).catch(() => [] as PickOption[]);
  const usable = options.filter((o) => !o.disabledReason);
  if (field.kind === 'multiPick') return { value: usable.filter((o) => o.picked).map((o) => o.value) };
  const chosen = usable.find((o) => o.picked) ?? (usable.length === 1 ? usable[0] : undefined);
  return chosen ? { value: chosen.value } : {};
}

/** Equal values, or an object whose fields all equal the option value's (the option may carry more). */
function sameValue(option: unknown, wanted: unknown): boolean {
  if (JSON.stringify(option) === JSON.stringify(wanted)) return true;
  if (!wanted || typeof wanted !== 'object' || !option || typeof option !== 'object' || Array.isArray(wanted))
    return false;
  return Object.entries(wanted).every(
    ([k, v]) => JSON.stringify((option as Record<string, unknown>)[k]) === JSON.stringify(v),
  );
}

function lastActive(fields: FormField[], answers: Answers): number {
  for (let i = fields.length - 1; i >= 0; i--) if (!fields[i].skip?.(answers)) return i;
  return 0;
}

async function askField(
  ui: UserInput,
  field: Exclude<FormField, { kind: 'env' }>,
  answers: Answers,
  title: string,
  counter: { step: number; totalSteps: number },
  canGoBack: boolean,
  log?: (message: string) => void,
  /** Why the step could not be filled from the pod it copies: said where the step says what it asks. */
  note?: string,
): Promise<{ value: unknown } | typeof BACK | undefined> {
  const base = {
    id: field.id,
    title: l10n.t('{0}: {1}', title, field.title),
    ...counter,
    canGoBack,
    placeholder: note ?? field.placeholder,
  };
  if (field.kind === 'text' || field.kind === 'number') {
    const previous = answers[field.id];
    const value = await ui.input({
      ...base,
      prompt: note && field.prompt ? `${note} ${field.prompt}` : (note ?? field.prompt),
      value: previous !== undefined ? String(previous) : field.initial?.(answers),
      validate: (v) =>
        field.validate?.(v, answers) ??
        (field.kind === 'number' && !/^\d+$/.test(v.trim()) ? l10n.t('Enter a whole number.') : undefined),
    });
    if (value === undefined || value === BACK) return value;
    return { value: field.kind === 'number' ? Number(value.trim()) : value.trim() };
  }
  const choice = field as PickField | MultiPickField;
  let notice: PickOption | undefined;
  for (;;) {
    const shownNotice = notice;
    notice = undefined;
    const items = loadOptions(choice, answers, log).then((options) => [
      ...(shownNotice ? toItems([shownNotice], undefined, false) : []),
      ...toItems(options, answers[choice.id], choice.kind === 'pick' && !!choice.allowCustom),
      ...(choice.kind === 'pick' && choice.inline ? [{ label: `$(add) ${choice.inline.label}`, value: INLINE }] : []),
    ]);
    const picked = await ui.pick<unknown>({ ...base, items, canPickMany: field.kind === 'multiPick' });
    if (picked === undefined || picked === BACK) return picked;
    if (Array.isArray(picked)) return { value: picked.filter((v) => v !== UNAVAILABLE) };
    if (picked === UNAVAILABLE) continue;
    if (picked === INLINE && field.kind === 'pick' && field.inline) {
      const ran = await runInline(ui, field, field.inline, answers, title, log);
      if ('value' in ran) return ran;
      notice = ran.notice;
      continue;
    }
    if (picked !== CUSTOM) return { value: picked };
    if (field.kind !== 'pick' || !field.allowCustom) continue;
    const custom = field.allowCustom;
    const text = await ui.input({
      ...base,
      id: `${field.id}.custom`,
      prompt: custom.prompt,
      canGoBack: true,
      value: typeof answers[field.id] === 'string' ? String(answers[field.id]) : '',
      validate: (v) => (v.trim() === '' ? l10n.t('A value is required.') : custom.validate?.(v.trim(), answers)),
    });
    if (text === undefined) return undefined;
    if (text !== BACK) return { value: text.trim() };
  }
}

/**
 * Runs a step's inline flow ("Add credential…"). Its result answers the step; a dismissed flow shows the step
 * again as it was; a failure shows it again with the reason as a line that cannot be picked.
 */
async function runInline(
  ui: UserInput,
  field: PickField,
  inline: NonNullable<PickField['inline']>,
  answers: Answers,
  title: string,
  log?: (message: string) => void,
): Promise<{ value: unknown } | { notice?: PickOption }> {
  try {
    return { value: await inline.run(inlineAsk(ui, title), answers) };
  } catch (error) {
    if (error instanceof CancelledError) return {};
    const reason = userMessage(error);
    const details = error instanceof GpuPodsError && error.details ? ` (${error.details})` : '';
    log?.(`"${inline.label}" in the "${field.title}" step failed: ${reason}${details}`);
    return {
      notice: {
        label: l10n.t('{0} failed: {1}', inline.label, reason),
        value: UNAVAILABLE,
        disabledReason: l10n.t('this line only says why; pick another option or try again'),
      },
    };
  }
}

/** The prompts an inline flow gets (and a command asking the same questions): Back or Escape ends the flow. */
export function inlineAsk(ui: UserInput, title: string): InlineAsk {
  return {
    async text(q) {
      const value = await ui.input({
        id: q.id,
        title: l10n.t('{0}: {1}', title, q.title),
        prompt: q.prompt,
        value: q.value,
        password: q.password,
        canGoBack: true,
        validate: q.validate,
      });
      if (value === undefined || value === BACK) throw new CancelledError();
      return value;
    },
    async pick(q) {
      const value = await ui.pick({
        id: q.id,
        title: l10n.t('{0}: {1}', title, q.title),
        items: toItems(q.options, undefined, false) as PickItem<never>[],
        canGoBack: true,
      });
      if (value === undefined || value === BACK || Array.isArray(value)) throw new CancelledError();
      return value;
    },
  };
}

/**
 * A step's options; an optional step whose list fails shows why (a line that cannot be picked) and offers
 * going on without it. A required list's failure still stops the wizard: there is nothing to go on with.
 */
async function loadOptions(
  field: PickField | MultiPickField,
  answers: Answers,
  log?: (message: string) => void,
): Promise<PickOption[]> {
  if (!field.optional) return field.options(answers);
  try {
    return await field.options(answers);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    const reason = userMessage(error);
    const details = error instanceof GpuPodsError && error.details ? ` (${error.details})` : '';
    log?.(
      `${field.optional.what} could not be loaded for the "${field.title}" step; offering to go on without: ${reason}${details}`,
    );
    const line: PickOption = {
      label: l10n.t('{0} could not be loaded: {1}', field.optional.what, reason),
      value: UNAVAILABLE,
      disabledReason:
        'without' in field.optional
          ? l10n.t(
              'this line only says why; pick "{0}" to go on without, or go Back to try again',
              field.optional.without.label,
            )
          : l10n.t('this line only says why; go on with none, or go Back to try again'),
    };
    return 'without' in field.optional ? [line, { ...field.optional.without, picked: true }] : [line];
  }
}

function toItems(options: PickOption[], previous: unknown, allowCustom: boolean): PickItem<unknown>[] {
  // An object answer picks the option whose value has its fields (the option may carry more).
  const isPrevious = (value: unknown) =>
    previous !== undefined &&
    (Array.isArray(previous) ? previous.some((p) => sameValue(value, p)) : sameValue(value, previous));
  // Options are the cloud's words (GPU names, regions, images, why something is sold out): shown inert.
  const items: PickItem<unknown>[] = options.map((o) => ({
    label: displayText(o.label),
    description: o.description === undefined ? undefined : displayText(o.description),
    detail: o.detail === undefined ? undefined : displayText(o.detail, { maxLength: 400 }),
    value: o.value,
    disabledReason: o.disabledReason === undefined ? undefined : displayText(o.disabledReason),
    picked: previous !== undefined ? isPrevious(o.value) : o.picked,
  }));
  if (allowCustom) {
    // A value typed earlier (or read from the pod being copied) that no option has: offered as it is, picked.
    if (typeof previous === 'string' && previous !== '' && !options.some((o) => sameValue(o.value, previous)))
      items.push({ label: displayText(previous), description: l10n.t('typed'), value: previous, picked: true });
    items.push({ label: `$(edit) ${l10n.t('Custom…')}`, value: CUSTOM });
  }
  return items;
}
