/**
 * What the environment step keeps between creates, as the wizard sees it for one account: secret values
 * (in VS Code's secret storage; the step only ever writes them) and named sets of variables. The extension
 * implements it over SecretStorage and global state (src/services/envVault.ts); tests give a fake.
 */

import type { EnvVar } from './formSteps/envVars';

/** A named set of variables ("my HF and W&B tokens"): names, plain values and secret names, never a secret value. */
export interface EnvSet {
  name: string;
  vars: EnvVar[];
}

export interface EnvVault {
  /** Names of the secrets kept (never their values). */
  secretNames(): readonly string[];
  /** Keeps `value` under `name`, replacing what was kept there. */
  storeSecret(name: string, value: string): Promise<void>;
  forgetSecret(name: string): Promise<void>;
  /** This account's saved sets. */
  sets(): readonly EnvSet[];
  /** Saves (or replaces) the set called `name`. */
  saveSet(name: string, vars: readonly EnvVar[]): Promise<void>;
  renameSet(from: string, to: string): Promise<void>;
  deleteSet(name: string): Promise<void>;
}
