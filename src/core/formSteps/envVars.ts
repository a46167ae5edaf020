/**
 * Environment variables as the create wizard keeps them: names, plain values, and for a secret only the name
 * its value is kept under in VS Code's secret storage. No secret value is ever part of an answer, a saved set
 * or a summary; it is read when the create request is built (environment.ts) and nowhere else.
 */

import { l10n } from '../l10n';

export interface EnvVar {
  name: string;
  /** A plain variable's value. */
  value?: string;
  /** A secret variable: the name its value is kept under in VS Code's secret storage (never the value). */
  secret?: string;
}

/** The environment step's answer. */
export interface EnvAnswer {
  vars: EnvVar[];
  /** The start command typed, when the cloud takes one; undefined keeps the image's (or template's) own. */
  command?: string;
  /** The entrypoint typed, when the cloud takes one (Novita); undefined keeps the image's own. */
  entrypoint?: string;
}

/** What a cloud documents for environment variables and a start command at create. */
export interface EnvRules {
  /** The cloud's name, for messages ("Novita AI"). */
  cloud: string;
  /** At most this many variables (Novita: 100); undefined: no documented limit. */
  maxCount?: number;
  /** Longest name and value the cloud takes; undefined: no documented limit. */
  maxNameLength?: number;
  maxValueLength?: number;
  /** Values may not span lines (GPUGeek: one KEY=VALUE per line). */
  singleLineValues?: boolean;
  /** Names GPU Pods sets itself (Yotta: JUPYTER_PASSWORD, PUBLIC_KEY). */
  reserved?: readonly string[];
  /** The start command the cloud takes, and its longest length; undefined: the cloud takes none. */
  command?: { maxLength?: number };
  /** The entrypoint the cloud takes (overrides the image's ENTRYPOINT); undefined: none. */
  entrypoint?: { maxLength?: number };
}

/** A name every shell can export: letters, digits and _, not starting with a digit. */
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Secret names: lower-case letters, digits, ".", "_" and "-", as in "hf-token". */
const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Names that usually hold credentials: such a variable is offered as a secret first. */
const SECRET_LOOKING = /TOKEN|SECRET|PASSWORD|PASSWD|PASS\b|PWD|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH/i;

/** How a secret's value is shown: always the same length, so the length tells nothing. */
export const MASKED = '••••••';

export function validateEnvName(name: string, rules: EnvRules, taken: readonly string[] = []): string | undefined {
  const n = name.trim();
  if (!SHELL_NAME.test(n)) return l10n.t('Use letters, digits and _, not starting with a digit (e.g. HF_TOKEN).');
  if (rules.maxNameLength !== undefined && n.length > rules.maxNameLength)
    return l10n.t('{0} takes names of at most {1} characters.', rules.cloud, rules.maxNameLength);
  if (rules.reserved?.includes(n)) return l10n.t('GPU Pods sets {0} itself; choose another name.', n);
  if (taken.includes(n)) return l10n.t('{0} is already set; select it in the list to change it.', n);
  return undefined;
}

export function validateEnvValue(value: string, rules: EnvRules): string | undefined {
  if (rules.maxValueLength !== undefined && value.length > rules.maxValueLength)
    return l10n.t('{0} takes values of at most {1} characters.', rules.cloud, rules.maxValueLength);
  if (rules.singleLineValues && /[\r\n]/.test(value)) return l10n.t('{0} takes values on one line only.', rules.cloud);
  return undefined;
}

export function validateSecretName(name: string, taken: readonly string[] = []): string | undefined {
  const n = name.trim();
  if (!SECRET_NAME.test(n))
    return l10n.t('Use 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.');
  if (taken.includes(n)) return l10n.t('A secret named "{0}" is already kept; pick it from the list instead.', n);
  return undefined;
}

/** "HF_TOKEN" → "hf-token": the secret name suggested for a variable. */
export function suggestedSecretName(varName: string): string {
  return (
    varName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'secret'
  );
}

export function looksSecret(varName: string): boolean {
  return SECRET_LOOKING.test(varName);
}

/** A variable's value as lists and summaries show it: "demo", "•••••• (secret: hf-token)". */
export function envValueText(v: EnvVar): string {
  return v.secret !== undefined ? `${MASKED} ${l10n.t('(secret: {0})', v.secret)}` : (v.value ?? '');
}

/** "WANDB_PROJECT = demo", "HF_TOKEN = •••••• (secret: hf-token)". */
export function envVarText(v: EnvVar): string {
  return `${v.name} = ${envValueText(v)}`;
}

/** One variable as stored: a secret keeps its name only, whatever else the object carried. */
export function cleanEnvVar(raw: unknown): EnvVar | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || !SHELL_NAME.test(r.name)) return undefined;
  if (typeof r.secret === 'string') return SECRET_NAME.test(r.secret) ? { name: r.name, secret: r.secret } : undefined;
  return { name: r.name, value: typeof r.value === 'string' ? r.value : '' };
}

/** The environment step's answer, read safely (anything else in the answers reads as "none"). */
export function envAnswer(answers: Readonly<Record<string, unknown>>, id = 'env'): EnvAnswer {
  const raw = answers[id];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { vars: [] };
  const r = raw as Record<string, unknown>;
  const vars = Array.isArray(r.vars) ? r.vars.map(cleanEnvVar).filter((v): v is EnvVar => !!v) : [];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  return { vars, command: text(r.command), entrypoint: text(r.entrypoint) };
}

/** `vars` with `set` laid over them: a name in both takes the set's variable, the set's new names come last. */
export function mergeEnvVars(vars: readonly EnvVar[], set: readonly EnvVar[], rules: EnvRules): EnvVar[] {
  const usable = set.filter((v) => !rules.reserved?.includes(v.name));
  const out = vars.map((v) => usable.find((s) => s.name === v.name) ?? v);
  for (const s of usable) if (!out.some((v) => v.name === s.name)) out.push(s);
  return out;
}

/**
 * Variables read back from a pod (Create Pod Like This…) as the step's variables: a name that looks secret keeps
 * no value, it refers to the kept secret of its suggested name (a secret no longer kept stops the create before
 * anything is sent); names no shell can export are dropped. `hidden`: how many values were not copied.
 */
export function prefillEnv(read: ReadonlyArray<{ key?: string; value?: string }>): { vars: EnvVar[]; hidden: number } {
  const vars: EnvVar[] = [];
  let hidden = 0;
  for (const { key, value } of read) {
    if (!key || !SHELL_NAME.test(key) || vars.some((v) => v.name === key)) continue;
    if (looksSecret(key)) {
      vars.push({ name: key, secret: suggestedSecretName(key) });
      hidden++;
    } else vars.push({ name: key, value: value ?? '' });
  }
  return { vars, hidden };
}
