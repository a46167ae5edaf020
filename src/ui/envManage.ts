// Type-only (runs in plain Node in the unit tests; lets `@vscode/l10n-dev export` find the l10n.t calls).
import type * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import type { EnvVar } from '../core/formSteps/envVars';
import { type EnvFrame, framePrompt } from './envFrame';
import { l10n as translations } from './l10n';
import { BACK, type PickItem } from './prompts';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

/** A set's name: one line, something to recognise it by. */
function validateSetName(value: string, taken: readonly string[]): string | undefined {
  const v = value.trim();
  if (v === '' || v.length > 64 || /[\p{Cc}]/u.test(v)) return l10n.t('Give the set a name of 1–64 characters.');
  if (taken.includes(v)) return l10n.t('A set named "{0}" exists already; choose another name.', v);
  return undefined;
}

/** Saves the variables as a named set of this account (names, plain values, secret names). Undefined: the wizard ends. */
export async function saveAsSet(frame: EnvFrame, vars: readonly EnvVar[]): Promise<typeof BACK | undefined> {
  const vault = frame.vault!;
  const name = await frame.ui.input({
    ...framePrompt(frame, 'env.setName'),
    prompt: l10n.t('Name of the set, e.g. my HF and W&B tokens (offered at every create on this account)'),
    validate: (v) =>
      validateSetName(
        v,
        vault.sets().map((s) => s.name),
      ),
  });
  if (name === undefined) return undefined;
  if (name !== BACK) await vault.saveSet(name.trim(), vars);
  return BACK;
}

type Kept = { set: string } | { secret: string };

/**
 * The account's saved sets (rename, delete) and the secrets kept in VS Code (change the value, forget), from
 * the environment step. Comes back to the step afterwards (BACK); undefined: the wizard ends.
 */
export async function manageKept(frame: EnvFrame): Promise<typeof BACK | undefined> {
  const vault = frame.vault!;
  const items: PickItem<Kept>[] = [
    ...vault.sets().map((s) => ({
      label: `$(library) ${displayText(s.name, { maxLength: 64 })}`,
      description: displayText(s.vars.map((v) => v.name).join(', '), { maxLength: 120 }),
      value: { set: s.name },
      group: l10n.t('Saved sets of this account'),
    })),
    ...vault.secretNames().map((secret) => ({
      label: `$(key) ${displayText(secret)}`,
      value: { secret },
      group: l10n.t('Secrets kept in VS Code'),
    })),
  ];
  const picked = await frame.ui.pick({
    ...framePrompt(frame, 'env.manage'),
    placeholder: l10n.t('Select a set or a secret'),
    items,
  });
  if (picked === undefined) return undefined;
  if (picked === BACK || Array.isArray(picked)) return BACK;
  return 'set' in picked ? manageSet(frame, picked.set) : manageSecret(frame, picked.secret);
}

async function manageSet(frame: EnvFrame, name: string): Promise<typeof BACK | undefined> {
  const vault = frame.vault!;
  const choice = await frame.ui.pick<'rename' | 'delete'>({
    ...framePrompt(frame, 'env.manageSet'),
    placeholder: displayText(name, { maxLength: 64 }),
    items: [
      { label: `$(edit) ${l10n.t('Rename…')}`, value: 'rename' },
      { label: `$(trash) ${l10n.t('Delete')}`, value: 'delete' },
    ],
  });
  if (choice === undefined) return undefined;
  if (choice === 'rename') {
    const to = await frame.ui.input({
      ...framePrompt(frame, 'env.setName'),
      value: name,
      prompt: l10n.t('New name of the set'),
      validate: (v) =>
        validateSetName(
          v,
          vault
            .sets()
            .map((s) => s.name)
            .filter((n) => n !== name),
        ),
    });
    if (to === undefined) return undefined;
    if (to !== BACK && to.trim() !== name) await vault.renameSet(name, to.trim());
  } else if (choice === 'delete') {
    const ok = await frame.ui.confirm({
      id: 'env.deleteSet',
      message: l10n.t('Delete the set "{0}"?', displayText(name, { maxLength: 64 })),
      detail: l10n.t('Pods already created keep their variables; the secrets it names stay kept.'),
      confirm: l10n.t('Delete'),
    });
    if (ok) await vault.deleteSet(name);
  }
  return BACK;
}

async function manageSecret(frame: EnvFrame, secret: string): Promise<typeof BACK | undefined> {
  const vault = frame.vault!;
  const choice = await frame.ui.pick<'change' | 'forget'>({
    ...framePrompt(frame, 'env.manageSecret'),
    placeholder: displayText(secret),
    items: [
      { label: `$(key) ${l10n.t('Change Its Value…')}`, value: 'change' },
      { label: `$(trash) ${l10n.t('Forget It')}`, value: 'forget' },
    ],
  });
  if (choice === undefined) return undefined;
  if (choice === 'change') {
    const value = await frame.ui.input({
      ...framePrompt(frame, 'env.secretValue'),
      password: true,
      prompt: l10n.t('New value of the secret "{0}"', secret),
      validate: (v) => (v === '' ? l10n.t('Enter the value to keep.') : undefined),
    });
    if (value === undefined) return undefined;
    if (value !== BACK) await vault.storeSecret(secret, value);
  } else if (choice === 'forget') {
    const ok = await frame.ui.confirm({
      id: 'env.forgetSecret',
      message: l10n.t('Forget the secret "{0}"?', secret),
      detail: l10n.t(
        "It is deleted from VS Code's secret storage. Pods already created keep it; a set that names it needs it set again.",
      ),
      confirm: l10n.t('Forget'),
    });
    if (ok) await vault.forgetSecret(secret);
  }
  return BACK;
}
