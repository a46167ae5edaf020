import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { keyFingerprint } from '../core/keyFingerprint';
import type { CloudId } from '../core/model';
import { windowState } from './windowState';

/** A connected account. Its key lives in SecretStorage under `keyName(id)`, never here. */
export interface Account {
  id: string;
  cloud: CloudId;
  label: string;
  /** Cloud-specific, non-secret settings (NeevCloud org and project ids). */
  options: Record<string, string>;
}

const STATE_KEY = 'gpuPods.accounts';
const keyName = (id: string) => `gpuPods.apiKey.${id}`;

/** Accounts in global state, keys in SecretStorage. One store per window; changes fire `onDidChange`. */
export class AccountStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /**
   * This window's own writes decide (windowState): an older copy of global state echoed back right after a write
   * must not bring back an account just disconnected (or hide one just connected).
   */
  private readonly state: Pick<vscode.Memento, 'get' | 'update'>;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.state = windowState(context.globalState);
    // Another window connecting or updating a key changes the secret: drop cached clients.
    this.subscription = context.secrets.onDidChange((e) => {
      if (e.key.startsWith('gpuPods.apiKey.')) this.changed.fire();
    });
  }

  list(): Account[] {
    return this.state.get<Account[]>(STATE_KEY, []);
  }

  get(id: string): Account | undefined {
    return this.list().find((a) => a.id === id);
  }

  async add(account: Omit<Account, 'id'>, apiKey: string): Promise<Account> {
    const created: Account = { ...account, id: newId() };
    await this.context.secrets.store(keyName(created.id), apiKey);
    await this.state.update(STATE_KEY, [...this.list(), created]);
    this.changed.fire();
    return created;
  }

  async update(account: Account): Promise<void> {
    await this.state.update(
      STATE_KEY,
      this.list().map((a) => (a.id === account.id ? account : a)),
    );
    this.changed.fire();
  }

  async setKey(id: string, apiKey: string): Promise<void> {
    await this.context.secrets.store(keyName(id), apiKey);
    this.changed.fire();
  }

  getKey(id: string): Thenable<string | undefined> {
    return this.context.secrets.get(keyName(id));
  }

  /**
   * The accounts of `cloud` by the fingerprint of their stored key (`except` left out: the account whose key
   * is being replaced). Two accounts with one key would list, and count, every pod twice.
   */
  async keyOwners(cloud: CloudId, except?: string): Promise<Map<string, Account>> {
    const owners = new Map<string, Account>();
    for (const account of this.list()) {
      if (account.cloud !== cloud || account.id === except) continue;
      const key = await this.getKey(account.id);
      if (key) owners.set(keyFingerprint(key), account);
    }
    return owners;
  }

  async remove(id: string): Promise<void> {
    await this.context.secrets.delete(keyName(id));
    await this.state.update(
      STATE_KEY,
      this.list().filter((a) => a.id !== id),
    );
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function newId(): string {
  return randomBytes(8).toString('hex');
}

/** Trim what a paste brings along (spaces, newlines); an empty result is refused by the caller. */
export function cleanKey(value: string): string {
  return value.replace(/^\s+|\s+$/g, '');
}
