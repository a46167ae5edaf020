import { isAbsolute, join, resolve, sep } from 'node:path';
import { promises as fsp } from 'node:fs';
import SSHConfig, { LineType, type Directive, type Line } from 'ssh-config';
import type { Logger } from '../logger';
import { silentLogger } from '../logger';
import type { CloudId } from '../model';
import { ALIAS_PREFIX } from './alias';

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

/** What ssh reads for `Include arg` in a user config: `~/` is the home folder, a relative path is under ~/.ssh. */
export function includePath(arg: string, homeDir: string): string {
  if (arg === '~' || arg.startsWith('~/')) return join(homeDir, arg.slice(2));
  return isAbsolute(arg) ? resolve(arg) : join(homeDir, '.ssh', arg);
}

/** The files a glob names, sorted as ssh's glob(3) would; `*`, `?` and `[..]` in any path segment. */
export async function expandGlob(path: string): Promise<string[]> {
  if (!/[*?[]/.test(path)) return [path];
  const parts = path.split(sep);
  let found = [parts[0] === '' ? sep : parts[0]];
  for (const part of parts.slice(1)) {
    if (!part) continue;
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?[]/.test(part)) {
        next.push(join(dir, part));
        continue;
      }
      const re = new RegExp(
        `^${part
          .replace(/[.+^${}()|\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      const names = await fsp.readdir(dir).catch(() => [] as string[]);
      for (const n of names.sort()) if (!n.startsWith('.') && re.test(n)) next.push(join(dir, n));
    }
    found = next;
  }
  return found;
}

export interface ReadUserHostsOptions {
  homeDir: string;
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
  const skip = new Set((o.exclude ?? []).map((p) => resolve(p)));
  const seen = new Set<string>();
  const out: HostLine[] = [];
  const visit = async (file: string, depth: number): Promise<void> => {
    const full = resolve(file);
    if (depth > 16 || skip.has(full) || seen.has(full)) return;
    seen.add(full);
    let text: string;
    try {
      text = await fsp.readFile(full, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR')
        logger.warn(`Could not read ${full} to check its Host names (${code ?? e}).`);
      return;
    }
    const { hosts, includes } = scanConfigText(text, full);
    out.push(...hosts);
    for (const arg of includes)
      for (const f of await expandGlob(includePath(arg, o.homeDir))) await visit(f, depth + 1);
  };
  await visit(configPath, 0);
  return out;
}
