/**
 * The environment step every cloud that documents environment variables shares: one list to add, change and
 * remove variables (plain or secret), use or save a named set, and set the start command and entrypoint where
 * the cloud takes them. A cloud's form adds `environmentStep(rules)`, shows `environmentSummary(…)` and builds
 * its request from `resolveEnvironment(…)` — the only place a secret value is read.
 */

import type { Answers, CreateContext, EnvField, SummaryLine } from '../createForm';
import { ConfigError } from '../errors';
import { l10n } from '../l10n';
import { envAnswer, type EnvRules, envVarText, validateEnvValue } from './envVars';

/** The answer id of the step. */
export const ENV_FIELD = 'env';

export interface EnvironmentOptions {
  /** What an empty start command means for these answers; default "the image's own". */
  commandDefault?(answers: Answers): string;
  /** Variables GPU Pods adds itself, as the summary lists them after the user's. */
  also?: readonly string[];
}

/** The step (answer id `env`); the wizard shows it as one list (src/ui/envEditor.ts). */
export function environmentStep(rules: EnvRules, options: EnvironmentOptions = {}): EnvField {
  return {
    kind: 'env',
    id: ENV_FIELD,
    title: rules.command ? l10n.t('Environment and start command') : l10n.t('Environment variables'),
    rules,
    commandDefault: options.commandDefault,
  };
}

/** The longest plain value a summary line shows of one variable. */
const SHOWN_VALUE = 60;

/** The summary's lines for the step: every variable (secrets masked), then the start command and entrypoint. */
export function environmentSummary(answers: Answers, rules: EnvRules, options: EnvironmentOptions = {}): SummaryLine[] {
  const env = envAnswer(answers, ENV_FIELD);
  const shown = env.vars.map((v) =>
    v.secret === undefined && (v.value ?? '').length > SHOWN_VALUE
      ? `${envVarText({ ...v, value: v.value!.slice(0, SHOWN_VALUE) })}…`
      : envVarText(v),
  );
  const all = [...shown, ...(options.also ?? [])];
  const lines: SummaryLine[] = [
    { label: l10n.t('Environment'), value: all.join(', ') || l10n.t('none'), fieldId: ENV_FIELD },
  ];
  if (rules.command)
    lines.push({
      label: l10n.t('Start command'),
      value: env.command ?? options.commandDefault?.(answers) ?? l10n.t("the image's own"),
      fieldId: ENV_FIELD,
    });
  if (rules.entrypoint)
    lines.push({ label: l10n.t('Entrypoint'), value: env.entrypoint ?? l10n.t("the image's own"), fieldId: ENV_FIELD });
  return lines;
}

/** The summary line of a cloud that documents no environment at create (NeevCloud). */
export function environmentNotOffered(cloud: string): SummaryLine {
  return {
    label: l10n.t('Environment'),
    value: l10n.t('not offered by {0}: its API documents no environment variables or start command', cloud),
  };
}

export interface ResolvedEnvironment {
  /** Every variable with its value, secrets read from VS Code's secret storage. */
  vars: Array<{ key: string; value: string }>;
  command?: string;
  entrypoint?: string;
}

/**
 * The environment for the create request: secret values are read here, through the context, and nowhere
 * else. A secret that is no longer kept stops the create before anything is sent, naming the variable and
 * the secret (never a value).
 */
export async function resolveEnvironment(
  answers: Answers,
  ctx: CreateContext,
  rules: EnvRules,
): Promise<ResolvedEnvironment> {
  const env = envAnswer(answers, ENV_FIELD);
  if (rules.maxCount !== undefined && env.vars.length > rules.maxCount)
    throw new ConfigError(l10n.t('{0} takes at most {1} environment variables.', rules.cloud, rules.maxCount));
  const vars: ResolvedEnvironment['vars'] = [];
  for (const v of env.vars) {
    if (v.secret === undefined) {
      vars.push({ key: v.name, value: v.value ?? '' });
      continue;
    }
    const value = await ctx.secretValue?.(v.secret);
    if (value === undefined)
      throw new ConfigError(
        l10n.t(
          'The secret "{0}" for {1} is no longer kept in VS Code; choose Edit and Retry and set {1} again.',
          v.secret,
          v.name,
        ),
      );
    const invalid = validateEnvValue(value, rules);
    if (invalid) throw new ConfigError(l10n.t('The secret "{0}" for {1}: {2}', v.secret, v.name, invalid));
    vars.push({ key: v.name, value });
  }
  return {
    vars,
    command: rules.command ? env.command : undefined,
    entrypoint: rules.entrypoint ? env.entrypoint : undefined,
  };
}
