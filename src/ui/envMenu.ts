// Type-only (runs in plain Node in the unit tests; lets `@vscode/l10n-dev export` find the l10n.t calls).
import type * as vscode from 'vscode';
import type { Answers, EnvField } from '../core/createForm';
import { displayText } from '../core/displayText';
import type { EnvVault } from '../core/envVault';
import { type EnvAnswer, envValueText, MASKED } from '../core/formSteps/envVars';
import { l10n as translations } from './l10n';
import type { PickItem } from './prompts';

const l10n: Pick<typeof vscode.l10n, 't'> = translations;

/** What a line of the environment step's list does. */
export type EnvAction =
  | { do: 'done' }
  | { do: 'add' }
  | { do: 'edit'; name: string }
  | { do: 'command' }
  | { do: 'entrypoint' }
  | { do: 'useSet'; name: string }
  | { do: 'saveSet' }
  | { do: 'manage' };

/** The answer without the start fields left empty. */
export function tidy(env: EnvAnswer): EnvAnswer {
  return {
    vars: env.vars,
    ...(env.command ? { command: env.command } : {}),
    ...(env.entrypoint ? { entrypoint: env.entrypoint } : {}),
  };
}

/** The step's list for the environment so far. */
export function envMenu(env: EnvAnswer, field: EnvField, answers: Answers, vault?: EnvVault): PickItem<EnvAction>[] {
  const rules = field.rules;
  const kept = new Set(vault?.secretNames() ?? []);
  const full = rules.maxCount !== undefined && env.vars.length >= rules.maxCount;
  const items: PickItem<EnvAction>[] = [
    {
      label: `$(check) ${l10n.t('Continue')}`,
      description: env.vars.length ? env.vars.map((v) => displayText(v.name)).join(', ') : l10n.t('no variables'),
      value: { do: 'done' },
      picked: true,
    },
    ...env.vars.map((v) => ({
      label: displayText(v.name),
      description: displayText(valueText(v, vault ? kept : undefined), { maxLength: 120 }),
      detail: l10n.t('Select to change or remove'),
      value: { do: 'edit', name: v.name } as EnvAction,
      group: l10n.t('Variables'),
    })),
    {
      label: `$(add) ${l10n.t('Add Variable…')}`,
      value: { do: 'add' },
      group: env.vars.length ? undefined : l10n.t('Variables'),
      disabledReason: full ? l10n.t('{0} takes at most {1} variables', rules.cloud, rules.maxCount!) : undefined,
    },
  ];
  if (rules.command)
    items.push({
      label: `$(terminal) ${l10n.t('Start Command…')}`,
      description: displayText(env.command ?? field.commandDefault?.(answers) ?? l10n.t("the image's own")),
      value: { do: 'command' },
      group: l10n.t('Start'),
    });
  if (rules.entrypoint)
    items.push({
      label: `$(debug-start) ${l10n.t('Entrypoint…')}`,
      description: displayText(env.entrypoint ?? l10n.t("the image's own")),
      value: { do: 'entrypoint' },
      group: rules.command ? undefined : l10n.t('Start'),
    });
  if (!vault) return items;
  const group = l10n.t('Saved sets of this account');
  for (const set of vault.sets())
    items.push({
      label: `$(library) ${l10n.t('Use "{0}"', displayText(set.name, { maxLength: 64 }))}`,
      description: displayText(set.vars.map((v) => v.name).join(', '), { maxLength: 120 }),
      value: { do: 'useSet', name: set.name },
      group,
    });
  if (env.vars.length)
    items.push({ label: `$(save) ${l10n.t('Save These Variables as a Set…')}`, value: { do: 'saveSet' }, group });
  if (vault.sets().length || vault.secretNames().length)
    items.push({ label: `$(gear) ${l10n.t('Manage Saved Sets and Secrets…')}`, value: { do: 'manage' }, group });
  return items;
}

/** "demo", "•••••• (secret: hf-token)", saying so when the secret is no longer kept. */
function valueText(v: EnvAnswer['vars'][number], kept?: ReadonlySet<string>): string {
  if (v.secret !== undefined && kept && !kept.has(v.secret))
    return `${MASKED} ${l10n.t('(secret: {0} — no longer kept; set it again)', v.secret)}`;
  return envValueText(v);
}
