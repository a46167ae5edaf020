import SSHConfig, { LineType, type Directive, type Line } from 'ssh-config';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { CloudId } from '../model';
import { fromSshConfigPath } from '../platform/configPaths';
import type { Platform } from '../platform/platform';
import { userSshDirectory } from '../platform/sshLocations';
import { ALIAS_PREFIX } from './alias';
import type { SshFs } from './io';

/**
 * The host names the user's own ssh config claims, read only. Our Include stands before the user's Host
 * lines, so for a name both claim ssh takes our values: an alias that a user line matches would take over
 * the user's host. Aliases avoid every name any of these lines matches.
 */

/** One `Host` line (or the host criteria of a `Match` line): matches when a positive pattern does and no `!pattern` does. */
export interface HostLine {
  patterns: string[];
  /** Where it was read, for the log. */
  file: string;
}

/** ssh's own pattern rule (match_pattern): `*` any run of characters, `?` one character; compared lower-case. */
export function patternMatches(pattern: string, name: string): boolean {
  const re = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(name.toLowerCase());
}

export function lineMatches(line: HostLine, name: string): boolean {
  let positive = false;
  for (const p of line.patterns) {
    if (p.startsWith('!')) {
      if (patternMatches(p.slice(1), name)) return false;
    } else if (patternMatches(p, name)) positive = true;
  }
  return positive;
}

/**
 * Names no pod of `cloud` could avoid — `Host *`, `Host gpupods-*`, `Host * !github.com`: such a line sets
 * defaults for every host (or every pod) on purpose; it does not name a host of the user's, so it does not
 * count. A line that matches two unrelated made-up aliases of this cloud is taken to be one of those.
 */
export function coversEveryAlias(line: HostLine, cloud: CloudId): boolean {
  return [`${ALIAS_PREFIX}${cloud}-a`, `${ALIAS_PREFIX}${cloud}-zq9-x0x-7k`].every((probe) => lineMatches(line, probe));
}

/** A predicate for assignAliases: true when some line of the user's config claims this alias. */
export function claimedBy(lines: readonly HostLine[]): (alias: string, cloud: CloudId) => boolean {
  return (alias, cloud) => lines.some((l) => !coversEveryAlias(l, cloud) && lineMatches(l, alias));
}

function values(d: Directive): string[] {
  return typeof d.value === 'string' ? [d.value] : d.value.map((v) => v.val);
}

/** The Host lines and Include arguments of one file's text (Includes inside Host/Match blocks too). */
export function scanConfigText(text: string, file: string): { hosts: HostLine[]; includes: string[] } {
  const hosts: HostLine[] = [];
  const includes: string[] = [];
  const walk = (lines: Line[]) => {
    for (const l of lines) {
      if (l.type !== LineType.DIRECTIVE) continue;
      const param = l.param.toLowerCase();
      if (param === 'host') hosts.push({ patterns: values(l).filter(Boolean), file });
      if (param === 'match') {
        // Match host/originalhost take comma-separated pattern lists
        const words = values(l);
        for (let i = 0; i < words.length - 1; i++) {
          if (/^(host|originalhost)$/i.test(words[i]))
            hosts.push({ patterns: words[i + 1].split(',').filter(Boolean), file });
        }
      }
      if (param === 'include') includes.push(...values(l));
      if ('config' in l && Array.isArray(l.config)) walk(l.config as Line[]);
    }
  };
  walk(SSHConfig.parse(text) as Line[]);
  return { hosts, includes };
}

/**
 * What ssh reads for `Include arg` in a user config, on that platform: `~` is the home folder, a relative path
 * is under the user's ssh folder (for files included from included files too), a Windows path may use either
 * slash. Undefined for what only ssh resolves (`${…}`, `~user`, a Windows path without a drive).
 */
export function includePath(platform: Platform, arg: string): string | undefined {
  const full = fromSshConfigPath(platform, arg, 'Include');
  if (full !== undefined) return full;
  if (arg.includes('${') || arg.startsWith('~')) return undefined;
  const relative = platform.os === 'win32' ? arg.replace(/\//g, '\\') : arg;
  if (platform.path.isAbsolute(relative)) return undefined;
  return platform.path.join(userSshDirectory(platform), relative);
}

/** One key per file as the platform compares names: Windows and macOS (by default) ignore case. */
export function fileKey(platform: Platform, path: string): string {
  const normal = platform.path.normalize(path);
  return platform.os === 'linux' ? normal : normal.toLowerCase();
}

/** The files a glob names, sorted as ssh's glob(3) would; `*`, `?` and `[..]` in any path segment. */
export async function expandGlob(fs: SshFs, platform: Platform, path: string): Promise<string[]> {
  if (!/[*?[]/.test(path)) return [path];
  const { root } = platform.path.parse(path);
  const parts = path.slice(root.length).split(platform.os === 'win32' ? /[\\/]/ : /\//);
  let found = [root];
  for (const part of parts) {
    if (!part) continue;
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?[]/.test(part)) {
        next.push(platform.path.join(dir, part));
        continue;
      }
      const re = new RegExp(
        `^${part
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      const names = await fs.readdir(dir).catch(() => [] as string[]);
      for (const n of names.sort()) if (!n.startsWith('.') && re.test(n)) next.push(platform.path.join(dir, n));
    }
    found = next;
  }
  return found;
}

export interface ReadUserHostsOptions {
  fs: SshFs;
  /** The desktop whose OpenSSH reads the config: where `~` and relative Includes point. */
  platform: Platform;
  /** Our own host file: its Host lines are ours, not the user's. */
  exclude?: readonly string[];
  logger?: Logger;
}

/**
 * Every Host line of the user's config and of the files it includes, recursively (ssh's depth limit, 16).
 * Read only. A missing file has no lines; an unreadable included file is skipped and logged (ssh itself
 * would stop on it, so no host of the user's can come from it).
 */
export async function readUserHostLines(configPath: string, o: ReadUserHostsOptions): Promise<HostLine[]> {
  const logger = o.logger ?? silentLogger;
  const skip = new Set((o.exclude ?? []).map((p) => fileKey(o.platform, p)));
  const seen = new Set<string>();
  const out: HostLine[] = [];
  const visit = async (file: string, depth: number): Promise<void> => {
    const key = fileKey(o.platform, file);
    if (depth > 16 || skip.has(key) || seen.has(key)) return;
    seen.add(key);
    let text: string;
    try {
      text = (await o.fs.readFile(file)).toString('utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR')
        logger.warn(`Could not read ${file} to check its Host names (${code ?? e}).`);
      return;
    }
    const { hosts, includes } = scanConfigText(text, file);
    out.push(...hosts);
    for (const arg of includes) {
      const path = includePath(o.platform, arg);
      if (path) for (const f of await expandGlob(o.fs, o.platform, path)) await visit(f, depth + 1);
    }
  };
  await visit(configPath, 0);
  return out;
}
