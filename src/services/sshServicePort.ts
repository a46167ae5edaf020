import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Platform } from '../core/platform/platform';
import type { HostEntry } from '../core/ssh/hostEntries';
import type { ProcessRunner, SshFs } from '../core/ssh/io';
import type { SshClientModule } from '../core/ssh/loadClient';
import type { AccountData } from './accountData';
import type { AccountStore } from './accounts';
import type { ProviderManager } from './providerManager';
import type { settings } from './settings';

/**
 * What the SSH service is built with, and what connecting gets back: types only, so the service (and its unit
 * tests, which build it as Windows, macOS and Linux) need no `vscode` at run time.
 */

/** The settings the SSH side reads, each time it needs them (a change applies to the next action). */
export type SshSettings = Pick<
  typeof settings,
  'sshConfigMode' | 'sshDirectory' | 'sshIdentityFile' | 'userSshConfigFile' | 'remoteSshPath'
>;

export interface SshServiceDeps {
  accounts: Pick<AccountStore, 'list' | 'get'>;
  data: Pick<AccountData, 'onDidChange' | 'snapshot'>;
  log: Logger;
  clock: Clock;
  settings: SshSettings;
  /** Asks the cloud about one pod before its entry goes; without it, no entry is ever pruned. */
  providers?: Pick<ProviderManager, 'get'>;
  /** The desktop: where the files are, how ssh config names them, where ssh is. Default: this one. */
  platform?: Platform;
  fs?: SshFs;
  runner?: ProcessRunner;
  /** GPU Pods' own SSH client, loaded on first use. */
  loadClient?: () => Promise<SshClientModule>;
}

/** What connecting needs besides the entry: why GPU Pods did not install its key, when it did not. */
export interface PreparedHost {
  entry: HostEntry;
  /**
   * Set for a password pod whose entry the user's ssh config sends through a proxy: GPU Pods' own client
   * made no direct connection, so its key is not on the pod and Remote-SSH will ask for the pod's password.
   */
  keyNotInstalled?: { proxy: 'ProxyJump' | 'ProxyCommand' };
}
