import SSHConfig, { LineType, type Directive, type Line, type Section } from 'ssh-config';
import { ConfigError } from '../errors';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { CloudId, Pod } from '../model';
import { assignAliases, podKey } from './alias';
import { PodNotReachableError } from './errors';
import { updateFile, type LockOptions } from './fileWrite';
import type { SshFs } from './io';
import { bareHost, checkAlias, checkPath, validateEndpoint } from './validate';

/**
 * The file the extension owns (default ~/.ssh/gpupods/config): one Host entry per pod. It is regenerated
 * as a whole from the parsed entries, sorted by alias, so writing the same entries twice yields the same
 * bytes (and then nothing is written at all).
 */

export interface HostEntry {
  alias: string;
  cloud: CloudId;
  podId: string;
  host: string;
  port: number;
  user: string;
}

export interface HostFileOptions {
  identityFile: string;
  /** The extension's own known_hosts: pods reuse addresses and ports, the user's file must never see that. */
  knownHostsFile: string;
}

const MARK = /^#\s*gpupods:\s+([a-z0-9]+)\s+(\S+)\s*$/;
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
  if (!CLOUD.test(e.cloud)) throw new ConfigError('The cloud id of a pod is not valid for an SSH entry.');
  if (!POD_ID.test(e.podId)) throw new ConfigError('The pod id contains characters not allowed in an SSH entry.');
  validateEndpoint(e, `pod ${e.podId}`);
  return { ...e, host: bareHost(e.host) };
}

/** A directive built as data: ssh-config's text round trip drops the quotes of a single spaced path in
 * multi-value options (UserKnownHostsFile), which ssh would then read as two files. */
function line(param: string, value: Directive['value']): Directive {
  return { type: LineType.DIRECTIVE, param, separator: ' ', value, before: '  ', after: '\n' };
}

function pathValue(path: string, what: string): Directive['value'] {
  const p = checkPath(path, what);
  return /\s/.test(p) ? [{ val: p, separator: ' ', quoted: true }] : p;
}

export function renderHostFile(entries: readonly HostEntry[], opts: HostFileOptions): string {
  const identity = pathValue(opts.identityFile, 'identity file');
  const known = pathValue(opts.knownHostsFile, 'known hosts file');
  const checked = entries.map(checkEntry).sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  const aliases = new Set<string>();
  const config = SSHConfig.parse(HEADER.join('\n') + '\n');
  for (const e of checked) {
    if (aliases.has(e.alias)) throw new ConfigError(`Two pods would share the SSH alias ${e.alias}.`);
    aliases.add(e.alias);
    config.push({ type: LineType.EMPTY, before: '', after: '\n' });
    const [host] = SSHConfig.parse(`Host ${e.alias}\n`) as Section[];
    host.config.push(
      // inside the block: ssh-config keeps it with its Host when parsing, so entries map back to pods
      { type: LineType.COMMENT, content: `# gpupods: ${e.cloud} ${e.podId}`, before: '  ', after: '\n' },
      line('HostName', e.host),
      line('Port', String(e.port)),
      line('User', e.user),
      line('IdentityFile', identity),
      line('IdentitiesOnly', 'yes'), // only our key: an agent with many keys would hit MaxAuthTries first
      line('ServerAliveInterval', '30'),
      line('ServerAliveCountMax', '4'),
      line('UserKnownHostsFile', known),
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
      if (!m) throw new ConfigError('no gpupods marker');
      out.push(
        checkEntry({
          alias: String(section.value),
          cloud: m[1] as CloudId,
          podId: m[2],
          host: directive(section, 'HostName') ?? '',
          port: Number(directive(section, 'Port')),
          user: directive(section, 'User') ?? '',
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
      throw new ConfigError(`Cannot read ${this.o.configPath} (${e.code ?? e.message}).`);
    });
    return data ? parseHostFile(data.toString('utf8'), this.o.logger) : [];
  }

  /** Entry for one pod (throws PodNotReachableError / ConfigError instead of writing a broken entry). */
  async ensurePod(pod: Pod): Promise<HostEntry> {
    const r = await this.upsert([pod]);
    if (r.unreachable.length) throw new PodNotReachableError(`${pod.name} is not reachable over SSH yet.`);
    if (r.rejected.length) throw r.rejected[0].error;
    return (await this.list()).find((e) => e.cloud === pod.cloud && e.podId === pod.id)!;
  }

  async upsert(pods: readonly Pod[]): Promise<UpsertResult> {
    const result: UpsertResult = { aliases: new Map(), refreshed: [], unreachable: [], rejected: [] };
    await this.mutate((entries) => {
      const valid: Array<{ pod: Pod; entry: HostEntry }> = [];
      for (const pod of pods) {
        if (!pod.ssh) {
          result.unreachable.push(pod);
          continue;
        }
        try {
          const { host, port, user } = pod.ssh; // never the password: it has no place in a config file
          valid.push({ pod, entry: checkEntry({ alias: 'x', cloud: pod.cloud, podId: pod.id, host, port, user }) });
        } catch (e) {
          result.rejected.push({ pod, error: e as ConfigError });
        }
      }
      const aliases = assignAliases(
        valid.map((v) => v.pod),
        entries,
      );
      const byKey = new Map(entries.map((e) => [podKey({ cloud: e.cloud, id: e.podId }), e]));
      for (const { pod, entry } of valid) {
        const key = podKey(pod);
        const next: HostEntry = { ...entry, alias: aliases.get(key)! };
        const prev = byKey.get(key);
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
    const removed: HostEntry[] = [];
    await this.mutate((entries) =>
      entries.filter((e) => (gone.has(podKey({ cloud: e.cloud, id: e.podId })) ? (removed.push(e), false) : true)),
    );
    return removed;
  }

  /**
   * Entries whose pod no longer exists. Only clouds present in `live` are judged: a cloud whose listing failed
   * (or that is not configured any more) must not lose its entries because of that.
   */
  async stale(live: Partial<Record<CloudId, ReadonlyArray<{ id: string }>>>): Promise<HostEntry[]> {
    return staleOf(await this.list(), live);
  }

  async removeStale(live: Partial<Record<CloudId, ReadonlyArray<{ id: string }>>>): Promise<HostEntry[]> {
    const removed: HostEntry[] = [];
    await this.mutate((entries) => {
      const stale = new Set(staleOf(entries, live));
      removed.push(...stale);
      return entries.filter((e) => !stale.has(e));
    });
    return removed;
  }

  /** Rewrites the file with the entries it holds (e.g. after the identity file setting changed). */
  async rewrite(): Promise<boolean> {
    return this.mutate((entries) => entries);
  }

  private mutate(change: (entries: HostEntry[]) => HostEntry[]): Promise<boolean> {
    // validate the paths before taking the lock: a bad setting must not even create the folder
    checkPath(this.o.identityFile, 'identity file');
    checkPath(this.o.knownHostsFile, 'known hosts file');
    return updateFile(
      this.o.fs,
      this.o.configPath,
      (current) => {
        const entries = current ? parseHostFile(current.toString('utf8'), this.o.logger) : [];
        return Buffer.from(renderHostFile(change(entries), this.o), 'utf8');
      },
      this.o.lock,
    );
  }
}

function staleOf(entries: HostEntry[], live: Partial<Record<CloudId, ReadonlyArray<{ id: string }>>>): HostEntry[] {
  return entries.filter((e) => {
    const pods = live[e.cloud];
    return pods !== undefined && !pods.some((p) => p.id === e.podId);
  });
}
