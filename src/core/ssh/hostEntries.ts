import SSHConfig, { LineType, type Directive, type Line, type Section } from 'ssh-config';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { CloudId, Pod } from '../model';
import { nodePlatform, type Platform } from '../platform/platform';
import { assignAliases, podKey } from './alias';
import { PodNotReachableError } from './errors';
import { updateFile, type LockOptions } from './fileWrite';
import type { SshFs } from './io';
import { bareHost, checkAlias, configPathValue, validateEndpoint } from './validate';
import { l10n } from '../l10n';

/**
 * The file the extension owns (default ~/.ssh/gpupods/config): one Host entry per pod. It is regenerated
 * as a whole from the parsed entries, sorted by alias, so writing the same entries twice yields the same
 * bytes (and then nothing is written at all). Each entry carries a marker comment,
 * `# gpupods: <cloud> <pod id> account=<account id>`, that maps it back to its pod and the account that
 * owns it (older entries lack the account part).
 */

export interface HostEntry {
  alias: string;
  cloud: CloudId;
  podId: string;
  host: string;
  port: number;
  user: string;
  /**
   * The GPU Pods account (its opaque local id, never a key) that listed the pod when the entry was written.
   * Only a window that has loaded this account completely may judge the entry stale: another window or
   * VS Code profile with other accounts of the same cloud must not. Entries written before this marker
   * existed have none and are never pruned (see SshService.prune).
   */
  account?: string;
}

export interface HostFileOptions {
  identityFile: string;
  /** The extension's own known_hosts: pods reuse addresses and ports, the user's file must never see that. */
  knownHostsFile: string;
  /** The desktop whose OpenSSH reads the file (default: this one); decides how paths are written. */
  platform?: Platform;
}

const MARK = /^#\s*gpupods:\s+([a-z0-9]+)\s+(\S+)(?:\s+account=(\S+))?\s*$/;
const ACCOUNT = /^[A-Za-z0-9._-]{1,64}$/;
const CLOUD = /^[a-z0-9]{1,32}$/;
const POD_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
const HEADER = [
  '# Managed by GPU Pods: rewritten whenever pods change; edits here are lost.',
  '# Pulled into your ssh config by one Include line.',
];

/** The HostKeyAlias: known host keys are stored per pod id, not per address, because a new pod on a reused
 * address:port has a new host key; keyed by address, ssh would shout "host identification has changed". */
export function hostKeyAlias(entry: Pick<HostEntry, 'cloud' | 'podId'>): string {
  return `gpupods-${entry.cloud}-${entry.podId.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}`;
}

export function checkEntry(e: HostEntry): HostEntry {
  checkAlias(e.alias);
  if (!CLOUD.test(e.cloud)) throw new ConfigError(l10n.t('The cloud id of a pod is not valid for an SSH entry.'));
  if (!POD_ID.test(e.podId))
    throw new ConfigError(l10n.t('The pod id contains characters not allowed in an SSH entry.'));
  if (e.account !== undefined && !ACCOUNT.test(e.account))
    throw new ConfigError(l10n.t('The account id is not valid for an SSH entry.'));
  validateEndpoint(e, `pod ${e.podId}`);
  return { ...e, host: bareHost(e.host) };
}

/** A directive built as data: ssh-config's text round trip drops the quotes of a single spaced path in
 * multi-value options (UserKnownHostsFile), which ssh would then read as two files. */
function line(param: string, value: Directive['value'], quoted = false): Directive {
  return {
    type: LineType.DIRECTIVE,
    param,
    separator: ' ',
    value,
    before: '  ',
    after: '\n',
    ...(quoted && { quoted }),
  };
}

/** A path line as the platform's OpenSSH reads it (configPathValue), quotes and all. */
function pathLine(
  platform: Platform,
  param: 'IdentityFile' | 'UserKnownHostsFile',
  path: string,
  what: Parameters<typeof configPathValue>[3],
): Directive {
  const value = configPathValue(platform, path, param, what);
  const quoted = /^"(.*)"$/.exec(value);
  return quoted ? line(param, quoted[1], true) : line(param, value);
}

export function renderHostFile(entries: readonly HostEntry[], opts: HostFileOptions): string {
  const platform = opts.platform ?? nodePlatform();
  const identity = pathLine(platform, 'IdentityFile', opts.identityFile, 'identity file');
  const known = pathLine(platform, 'UserKnownHostsFile', opts.knownHostsFile, 'known hosts file');
  const checked = entries.map(checkEntry).sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  const aliases = new Set<string>();
  const config = SSHConfig.parse(HEADER.join('\n') + '\n');
  for (const e of checked) {
    if (aliases.has(e.alias)) throw new ConfigError(l10n.t('Two pods would share the SSH alias {0}.', e.alias));
    aliases.add(e.alias);
    config.push({ type: LineType.EMPTY, before: '', after: '\n' });
    const [host] = SSHConfig.parse(`Host ${e.alias}\n`) as Section[];
    host.config.push(
      // inside the block: ssh-config keeps it with its Host when parsing, so entries map back to pods
      {
        type: LineType.COMMENT,
        content: `# gpupods: ${e.cloud} ${e.podId}${e.account ? ` account=${e.account}` : ''}`,
        before: '  ',
        after: '\n',
      },
      line('HostName', e.host),
      line('Port', String(e.port)),
      line('User', e.user),
      { ...identity },
      line('IdentitiesOnly', 'yes'), // only our key: an agent with many keys would hit MaxAuthTries first
      line('ServerAliveInterval', '30'),
      line('ServerAliveCountMax', '4'),
      { ...known },
      line('StrictHostKeyChecking', 'accept-new'), // a fresh pod's key is new by nature; a changed one is refused
      line('HostKeyAlias', hostKeyAlias(e)),
    );
    config.push(host);
  }
  return SSHConfig.stringify(config);
}

function directive(section: Section, name: string): string | undefined {
  for (const line of section.config) {
    if (line.type === LineType.DIRECTIVE && line.param.toLowerCase() === name.toLowerCase()) {
      return typeof line.value === 'string' ? line.value : line.value.map((v) => v.val).join(' ');
    }
  }
  return undefined;
}

/** Entries found in our file; blocks that fail validation (hand edits) are dropped and logged. */
export function parseHostFile(text: string, logger: Logger = silentLogger): HostEntry[] {
  const out: HostEntry[] = [];
  for (const line of SSHConfig.parse(text) as Line[]) {
    if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host' || !('config' in line)) continue;
    const section = line as Section;
    const mark = section.config.find((l) => l.type === LineType.COMMENT && MARK.test(l.content));
    const m = mark && mark.type === LineType.COMMENT ? MARK.exec(mark.content) : null;
    try {
      if (!m) throw new Error('no gpupods marker'); // log only: the block is dropped
      out.push(
        checkEntry({
          alias: String(section.value),
          cloud: m[1] as CloudId,
          podId: m[2],
          host: directive(section, 'HostName') ?? '',
          port: Number(directive(section, 'Port')),
          user: directive(section, 'User') ?? '',
          ...(m[3] ? { account: m[3] } : {}),
        }),
      );
    } catch (e) {
      logger.warn(`Dropping an unrecognised block from the GPU Pods ssh config: ${(e as Error).message}`);
    }
  }
  return out;
}

export interface UpsertResult {
  /** podKey (`cloud:id`) → alias, for every pod that has an entry now. */
  aliases: Map<string, string>;
  /** Entries whose host, port or user changed (a restarted pod): the caller may forget their host key. */
  refreshed: HostEntry[];
  /** Pods with no SSH endpoint yet ("not reachable yet"): no entry written. */
  unreachable: Pod[];
  /** Pods whose SSH values failed validation: no entry written. */
  rejected: Array<{ pod: Pod; error: ConfigError }>;
}

export interface HostStoreOptions extends HostFileOptions {
  fs: SshFs;
  /** Our file; passed in by the caller (the VS Code layer derives it from settings). */
  configPath: string;
  logger?: Logger;
  lock?: LockOptions;
  /**
   * The names the user's own ssh config claims (read before each write that assigns aliases): no alias is
   * ever one of them. Default: none.
   */
  claimedAliases?: () => Promise<(alias: string, cloud: CloudId) => boolean>;
}

export interface UpsertOptions {
  /** The account that lists these pods; written into each entry. */
  account?: string;
  /**
   * Only fill in an account where an entry has none (a refresh that sees a pod another window or profile
   * connected keeps that owner); the default, a connect, makes this account the owner.
   */
  adoptOnly?: boolean;
}

/** Read and change our host file; every change re-reads under the file lock, so windows do not race. */
export class PodHostStore {
  constructor(private readonly o: HostStoreOptions) {}

  get configPath(): string {
    return this.o.configPath;
  }

  async list(): Promise<HostEntry[]> {
    const data = await this.o.fs.readFile(this.o.configPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw new ConfigError(l10n.t('Cannot read {0} ({1}).', this.o.configPath, e.code ?? e.message));
    });
    return data ? parseHostFile(data.toString('utf8'), this.o.logger) : [];
  }

  /** Entry for one pod (throws PodNotReachableError / ConfigError instead of writing a broken entry). */
  async ensurePod(pod: Pod, options: UpsertOptions = {}): Promise<HostEntry> {
    const r = await this.upsert([pod], options);
    if (r.unreachable.length) throw new PodNotReachableError(l10n.t('{0} is not reachable over SSH yet.', pod.name));
    if (r.rejected.length) throw r.rejected[0].error;
    return (await this.list()).find((e) => e.cloud === pod.cloud && e.podId === pod.id)!;
  }

  async upsert(pods: readonly Pod[], options: UpsertOptions = {}): Promise<UpsertResult> {
    const result: UpsertResult = { aliases: new Map(), refreshed: [], unreachable: [], rejected: [] };
    const claimed = (await this.o.claimedAliases?.()) ?? (() => false);
    await this.mutate((entries) => {
      const valid: Array<{ pod: Pod; entry: HostEntry }> = [];
      for (const pod of pods) {
        if (!pod.ssh) {
          result.unreachable.push(pod);
          continue;
        }
        try {
          const { host, port, user } = pod.ssh; // never the password: it has no place in a config file
          const account = options.account;
          valid.push({
            pod,
            entry: checkEntry({
              alias: 'x',
              cloud: pod.cloud,
              podId: pod.id,
              host,
              port,
              user,
              ...(account ? { account } : {}),
            }),
          });
        } catch (e) {
          result.rejected.push({ pod, error: e as ConfigError });
        }
      }
      const aliases = assignAliases(
        valid.map((v) => v.pod),
        entries,
        claimed,
      );
      const byKey = new Map(entries.map((e) => [podKey({ cloud: e.cloud, id: e.podId }), e]));
      for (const { pod, entry } of valid) {
        const key = podKey(pod);
        const prev = byKey.get(key);
        const account = options.adoptOnly && prev?.account ? prev.account : (entry.account ?? prev?.account);
        const next: HostEntry = { ...entry, alias: aliases.get(key)!, ...(account ? { account } : {}) };
        if (!account) delete next.account;
        if (prev && (prev.host !== next.host || prev.port !== next.port || prev.user !== next.user)) {
          result.refreshed.push(next);
        }
        byKey.set(key, next);
        result.aliases.set(key, next.alias);
      }
      return [...byKey.values()];
    });
    return result;
  }

  /** Removes the entries of these pods (terminated ones); returns what was removed. */
  async remove(pods: ReadonlyArray<{ cloud: CloudId; id: string }>): Promise<HostEntry[]> {
    const gone = new Set(pods.map(podKey));
    return this.removeWhere((e) => gone.has(podKey({ cloud: e.cloud, id: e.podId })));
  }

  /**
   * Removes the entries of `account` among these pods, judged again under the lock: an entry another
   * window has meanwhile given to another account (a connect there) stays.
   */
  async removeOwned(account: string, pods: ReadonlyArray<{ cloud: CloudId; id: string }>): Promise<HostEntry[]> {
    const gone = new Set(pods.map(podKey));
    return this.removeWhere((e) => e.account === account && gone.has(podKey({ cloud: e.cloud, id: e.podId })));
  }

  private async removeWhere(drop: (e: HostEntry) => boolean): Promise<HostEntry[]> {
    const removed: HostEntry[] = [];
    await this.mutate((entries) => entries.filter((e) => (drop(e) ? (removed.push(e), false) : true)), {
      createFile: false,
    });
    return removed;
  }

  /**
   * Gives the entries without an account marker (written by an older version) whose pod this account lists
   * to that account, so from now on they can be judged. Writes nothing when there is none.
   */
  async adopt(account: string, cloud: CloudId, listed: ReadonlySet<string>): Promise<HostEntry[]> {
    const adopted: HostEntry[] = [];
    await this.mutate(
      (entries) =>
        entries.map((e) =>
          !e.account && e.cloud === cloud && listed.has(e.podId) ? (adopted.push(e), { ...e, account }) : e,
        ),
      { createFile: false },
    );
    return adopted;
  }

  /** Rewrites the file with the entries it holds (e.g. after the identity file setting changed). */
  async rewrite(): Promise<boolean> {
    return this.mutate((entries) => entries, { createFile: false });
  }

  private mutate(change: (entries: HostEntry[]) => HostEntry[], o: { createFile?: boolean } = {}): Promise<boolean> {
    // validate the paths before taking the lock: a bad setting must not even create the folder
    const platform = this.o.platform ?? nodePlatform();
    configPathValue(platform, this.o.identityFile, 'IdentityFile', 'identity file');
    configPathValue(platform, this.o.knownHostsFile, 'UserKnownHostsFile', 'known hosts file');
    return updateFile(
      this.o.fs,
      this.o.configPath,
      (current) => {
        // removing from a file that is not there: nothing to do, and no file (or folder) to create for it
        if (!current && o.createFile === false) return undefined;
        const entries = current ? parseHostFile(current.toString('utf8'), this.o.logger) : [];
        return Buffer.from(renderHostFile(change(entries), this.o), 'utf8');
      },
      { ...this.o.lock, createDir: o.createFile !== false, pathRules: platform.path },
    );
  }
}

/**
 * Entries of `account` that its complete list no longer shows (`listed`: ids of its pods, and `vm-<id>` of
 * its VMs, that are not terminated). Only candidates: the caller confirms each with the cloud first.
 */
export function unlistedEntries(
  entries: readonly HostEntry[],
  account: string,
  cloud: CloudId,
  listed: ReadonlySet<string>,
): HostEntry[] {
  return entries.filter((e) => e.account === account && e.cloud === cloud && !listed.has(e.podId));
}
