import type { Answers, EnvField, SummaryLine } from '../../../core/createForm';
import { environmentStep, environmentSummary, type ResolvedEnvironment } from '../../../core/formSteps/environment';
import type { EnvRules } from '../../../core/formSteps/envVars';
import { CLOUD_NAME, type CreateBody } from '../api';

/**
 * GPUGeek's create takes `cmd` ("Startup command") and `env` ("Environment variables"), both strings, no limits
 * given. How several variables go into one string is not published: GPU Pods sends one KEY=VALUE per line, the
 * format of Docker's --env-file (a decision, test/simulator/gpugeek/spec.ts), so a value may not span lines.
 */
export const GPUGEEK_ENV: EnvRules = { cloud: CLOUD_NAME, singleLineValues: true, command: {} };

export function gpuGeekEnvStep(): EnvField {
  return environmentStep(GPUGEEK_ENV);
}

export function gpuGeekEnvSummary(answers: Answers): SummaryLine[] {
  return environmentSummary(answers, GPUGEEK_ENV);
}

/** The create body's `env` and `cmd`; left out when empty. */
export function gpuGeekEnvFields(env: ResolvedEnvironment): Pick<CreateBody, 'env' | 'cmd'> {
  return {
    ...(env.vars.length ? { env: env.vars.map((v) => `${v.key}=${v.value}`).join('\n') } : {}),
    ...(env.command ? { cmd: env.command } : {}),
  };
}
