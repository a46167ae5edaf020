import type { Answers, EnvField, SummaryLine } from '../../../core/createForm';
import { environmentStep, environmentSummary } from '../../../core/formSteps/environment';
import type { EnvRules } from '../../../core/formSteps/envVars';
import { l10n } from '../../../core/l10n';
import { CLOUD } from '../errors';
import { type NovitaCatalog, str } from './catalog';

/**
 * Novita's create takes `envs` ("Up to 100 environment variables"), `command` ("Instance startup command",
 * 0–2047 characters) and `entrypoint` ("overrides the Docker image's ENTRYPOINT", 0–2047) — the Create GPU
 * Instance reference; keys and values up to 2048 characters in Novita's MCP server (test/simulator/novita/spec.ts).
 */
export const NOVITA_ENV: EnvRules = {
  cloud: CLOUD,
  maxCount: 100,
  maxNameLength: 2048,
  maxValueLength: 2048,
  command: { maxLength: 2047 },
  entrypoint: { maxLength: 2047 },
};

/** An empty start command keeps the picked template's, else the image's own. */
function commandDefault(cat: NovitaCatalog, answers: Answers): string {
  const t = cat.template(answers);
  const command = str(t?.startCommand);
  return command ? l10n.t("the template's: {0}", command) : l10n.t("the image's own");
}

export function novitaEnvStep(cat: NovitaCatalog): EnvField {
  return environmentStep(NOVITA_ENV, { commandDefault: (a) => commandDefault(cat, a) });
}

export function novitaEnvSummary(cat: NovitaCatalog, answers: Answers): SummaryLine[] {
  return environmentSummary(answers, NOVITA_ENV, { commandDefault: (a) => commandDefault(cat, a) });
}
