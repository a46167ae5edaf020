import { ConfigError } from '../errors';
import { nodePlatform, type Platform } from '../platform/platform';
import { updateFile, type LockOptions } from './fileWrite';
import type { SshFs } from './io';
import { fileKey, includePath } from './userHosts';
import { configPathValue } from './validate';
import { l10n } from '../l10n';

/**
 * The one change we make to the user's own ssh config: an `Include` of our host file, between two marker
 * comments, before the first `Host`/`Match` line. Why an Include and not a block of host entries: pods come
 * and go many times a day, and rewriting only our own file means the user's file is touched once, at setup.
 * Why before the first Host: anything after a Host line belongs to that Host, and Remote-SSH lists the hosts
 * of an Include only when it comes first.
 *
 * The text is handled as latin1 (one char per byte), so every byte we do not own — CRLF, tabs, a BOM,
 * invalid UTF-8, a missing final newline — is written back exactly as read; our lines take the file's line
 * ends. The path is written as the platform's OpenSSH reads it (forward slashes on Windows).
 */

export const BEGIN_MARKER = '# --- GPU Pods: begin (managed, do not edit) ---';
export const END_MARKER = '# --- GPU Pods: end ---';
const BOM = '\xef\xbb\xbf';

/**
 * Our Include line (also the one a user adds by hand in "never touch my config" mode). Always quoted, as it
 * always was: home folders have spaces, and a line already in a user's file stays byte for byte the same.
 */
export function includeLine(hostFilePath: string, platform: Platform = nodePlatform()): string {
  const value = configPathValue(platform, hostFilePath, 'Include', 'GPU Pods ssh config');
  return `Include ${value.startsWith('"') ? value : `"${value}"`}`;
}

interface RawLine {
  start: number;
  /** End of the content, before the line break. */
  end: number;
  /** End including the line break. */
  next: number;
  text: string;
}

function splitLines(s: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = s.startsWith(BOM) ? BOM.length : 0;
  while (start < s.length) {
    const nl = s.indexOf('\n', start);
    const next = nl < 0 ? s.length : nl + 1;
    const end = nl < 0 ? s.length : nl > start && s[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ start, end, next, text: s.slice(start, end) });
    start = next;
  }
  return lines;
}

const isSectionLine = (t: string) => /^\s*(host|match)(\s|=)/i.test(t);

interface Block {
  start: number;
  next: number;
}

/** Where our block is, or undefined; throws when the markers are not exactly one begin before one end. */
function findBlock(s: string, path: string): Block | undefined {
  const lines = splitLines(s);
  const begins = lines.filter((l) => l.text.trim() === BEGIN_MARKER);
  const ends = lines.filter((l) => l.text.trim() === END_MARKER);
  if (begins.length === 0 && ends.length === 0) return undefined;
  const fix = l10n.t(
    'Edit {0}: keep exactly one "{1}" line followed by one "{2}" line, or delete both and everything between them. Nothing was written.',
    path,
    BEGIN_MARKER,
    END_MARKER,
  );
  if (begins.length !== ends.length)
    throw new ConfigError(l10n.t('The GPU Pods markers in {0} are unbalanced. {1}', path, fix));
  if (begins.length > 1)
    throw new ConfigError(l10n.t('The GPU Pods markers in {0} appear more than once. {1}', path, fix));
  if (ends[0].start < begins[0].start)
    throw new ConfigError(l10n.t('The GPU Pods markers in {0} are out of order. {1}', path, fix));
  return { start: begins[0].start, next: ends[0].next };
}

function removeBlock(s: string, block: Block): string {
  // the block was appended after a last line with no line break: take back exactly the break we added,
  // which is the one our own lines use (a lone CR the user's file ended with is theirs and stays)
  if (block.next === s.length && !/\n$/.test(s)) {
    const before = s.slice(0, block.start);
    const firstBreak = s.indexOf('\n', block.start);
    const ours = firstBreak > 0 && s[firstBreak - 1] === '\r' ? '\r\n' : '\n';
    return before.endsWith(ours) ? before.slice(0, -ours.length) : before;
  }
  return s.slice(0, block.start) + s.slice(block.next);
}

/** Pure: the user's config text (latin1) with our block present, up to date and before the first Host. */
export function withInclude(
  text: string,
  hostFilePath: string,
  o: { userConfigPath?: string; platform?: Platform } = {},
): string {
  const utf8Line = Buffer.from(includeLine(hostFilePath, o.platform), 'utf8').toString('latin1');
  const block = findBlock(text, o.userConfigPath ?? l10n.t('your ssh config'));
  const s = block ? removeBlock(text, block) : text;
  const eol = /\r\n$/.test(s.slice(0, s.indexOf('\n') + 1)) ? '\r\n' : '\n'; // the file's own style
  const ours = [BEGIN_MARKER, utf8Line, END_MARKER].join(eol);
  const lines = splitLines(s);
  let i = lines.findIndex((l) => isSectionLine(l.text));
  if (i >= 0) {
    // keep comments written right above the first Host with it: they describe that host
    while (i > 0 && /^\s*#/.test(lines[i - 1].text)) i--;
    const at = lines[i].start;
    return s.slice(0, at) + ours + eol + s.slice(at);
  }
  const bodyStart = s.startsWith(BOM) ? BOM.length : 0;
  if (s.length === bodyStart) return s + ours + eol;
  return /\n$/.test(s) ? s + ours + eol : s + eol + ours;
}

/**
 * Adds or updates the managed Include in the user's config (created 0600 if missing). True when written.
 * `platform`: the desktop whose OpenSSH reads the file (default: this one).
 */
export function installInclude(
  fs: SshFs,
  userConfigPath: string,
  hostFilePath: string,
  o: LockOptions & { platform?: Platform } = {},
): Promise<boolean> {
  const { platform = nodePlatform(), ...lock } = o;
  includeLine(hostFilePath, platform); // refuse a bad path before touching anything
  return updateFile(
    fs,
    userConfigPath,
    (current) =>
      Buffer.from(withInclude(current?.toString('latin1') ?? '', hostFilePath, { userConfigPath, platform }), 'latin1'),
    { ...lock, pathRules: platform.path },
  );
}

export interface ManualIncludeStatus {
  /** The line to add at the top of the ssh config, before any Host or Match line. */
  line: string;
  /** An Include of our file is there, before the first Host/Match line. */
  present: boolean;
  /** An Include of our file is there, but after a Host/Match line, where it is scoped to that host. */
  misplaced: boolean;
}

/** The words of an Include line as ssh splits them: quotes group, `\ ` is a space, a word starting `#` ends it. */
function includeArgs(rest: string): string[] {
  const out: string[] = [];
  for (const m of rest.matchAll(/"([^"]*)"|'([^']*)'|((?:\\ |\S)+)/g)) {
    if (m[3]?.startsWith('#')) break;
    out.push(m[1] ?? m[2] ?? m[3].replace(/\\ /g, ' '));
  }
  return out;
}

/**
 * "Never touch my config" mode: what to add, and whether it is already there. Reads only. The Include
 * arguments are read as the platform's ssh reads them: `~`, relative to the ssh folder, either slash on
 * Windows, names compared as the platform compares them.
 */
export async function manualIncludeStatus(
  fs: SshFs,
  userConfigPath: string,
  hostFilePath: string,
  platform: Platform,
): Promise<ManualIncludeStatus> {
  const line = includeLine(hostFilePath, platform);
  const data = await fs.readFile(userConfigPath).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return Buffer.alloc(0);
    throw new ConfigError(l10n.t('Cannot read {0} ({1}).', userConfigPath, e.code ?? e.message));
  });
  const target = fileKey(platform, hostFilePath);
  const ours = (arg: string) => {
    const path = includePath(platform, arg);
    return path !== undefined && fileKey(platform, path) === target;
  };
  let seenSection = false;
  let present = false;
  let misplaced = false;
  for (const l of splitLines(data.toString('utf8'))) {
    if (isSectionLine(l.text)) seenSection = true;
    const m = /^\s*include(?:\s*=\s*|\s+)(.*)$/i.exec(l.text);
    if (m && includeArgs(m[1]).some(ours)) {
      if (seenSection) misplaced = true;
      else present = true;
    }
  }
  return { line, present, misplaced: misplaced && !present };
}
