import * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import { AuthError } from '../core/errors';
import { KeyGate, type RateLimit } from '../core/keyGate';
import type { CloudId } from '../core/model';
import type { Provider } from '../core/provider';
import type { SecretValues } from '../core/secretRedactor';
import { CLOUDS } from '../providers/clouds';
import { buildAccountProvider, type ProviderDeps } from '../providers/deps';
import type { Account, AccountStore } from './accounts';
import { settings } from './settings';

/**
 * Builds one Provider per account on first use (cloud code is loaded lazily, never in activate) and
 * drops it when the key, the account or a gpuPods setting changes.
 */
export class ProviderManager implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<Provider>>();
  /**
   * One gate per account (= per key), kept across rebuilds: the cloud's documented request budget and
   * operation cap (CloudInfo.rateLimit), and the secret values scrubbed from everything the account logs.
   */
  private readonly gates = new Map<string, KeyGate>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly accounts: AccountStore,
    private readonly log: vscode.LogOutputChannel,
    /** The request budgets' clock. */
    private readonly clock: Clock,
    private readonly extraDeps: Partial<ProviderDeps> = {},
    /** Each cloud's limits per API key: its documented ones (its info.ts) unless the extension is built otherwise. */
    private readonly rateLimit: (cloud: CloudId) => RateLimit = (cloud) => CLOUDS[cloud].rateLimit,
  ) {
    this.disposables.push(
      accounts.onDidChange(() => this.cache.clear()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('gpuPods')) this.cache.clear();
      }),
    );
  }

  get(account: Account): Promise<Provider> {
    let provider = this.cache.get(account.id);
    if (!provider) {
      provider = this.build(account);
      this.cache.set(account.id, provider);
      // A failed build (no key, bad URL) must not stick: the next call tries again.
      provider.catch(() => this.cache.delete(account.id));
    }
    return provider;
  }

  private async build(account: Account): Promise<Provider> {
    const info = CLOUDS[account.cloud];
    const apiKey = await this.accounts.getKey(account.id);
    if (!apiKey)
      throw new AuthError(vscode.l10n.t('No API key is stored for {0} ({1}).', info.displayName, account.label));
    let gate = this.gates.get(account.id);
    if (!gate) {
      gate = new KeyGate(this.rateLimit(account.cloud), { clock: this.clock });
      this.gates.set(account.id, gate);
    }
    return this.create(account.cloud, account.options, apiKey, gate);
  }

  /**
   * The account's secret values, once its provider was built: a value added here (a secret environment value
   * read for a create) is scrubbed from every log line and error of the account from then on.
   */
  secretValues(accountId: string): SecretValues | undefined {
    return this.gates.get(accountId)?.secrets;
  }

  /**
   * A provider for a key that is not stored yet, to check it before it is: its own gate, never cached.
   * Same settings and options as the account it would become.
   */
  forUnsavedKey(cloud: CloudId, accountOptions: Record<string, string>, apiKey: string): Promise<Provider> {
    return this.create(cloud, accountOptions, apiKey, new KeyGate(this.rateLimit(cloud), { clock: this.clock }));
  }

  private async create(
    cloud: CloudId,
    accountOptions: Record<string, string>,
    apiKey: string,
    gate: KeyGate,
  ): Promise<Provider> {
    const info = CLOUDS[cloud];
    const baseUrls = settings.baseUrls(cloud);
    const factory = await info.load();
    const options = { ...accountOptions, ...settings.cloudOptions(cloud, info.settingOptions) };
    return buildAccountProvider(factory, { apiKey, baseUrls, options }, gate, this.log, this.extraDeps);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.cache.clear();
  }
}
