import * as baseUrl from './baseUrl';
import * as cachedLoad from './cachedLoad';
import * as concurrency from './concurrency';
import * as createForm from './createForm';
import * as errors from './errors';
import * as burnRate from './burnRate';
import * as formStepCounts from './formSteps/counts';
import * as formStepCredential from './formSteps/credentialStep';
import * as formStepEnvironment from './formSteps/environment';
import * as formStepEnvVars from './formSteps/envVars';
import * as formStepGpus from './formSteps/gpus';
import * as formStepNames from './formSteps/names';
import * as formStepSummary from './formSteps/summary';
import * as http from './http';
import * as l10n from './l10n';
import * as logger from './logger';
import * as model from './model';
import * as paging from './paging';
import * as podPrefill from './podPrefill';
import * as price from './price';
import * as privateImage from './privateImage';
import * as provider from './provider';
import * as registryCredentials from './registryCredentials';
import * as schema from './schema';
import * as sshCommand from './sshCommand';
import * as zod from './zod';

/**
 * The core modules cloud code uses at run time. Each cloud is bundled on its own (dist/clouds/<id>.js,
 * loaded when its first account is used) and takes these from the main bundle instead of carrying copies:
 * one copy of every error class (so `instanceof` holds), of zod and of ky. scripts/build.mjs checks that
 * every core module a cloud imports is listed here.
 */
export const coreModules: Record<string, unknown> = {
  baseUrl,
  burnRate,
  cachedLoad,
  concurrency,
  createForm,
  errors,
  'formSteps/counts': formStepCounts,
  'formSteps/credentialStep': formStepCredential,
  'formSteps/environment': formStepEnvironment,
  'formSteps/envVars': formStepEnvVars,
  'formSteps/gpus': formStepGpus,
  'formSteps/names': formStepNames,
  'formSteps/summary': formStepSummary,
  http,
  l10n,
  logger,
  model,
  paging,
  podPrefill,
  price,
  privateImage,
  provider,
  registryCredentials,
  schema,
  sshCommand,
  zod,
};
