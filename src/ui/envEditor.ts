// Type-only (runs in plain Node in the unit tests; lets `@vscode/l10n-dev export` find the l10n.t calls).
import type * as vscode from 'vscode';
import type { Answers, EnvField } from '../core/createForm';
import { type EnvAnswer, envAnswer, type EnvRules, mergeEnvVars } from '../core/formSteps/envVars';
import type { EnvFrame } from './envFrame';
import { type EnvAction, envMenu, tidy } from './envMenu';
import { editVariable, newVariable } from './envVariable';
import { manageKept, saveAsSet } from './envManage';
import { l10n as translations } from './l10n';
import { BACK } from './prompts';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

/**
 * The environment step as one list: Continue, the variables (select one to change or remove it), Add
 * Variable…, the start command and entrypoint where the cloud takes them, the account's saved sets (select
 * one to use it), Save as a Set…, Manage…. It comes back to the list after each action; Continue answers.
 * Back from a question inside returns to the list; Back on the list leaves the step with the changes kept;
 * Escape ends the wizard.
 */
export async function editEnvironment(
  frame: EnvFrame,
  field: EnvField,
  answers: Answers,
  canGoBack: boolean,
): Promise<{ value: EnvAnswer } | typeof BACK | undefined> {
  let env = envAnswer(answers, field.id);
  for (;;) {
    const action = await frame.ui.pick<EnvAction>({
      id: field.id,
      title: frame.title,
      step: frame.step,
      totalSteps: frame.totalSteps,
      canGoBack,
      placeholder: frame.note
        ? `${frame.note} ${l10n.t('Add variables, or Continue')}`
        : l10n.t('Add variables, or Continue'),
      items: envMenu(env, field, answers, frame.vault),
    });
    // Back keeps what was changed (the list edits, it does not choose); Escape ends the wizard as any step does.
    if (action === BACK) answers[field.id] = tidy(env);
    if (action === undefined || action === BACK) return action;
    if (Array.isArray(action)) continue;
    if (action.do === 'done') return { value: tidy(env) };
    const next = await act(frame, field, env, action);
    if (next === undefined) return undefined;
    if (next !== BACK) env = next;
  }
}

/** One action from the list: the environment it leaves, BACK (unchanged), or undefined (the wizard ends). */
async function act(
  frame: EnvFrame,
  field: EnvField,
  env: EnvAnswer,
  action: Exclude<EnvAction, { do: 'done' }>,
): Promise<EnvAnswer | typeof BACK | undefined> {
  const rules = field.rules;
  switch (action.do) {
    case 'add': {
      const v = await newVariable(frame, rules, env.vars);
      return v === undefined || v === BACK ? v : { ...env, vars: [...env.vars, v] };
    }
    case 'edit': {
      const v = await editVariable(
        frame,
        rules,
        env.vars.find((x) => x.name === action.name)!,
      );
      if (v === undefined || v === BACK) return v;
      const vars =
        v === 'remove'
          ? env.vars.filter((x) => x.name !== action.name)
          : env.vars.map((x) => (x.name === action.name ? v : x));
      return { ...env, vars };
    }
    case 'command':
    case 'entrypoint': {
      const text = await startText(frame, rules, action.do, env[action.do]);
      return text === undefined || text === BACK ? text : { ...env, [action.do]: text || undefined };
    }
    case 'useSet': {
      const set = frame.vault?.sets().find((s) => s.name === action.name);
      return set ? { ...env, vars: mergeEnvVars(env.vars, set.vars, rules) } : BACK;
    }
    case 'saveSet':
      return (await saveAsSet(frame, env.vars)) === undefined ? undefined : BACK;
    case 'manage':
      return (await manageKept(frame)) === undefined ? undefined : BACK;
  }
}

/** The start command or entrypoint typed; '' keeps the image's own. */
async function startText(
  frame: EnvFrame,
  rules: EnvRules,
  which: 'command' | 'entrypoint',
  current: string | undefined,
): Promise<string | typeof BACK | undefined> {
  const max = (which === 'command' ? rules.command : rules.entrypoint)?.maxLength;
  return frame.ui.input({
    id: `env.${which}`,
    title: frame.title,
    step: frame.step,
    totalSteps: frame.totalSteps,
    canGoBack: true,
    value: current ?? '',
    prompt:
      which === 'command'
        ? l10n.t('The command the pod starts with (empty: the default shown in the list)')
        : l10n.t("The entrypoint, replacing the image's ENTRYPOINT (empty: the image's own)"),
    validate: (v) =>
      max !== undefined && v.trim().length > max
        ? l10n.t('{0} takes at most {1} characters here.', rules.cloud, max)
        : undefined,
  });
}
