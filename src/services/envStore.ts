import type * as vscode from 'vscode';
import { windowState } from './windowState';
import type { EnvSet, EnvVault } from '../core/envVault';
import { cleanEnvVar, type EnvVar } from '../core/formSteps/envVars';

/** Where a secret environment value is kept in SecretStorage: under its name, for every account. */
const SECRET_KEY = (name: string) => `gpuPods.envSecret.${name}`;
/** The names of the kept secrets (SecretStorage cannot list its keys): names only, in global state. */
const SECRET_NAMES = 'gpuPods.envSecretNames';
/** Saved sets per account id: names, plain values and secret names, in global state. */
const SETS = 'gpuPods.envSets';

/**
 * The environment step's memory: secret values in SecretStorage (read only when a create request is built),
 * and named sets of variables per account in global state. A set never holds a secret value: what is saved
 * goes through `cleanEnvVar`, which keeps a secret's name alone.
 *
 * The choice: secrets are the user's, not an account's — "hf-token" kept once serves every account and cloud
 * the user picks it for; sets belong to one account, as the pods they are made for.
 */
export class EnvStore {
  private readonly state: Pick<vscode.Memento, 'get' | 'update'>;

  constructor(
    private readonly secrets: Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>,
    state: Pick<vscode.Memento, 'get' | 'update'>,
  ) {
    // a set or secret name just saved is offered at once, whatever global state echoes back meanwhile
    this.state = windowState(state);
  }

  /** The value kept under `name`; only the create request's builder asks (CreateContext.secretValue). */
  secretValue(name: string): Thenable<string | undefined> {
    return this.secrets.get(SECRET_KEY(name));
  }

  secretNames(): string[] {
    const names = this.state.get<unknown>(SECRET_NAMES);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  }

  /** The environment step's view for one account. */
  forAccount(accountId: string): EnvVault {
    return {
      secretNames: () => this.secretNames(),
      storeSecret: async (name, value) => {
        await this.secrets.store(SECRET_KEY(name), value);
        if (!this.secretNames().includes(name)) await this.state.update(SECRET_NAMES, [...this.secretNames(), name]);
      },
      forgetSecret: async (name) => {
        await this.secrets.delete(SECRET_KEY(name));
        await this.state.update(
          SECRET_NAMES,
          this.secretNames().filter((n) => n !== name),
        );
      },
      sets: () => this.sets(accountId),
      saveSet: (name, vars) =>
        this.putSets(accountId, [...this.sets(accountId).filter((s) => s.name !== name), { name, vars: clean(vars) }]),
      renameSet: (from, to) =>
        this.putSets(
          accountId,
          this.sets(accountId).map((s) => (s.name === from ? { ...s, name: to } : s)),
        ),
      deleteSet: (name) =>
        this.putSets(
          accountId,
          this.sets(accountId).filter((s) => s.name !== name),
        ),
    };
  }

  /** A disconnected account's sets go with it; the secrets stay (other accounts may name them). */
  async forgetAccount(accountId: string): Promise<void> {
    if (this.sets(accountId).length) await this.putSets(accountId, []);
  }

  private all(): Record<string, unknown> {
    const all = this.state.get<unknown>(SETS);
    return all && typeof all === 'object' && !Array.isArray(all) ? (all as Record<string, unknown>) : {};
  }

  private sets(accountId: string): EnvSet[] {
    const list = this.all()[accountId];
    if (!Array.isArray(list)) return [];
    return list.flatMap((s: unknown) => {
      const r = s as Partial<EnvSet> | null;
      return r && typeof r.name === 'string' && Array.isArray(r.vars) ? [{ name: r.name, vars: clean(r.vars) }] : [];
    });
  }

  private async putSets(accountId: string, sets: EnvSet[]): Promise<void> {
    const { [accountId]: _old, ...others } = this.all();
    await this.state.update(SETS, sets.length ? { ...others, [accountId]: sets } : others);
  }
}

function clean(vars: readonly unknown[]): EnvVar[] {
  return vars.map(cleanEnvVar).filter((v): v is EnvVar => !!v);
}
