import type { Answers, EnvField, SummaryLine } from '../../../core/createForm';
import { environmentStep, environmentSummary } from '../../../core/formSteps/environment';
import { type EnvRules, MASKED } from '../../../core/formSteps/envVars';
import { l10n } from '../../../core/l10n';
import { CLOUD_NAME } from '../api';
import type { PodSpec } from '../pods';

/**
 * Yotta's create takes `environmentVars` [{key, value}] (OpenAPI CreatePodRequest; no limits given). GPU Pods sets
 * JUPYTER_PASSWORD and PUBLIC_KEY itself. `initializationCommand` is not offered: overriding the start script
 * stops Yotta's images from starting (test/simulator/yotta/spec.ts, pods.create).
 */
export const YOTTA_ENV: EnvRules = { cloud: CLOUD_NAME, reserved: ['JUPYTER_PASSWORD', 'PUBLIC_KEY'] };

export function yottaEnvStep(): EnvField {
  return environmentStep(YOTTA_ENV);
}

/** The user's variables, then the one GPU Pods adds for Jupyter (PUBLIC_KEY has the SSH line). */
export function yottaEnvSummary(answers: Answers, spec: PodSpec): SummaryLine[] {
  const jupyter = spec.environmentVars.some((e) => e.key === 'JUPYTER_PASSWORD');
  return environmentSummary(answers, YOTTA_ENV, {
    also: jupyter ? [l10n.t('JUPYTER_PASSWORD = {0} (set by GPU Pods for Jupyter)', MASKED)] : [],
  });
}
