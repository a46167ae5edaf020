import type * as vscode from 'vscode';
import { CancelledError } from '../core/errors';
import type { Clock } from '../core/clock';
import { l10n } from '../core/l10n';
import type { Logger } from '../core/logger';
import type { CloudId, Pod } from '../core/model';
import type { CloudFacts } from '../core/provider';
import { findOpenSsh, type OpenSshTools } from '../core/platform/executables';
import { nodePlatform, type Platform } from '../core/platform/platform';
import { sshAgentLocation } from '../core/platform/sshLocations';
import type { HostKeyChangedError } from '../core/ssh/client/errors';
import type { SshTarget } from '../core/ssh/client/connect';
import { loadSshClient, type SshClientModule } from '../core/ssh/loadClient';
import { PodNotReachableError } from '../core/ssh/errors';
import { type HostEntry, hostKeyAlias, PodHostStore, unlistedEntries } from '../core/ssh/hostEntries';
import { nodeProcessRunner, nodeSshFs, type ProcessRunner, type SshFs } from '../core/ssh/io';
import { ensureKeyPair, type KeyPair } from '../core/ssh/keys';
import { type EntryFiles } from '../core/ssh/pooledGpus';
import { configMentionsProxy, proxyFor } from '../core/ssh/proxyRoute';
import { confirmGone } from '../core/ssh/prune';
import { type SshPaths, sshPaths } from '../core/ssh/sshPaths';
import { installInclude, manualIncludeStatus, type ManualIncludeStatus } from '../core/ssh/userConfig';
import { claimedBy, readUserHostLines } from '../core/ssh/userHosts';
import type { UserInput } from '../ui/prompts';
import type { AccountSnapshot } from './accountData';
import type { Account } from './accounts';
import type { ProviderManager } from './providerManager';
import type { PreparedHost, SshServiceDeps, SshSettings } from './sshServicePort';

/**
 * The SSH side of the extension: our host file and known_hosts (in `gpuPods.ssh.directory`), the managed
 * Include in the user's ssh config (the file `remote.SSH.configFile` names), the key, and the one-time
 * password bootstrap. Entries follow the pods: refreshed when a pod comes back elsewhere, removed when gone.
 * No `vscode` import at run time: the unit suite builds it as Windows, macOS and Linux.
 */
export class SshService implements vscode.Disposable {
  /** Pods whose password we already used to install our key (memory only; a reload just does it again). */
  private readonly bootstrapped = new Set<string>();
  private readonly subscription: { dispose(): void };
  private readonly acceptedListeners = new Set<(hostKeyName: string) => unknown>();
  private following: Promise<void> = Promise.resolve();
  private readonly accounts: SshServiceDeps['accounts'];
  private readonly data: SshServiceDeps['data'];
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly settings: SshSettings;
  private readonly providers?: Pick<ProviderManager, 'get'>;
  readonly platform: Platform;
  private readonly fs: SshFs;
  private readonly runner: ProcessRunner;
  private readonly loadClient: () => Promise<SshClientModule>;

  constructor(deps: SshServiceDeps) {
    this.accounts = deps.accounts;
    this.data = deps.data;
    this.log = deps.log;
    this.clock = deps.clock;
    this.settings = deps.settings;
    this.providers = deps.providers;
    this.platform = deps.platform ?? nodePlatform();
    this.fs = deps.fs ?? nodeSshFs;
    this.runner = deps.runner ?? nodeProcessRunner;
    this.loadClient = deps.loadClient ?? loadSshClient;
    // one refresh's follow-up at a time: each reads the file the previous one wrote
    this.subscription = this.data.onDidChange((id) => {
      this.following = this.following
        .then(() => this.follow(id))
        .catch((e) => this.log.warn(`Updating SSH entries: ${String(e)}`));
    });
  }

  /** Fires with the known_hosts name (the entry's HostKeyAlias) whose new key the user accepted. */
  onDidAcceptHostKey(listener: (hostKeyName: string) => unknown): { dispose(): void } {
    this.acceptedListeners.add(listener);
    return { dispose: () => void this.acceptedListeners.delete(listener) };
  }

  /** Resolves once the entry updates of every refresh seen so far are done. */
  idle(): Promise<void> {
    return this.following;
  }

  /** The files, from the settings as they are now, on this desktop. */
  paths(): SshPaths {
    return sshPaths(this.platform, {
      directory: this.settings.sshDirectory(),
      identityFile: this.settings.sshIdentityFile(),
      userConfigFile: this.settings.userSshConfigFile(),
    });
  }
  get directory(): string {
    return this.paths().directory;
  }
  get hostFile(): string {
    return this.paths().hostFile;
  }
  get knownHostsFile(): string {
    return this.paths().knownHostsFile;
  }
  get userConfig(): string {
    return this.paths().userConfig;
  }
  get identityFile(): string {
    return this.paths().identityFile;
  }

  /**
   * `ssh` and `ssh-keygen` as this desktop has them (`remote.SSH.path` first, then PATH, then where the OS keeps
   * OpenSSH). Looked up each time: installing the OpenSSH Client needs no reload. Throws OpenSshMissingError,
   * which names how to install it and opens `remote.SSH.path`.
   */
  openSsh(): Promise<OpenSshTools> {
    return findOpenSsh(this.platform, this.settings.remoteSshPath());
  }

  private store(): PodHostStore {
    const { hostFile, userConfig, identityFile, knownHostsFile } = this.paths();
    const { fs, platform, log } = this;
    return new PodHostStore({
      fs,
      platform,
      configPath: hostFile,
      identityFile,
      knownHostsFile,
      logger: log,
      // read before each write: a Host the user added since must not be shadowed by a pod's alias
      claimedAliases: async () =>
        claimedBy(await readUserHostLines(userConfig, { fs, platform, exclude: [hostFile], logger: log })),
    });
  }

  /** The key pair; creating the dedicated one only after the user agreed. */
  async ensureKey(ui: UserInput): Promise<KeyPair> {
    const path = this.identityFile;
    if (!(await this.fs.lstat(path))) {
      const ok = await ui.confirm({
        id: 'createSshKey',
        message: l10n.t('Create an SSH key for GPU Pods?'),
        detail: l10n.t(
          'A new ed25519 key pair is created at {0} and used only for your pods. Set "gpuPods.ssh.identityFile" to use a key of your own instead.',
          path,
        ),
        confirm: l10n.t('Create Key'),
      });
      if (!ok) throw new CancelledError();
    }
    const pair = await ensureKeyPair(
      {
        fs: this.fs,
        runner: this.runner,
        platform: this.platform,
        sshKeygen: async () => (await this.openSsh()).sshKeygen,
      },
      path,
    );
    if (pair.created) this.log.info(`Created SSH key ${path}.`);
    return pair;
  }

  /**
   * Everything needed before ssh can log in to this pod: the key, the host entry, the Include, and on a
   * password cloud the key installed with the pod's password (once per pod per window), unless the user's
   * ssh config sends the entry through a proxy: our client then makes no direct connection and says so.
   */
  async prepare(
    machine: Pod,
    facts: Pick<CloudFacts, 'sshAuth'>,
    ui: UserInput,
    account?: Account,
  ): Promise<PreparedHost> {
    const pod = sshKeyed(machine);
    if (!pod.ssh) throw new PodNotReachableError(l10n.t('"{0}" is not reachable over SSH yet.', pod.name));
    const key = await this.ensureKey(ui);
    const store = this.store();
    const result = await store.upsert([pod], { account: account?.id });
    if (result.rejected.length) throw result.rejected[0].error;
    for (const moved of result.refreshed) await this.forgetHostKey(moved);
    const entry = (await store.list()).find((e) => e.cloud === pod.cloud && e.podId === pod.id)!;
    // before the bootstrap: `ssh -G` then sees our entry as Remote-SSH will
    await this.ensureInclude();
    const podKey = `${pod.cloud}:${pod.id}`;
    if (facts.sshAuth !== 'password' || !pod.ssh.password || this.bootstrapped.has(podKey)) return { entry };
    const proxy = await this.proxyOf(entry);
    if (proxy) {
      const directive = proxyDirective(proxy);
      this.log.info(
        `Your ssh config sends ${entry.alias} through ${directive}: GPU Pods did not install its key on it (its own client makes no direct connection), so Remote-SSH will ask for the pod's password.`,
      );
      return { entry, keyNotInstalled: { proxy: directive } };
    }
    this.log.info(`Installing the GPU Pods key on "${pod.name}" with its password (once).`);
    const client = await this.loadClient();
    // our own client: no password-prompt helper, no ssh child; the host key goes to our known_hosts, under the entry's alias
    await client.installPublicKey(
      {
        target: sshTarget(entry),
        password: pod.ssh.password,
        publicKey: key.publicKey,
        hostKeys: { knownHostsFile: this.knownHostsFile, trustNew: true },
        timeoutMs: 60_000,
      },
      this.clientDeps(),
    );
    this.bootstrapped.add(podKey);
    return { entry };
  }

  /** What our own SSH client needs: the files it reads and writes, the window's clock, our log. */
  clientDeps(): Parameters<SshClientModule['connectSsh']>[1] {
    return { fs: this.fs, clock: this.clock, log: this.log };
  }

  /**
   * Proves the entry logs in with the key and no prompt (before Remote-SSH opens), through our own client
   * with the entry's key, user, HostKeyAlias and known_hosts.
   */
  async checkKeyLogin(entry: HostEntry): Promise<void> {
    const proxy = await this.proxyOf(entry);
    if (proxy) {
      this.log.info(
        `Your ssh config sends ${entry.alias} through ${proxyDirective(proxy)}: GPU Pods' own client steps aside.`,
      );
      return;
    }
    const client = await this.loadClient();
    const files = this.entryFiles();
    await client.checkLogin(
      {
        target: sshTarget(entry),
        login: { method: 'key', privateKeyPath: files.identityFile, ...(files.agent && { agent: files.agent }) },
        hostKeys: { knownHostsFile: this.knownHostsFile, trustNew: true },
        timeoutMs: 30_000,
      },
      this.clientDeps(),
    );
  }

  /** After the user confirmed a changed host key: the key the pod showed replaces the ones on file. */
  async acceptHostKey(e: HostKeyChangedError): Promise<void> {
    const client = await this.loadClient();
    await client.replaceHostKey(this.fs, this.knownHostsFile, e.hostKeyName, e.offered);
    this.log.info(`Accepted the new host key of ${e.host} (${e.offeredFingerprint}).`);
    for (const listener of [...this.acceptedListeners]) listener(e.hostKeyName);
  }

  /** Drops a pod's host keys from our known_hosts (gone, or back with a new address). */
  private async forgetHostKey(e: HostEntry): Promise<void> {
    const client = await this.loadClient();
    await client.forgetHostKeys(this.fs, this.knownHostsFile, hostKeyAlias(e));
  }

  /** The files our entries name, as our client reads them, and the user's agent (for a key with a passphrase). */
  entryFiles(): EntryFiles {
    const agent = sshAgentLocation(this.platform);
    return { identityFile: this.identityFile, knownHostsFile: this.knownHostsFile, ...(agent && { agent }) };
  }

  /**
   * The proxy (`proxyjump`, `proxycommand`) the user's ssh config sends this entry through, or undefined.
   * `ssh -G` is asked once per alias per window, and only when the user's config has a Proxy line at all.
   * Throws OpenSshMissingError when it must ask and there is no ssh (nothing is remembered then).
   */
  async proxyOf(entry: HostEntry): Promise<string | undefined> {
    const { userConfig } = this.paths();
    if (!(await configMentionsProxy(userConfig, { fs: this.fs, platform: this.platform }))) return undefined;
    let known = this.proxies.get(entry.alias);
    if (!known) {
      const { ssh } = await this.openSsh();
      known = proxyFor(this.runner, ssh, userConfig, entry.alias).catch(() => undefined);
      this.proxies.set(entry.alias, known);
    }
    return known;
  }
  private readonly proxies = new Map<string, Promise<string | undefined>>();

  /** The managed Include, or in manual mode only a check. Returns the manual status when not managed. */
  async ensureInclude(): Promise<ManualIncludeStatus | undefined> {
    if (this.settings.sshConfigMode() === 'include') {
      const { userConfig, hostFile } = this.paths();
      if (await installInclude(this.fs, userConfig, hostFile, { platform: this.platform }))
        this.log.info(`Added the GPU Pods Include to ${userConfig}.`);
      return undefined;
    }
    return this.includeStatus();
  }

  includeStatus(): Promise<ManualIncludeStatus> {
    const { userConfig, hostFile } = this.paths();
    return manualIncludeStatus(this.fs, userConfig, hostFile, this.platform);
  }

  async forget(pods: Array<{ cloud: CloudId; id: string }>): Promise<HostEntry[]> {
    this.bootstrapped.forEach((k) => pods.some((p) => k === `${p.cloud}:${p.id}`) && this.bootstrapped.delete(k));
    const removed = await this.store().remove(pods);
    for (const e of removed) await this.forgetHostKey(e).catch(() => undefined);
    return removed;
  }

  /**
   * Rewrites our file once per window, so entries written while they carried ControlMaster lines lose them
   * (nothing is written when the bytes are already the same).
   */
  ensureEntriesCurrent(): Promise<void> {
    this.rewritten ??= this.store()
      .rewrite()
      .then(
        () => undefined,
        (e) => this.log.warn(`Rewriting the GPU Pods ssh file: ${String(e)}`),
      );
    return this.rewritten;
  }
  private rewritten?: Promise<void>;

  /** The entries in our host file now. */
  entries(): Promise<HostEntry[]> {
    return this.store().list();
  }

  /** Prunes, for every account whose last refresh succeeded, what its list and then the cloud show gone. */
  async removeStale(): Promise<HostEntry[]> {
    await this.idle();
    const removed: HostEntry[] = [];
    for (const account of this.accounts.list()) {
      const s = this.data.snapshot(account.id);
      if (s && !s.error) removed.push(...(await this.prune(account, s)));
    }
    return removed;
  }

  /** After an account refresh: move entries of pods that came back elsewhere, drop those of gone pods. */
  private async follow(accountId: string): Promise<void> {
    const account = this.accounts.get(accountId);
    const s = this.data.snapshot(accountId);
    if (!account || !s || s.error) return; // a list that failed says nothing about which pods exist
    if (!(await this.fs.lstat(this.hostFile))) return; // nothing written yet: nothing to follow
    const store = this.store();
    const machines = listedMachines(s);
    const ids = new Set(machines.map((p) => p.id));
    const entries = (await store.list()).filter((e) => e.cloud === account.cloud);
    if (entries.some((e) => !e.account && ids.has(e.podId))) await store.adopt(account.id, account.cloud, ids);
    const existing = new Set(entries.map((e) => e.podId));
    const moved = machines.filter((p) => existing.has(p.id) && p.ssh && p.status === 'running');
    if (moved.length) {
      const result = await store.upsert(moved, { account: account.id, adoptOnly: true });
      for (const e of result.refreshed) {
        this.log.info(`SSH entry ${e.alias} now points at ${e.host}:${e.port}.`);
        await this.forgetHostKey(e);
      }
    }
    await this.prune(account, s);
  }

  /**
   * Removes the entries this account owns whose pod its complete list (`s`, loaded without error) no longer
   * shows and the cloud, asked about that one pod, no longer has. Entries are judged per account, never
   * per cloud: another window or VS Code profile with other accounts of the same cloud keeps its entries,
   * because this window has not loaded those accounts. Entries without an account marker (written before
   * there was one) are never pruned: nothing says which account, if any, may judge them; `follow` gives
   * them to the account that lists their pod.
   */
  private async prune(account: Account, s: AccountSnapshot): Promise<HostEntry[]> {
    if (!this.providers) return [];
    const store = this.store();
    const listed = new Set(
      listedMachines(s)
        .filter((p) => p.status !== 'terminated')
        .map((p) => p.id),
    );
    const candidates = unlistedEntries(await store.list(), account.id, account.cloud, listed);
    if (!candidates.length) return [];
    const provider = await this.providers.get(account);
    const gone = await confirmGone(
      candidates,
      (e) => {
        if (!e.podId.startsWith('vm-')) return provider.getPod(e.podId);
        if (!provider.vms) throw new Error('this cloud has no virtual machines to ask about');
        return provider.vms.get(e.podId.slice('vm-'.length));
      },
      this.log,
    );
    const removed = await store.removeOwned(
      account.id,
      gone.map((e) => ({ cloud: e.cloud, id: e.podId })),
    );
    for (const e of removed) {
      this.log.info(`Removed the SSH entry ${e.alias}: its pod is gone.`);
      await this.forgetHostKey(e).catch(() => undefined);
    }
    return removed;
  }

  dispose(): void {
    this.subscription.dispose();
    this.acceptedListeners.clear();
  }
}

/** `proxyjump` (as `ssh -G` prints it) as the user wrote it in the config: `ProxyJump`. */
function proxyDirective(proxy: string): 'ProxyJump' | 'ProxyCommand' {
  return proxy === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand';
}

/** Where our client logs in for an entry: its host, port, user and the known_hosts name ssh uses. */
function sshTarget(entry: HostEntry): SshTarget {
  return { host: entry.host, port: entry.port, user: entry.user, hostKeyAlias: hostKeyAlias(entry) };
}

/** Pods and VMs (keyed as their SSH entries are) of one snapshot. */
function listedMachines(s: AccountSnapshot): Pod[] {
  return [...s.pods, ...(s.vms ?? []).map(sshKeyed)];
}

/**
 * A VM's id may equal a pod's id on the same cloud; its SSH entry is keyed `vm-<id>` so the two never
 * share (or remove) each other's entry.
 */
export function sshKeyed(machine: Pod): Pod {
  return machine.kind === 'vm' ? { ...machine, id: `vm-${machine.id}` } : machine;
}
