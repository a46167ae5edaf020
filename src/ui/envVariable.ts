// Type-only (runs in plain Node in the unit tests; lets `@vscode/l10n-dev export` find the l10n.t calls).
import type * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import {
  type EnvRules,
  type EnvVar,
  looksSecret,
  suggestedSecretName,
  validateEnvName,
  validateEnvValue,
  validateSecretName,
} from '../core/formSteps/envVars';
import { type EnvFrame, framePrompt } from './envFrame';
import { l10n as translations } from './l10n';
import { BACK, type PickItem } from './prompts';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

type Kind = { kind: 'plain' } | { kind: 'newSecret' } | { kind: 'kept'; secret: string };

/**
 * A new variable: its name, then how its value is kept — typed as plain text, typed as a new secret (kept in
 * VS Code's secret storage under a name, right away), or one of the secrets already kept. The variable holds
 * the secret's name only. BACK: nothing added; undefined: the wizard ends.
 */
export async function newVariable(
  frame: EnvFrame,
  rules: EnvRules,
  vars: readonly EnvVar[],
): Promise<EnvVar | typeof BACK | undefined> {
  const taken = vars.map((v) => v.name);
  const name = await frame.ui.input({
    ...framePrompt(frame, 'env.name'),
    prompt: l10n.t('Name of the new variable, e.g. HF_TOKEN'),
    validate: (v) => validateEnvName(v, rules, taken),
  });
  if (name === undefined || name === BACK) return name;
  const kind = await askKind(frame, name.trim());
  if (kind === undefined || kind === BACK) return kind;
  return valueOf(frame, rules, name.trim(), kind);
}

/** A variable's own list: change its value, or remove it. */
export async function editVariable(
  frame: EnvFrame,
  rules: EnvRules,
  v: EnvVar,
): Promise<EnvVar | 'remove' | typeof BACK | undefined> {
  const items: PickItem<'value' | 'secret' | 'remove'>[] = [
    v.secret === undefined
      ? { label: `$(edit) ${l10n.t('Change Value…')}`, value: 'value' }
      : {
          label: `$(key) ${l10n.t('Change the Secret "{0}"…', v.secret)}`,
          detail: l10n.t('The new value replaces the kept one, for every variable and set that names it'),
          value: 'value',
        },
    ...(frame.vault ? [{ label: `$(lock) ${l10n.t('Keep Its Value Another Way…')}`, value: 'secret' as const }] : []),
    { label: `$(trash) ${l10n.t('Remove {0}', displayText(v.name))}`, value: 'remove' },
  ];
  const choice = await frame.ui.pick({
    ...framePrompt(frame, 'env.variable'),
    placeholder: displayText(v.name),
    items,
  });
  if (choice === undefined || choice === BACK || Array.isArray(choice)) return choice === undefined ? undefined : BACK;
  if (choice === 'remove') return 'remove';
  if (choice === 'secret') {
    const kind = await askKind(frame, v.name);
    return kind === undefined || kind === BACK ? kind : valueOf(frame, rules, v.name, kind);
  }
  if (v.secret === undefined) return valueOf(frame, rules, v.name, { kind: 'plain' }, v.value);
  const value = await secretValue(frame, rules, v.name, v.secret);
  if (value === undefined || value === BACK) return value;
  await frame.vault?.storeSecret(v.secret, value);
  return v;
}

async function askKind(frame: EnvFrame, name: string): Promise<Kind | typeof BACK | undefined> {
  if (!frame.vault) return { kind: 'plain' };
  const secretFirst = looksSecret(name);
  const items: PickItem<Kind>[] = [
    {
      label: `$(lock) ${l10n.t('New Secret Value…')}`,
      detail: l10n.t("Kept in VS Code's secret storage under a name, shown masked, read only when the pod is created"),
      value: { kind: 'newSecret' },
      picked: secretFirst,
    },
    {
      label: `$(edit) ${l10n.t('Plain Value…')}`,
      detail: l10n.t('Sent as typed; shown in the summary'),
      value: { kind: 'plain' },
      picked: !secretFirst,
    },
    ...frame.vault.secretNames().map((secret) => ({
      label: `$(key) ${displayText(secret)}`,
      description: l10n.t('kept secret'),
      value: { kind: 'kept', secret } as Kind,
      group: l10n.t('Secrets kept in VS Code'),
    })),
  ];
  const kind = await frame.ui.pick({
    ...framePrompt(frame, 'env.kind'),
    placeholder: l10n.t('How is the value of {0} kept?', displayText(name)),
    items,
  });
  return Array.isArray(kind) ? BACK : kind;
}

/** The variable with its value: typed (plain), typed and kept as a new secret, or a kept secret's name. */
async function valueOf(
  frame: EnvFrame,
  rules: EnvRules,
  name: string,
  kind: Kind,
  current?: string,
): Promise<EnvVar | typeof BACK | undefined> {
  if (kind.kind === 'kept') return { name, secret: kind.secret };
  if (kind.kind === 'plain') {
    const value = await frame.ui.input({
      ...framePrompt(frame, 'env.value'),
      value: current ?? '',
      prompt: l10n.t('Value of {0} (sent as typed)', displayText(name)),
      validate: (v) => validateEnvValue(v, rules),
    });
    return value === undefined || value === BACK ? value : { name, value };
  }
  const vault = frame.vault!;
  const secret = await frame.ui.input({
    ...framePrompt(frame, 'env.secretName'),
    value: suggestedSecretName(name),
    prompt: l10n.t('Name to keep the secret under, e.g. hf-token (you can reuse it in later pods)'),
    validate: (v) => validateSecretName(v, vault.secretNames()),
  });
  if (secret === undefined || secret === BACK) return secret;
  const value = await secretValue(frame, rules, name, secret.trim());
  if (value === undefined || value === BACK) return value;
  await vault.storeSecret(secret.trim(), value);
  return { name, secret: secret.trim() };
}

/** A secret value, typed into a password box: never shown, never part of an answer. */
function secretValue(frame: EnvFrame, rules: EnvRules, name: string, secret: string) {
  return frame.ui.input({
    ...framePrompt(frame, 'env.secretValue'),
    password: true,
    prompt: l10n.t('Value of {0}, kept in VS Code\'s secret storage as "{1}"', displayText(name), secret),
    validate: (v) => (v === '' ? l10n.t('Enter the value to keep.') : validateEnvValue(v, rules)),
  });
}
