import { createHash, createHmac } from 'node:crypto';
import { updateFile } from '../fileWrite';
import type { SshFs } from '../io';
import { bareHost } from '../validate';

/**
 * Host keys in OpenSSH's known_hosts format, so the file our client writes is the file the system `ssh`
 * behind Remote-SSH and the terminal reads (`UserKnownHostsFile` of our entries): one line per host key,
 * `<name> <key type> <base64 key>`. Reading follows OpenSSH: comma-separated patterns with `*`, `?` and
 * `!` negation, hashed names (`|1|salt|hash`, HashKnownHosts), case-insensitive. Marker lines
 * (`@cert-authority`, `@revoked`) are left alone and never match: we neither write nor use certificates.
 */

export interface HostKey {
  /** The key type the blob names (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa` …). */
  type: string;
  /** The public key blob as sent in the key exchange. */
  blob: Buffer;
}

interface KnownLine {
  text: string;
  marker?: string;
  names?: string;
  key?: HostKey;
}

/** OpenSSH's fingerprint as `ssh-keygen -l` and ssh's own prompts print it: `SHA256:` + base64 without padding. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The type named at the start of a key blob (a length-prefixed string); undefined when it is not one. */
export function blobType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return undefined;
  const type = blob.toString('latin1', 4, 4 + length);
  return /^[a-z0-9@.-]+$/.test(type) ? type : undefined;
}

/**
 * The name a host's keys are filed under: the entry's HostKeyAlias when it has one (GPU Pods keys pods by
 * id, since clouds reuse addresses), else `host` on port 22 and `[host]:port` on any other, as ssh writes it.
 */
export function knownHostName(target: { host: string; port: number; hostKeyAlias?: string }): string {
  if (target.hostKeyAlias) return target.hostKeyAlias;
  const host = bareHost(target.host).toLowerCase();
  return target.port === 22 ? host : `[${host}]:${target.port}`;
}

function parseLine(text: string): KnownLine {
  const fields = text.trim().split(/[ \t]+/);
  if (fields[0] === '' || fields[0].startsWith('#')) return { text };
  if (fields[0].startsWith('@')) return { text, marker: fields[0] };
  const [names, type, base64] = fields;
  if (!type || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { text };
  const blob = Buffer.from(base64, 'base64');
  if (blobType(blob) !== type) return { text };
  return { text, names, key: { type, blob } };
}

function parse(content: string): KnownLine[] {
  return content.split(/\r?\n/).map(parseLine);
}

/** OpenSSH's pattern match: `*` any run, `?` one character, case-insensitive. */
function wildcard(pattern: string, name: string): boolean {
  const re = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name.toLowerCase());
}

function hashedMatch(entry: string, name: string): boolean {
  const m = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(entry);
  if (!m) return false;
  const digest = createHmac('sha1', Buffer.from(m[1], 'base64')).update(name).digest('base64');
  return digest === m[2];
}

/** Whether a line's name field covers `name`: a negated pattern that matches wins over any other. */
function namesMatch(names: string, name: string): boolean {
  if (names.startsWith('|')) return hashedMatch(names, name);
  let matched = false;
  for (const pattern of names.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcard(pattern.slice(1), name)) return false;
    } else if (wildcard(pattern, name)) matched = true;
  }
  return matched;
}

export type HostKeyCheck =
  | { status: 'known' }
  | { status: 'new' }
  /** Keys filed under this name, none of them the key offered now. */
  | { status: 'changed'; known: HostKey[] };

/** The known keys filed under `name` in known_hosts `content`. */
export function knownKeys(content: string, name: string): HostKey[] {
  return parse(content).flatMap((l) => (l.key && l.names && namesMatch(l.names, name) ? [l.key] : []));
}

/**
 * How `offered` stands against the file: known (the same key is filed under the name), new (nothing is), or
 * changed (other keys are: same type or not, the host no longer shows the key we trusted).
 */
export function checkHostKey(content: string, name: string, offered: HostKey): HostKeyCheck {
  const known = knownKeys(content, name);
  if (known.some((k) => k.type === offered.type && k.blob.equals(offered.blob))) return { status: 'known' };
  return known.length ? { status: 'changed', known } : { status: 'new' };
}

/** The line ssh would write for this key. */
export function knownHostLine(name: string, key: HostKey): string {
  return `${name} ${key.type} ${key.blob.toString('base64')}`;
}

/** The file without the lines that file keys under `name` (what `ssh-keygen -R` does); other lines kept byte for byte. */
function without(content: string, name: string): string {
  const lines = content.split('\n');
  const kept = lines.filter((text) => {
    const l = parseLine(text.replace(/\r$/, ''));
    return !(l.key && l.names && namesMatch(l.names, name));
  });
  return kept.join('\n');
}

function appended(content: string, line: string): string {
  const base = content === '' || content.endsWith('\n') ? content : `${content}\n`;
  return `${base}${line}\n`;
}

/** Reads the file; a missing one is empty. */
export async function readKnownHosts(fs: SshFs, file: string): Promise<string> {
  try {
    return (await fs.readFile(file)).toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw e;
  }
}

/** Files `key` under `name` unless that exact key is already there (trust on first use). */
export async function addHostKey(fs: SshFs, file: string, name: string, key: HostKey): Promise<void> {
  await updateFile(fs, file, (current) => {
    const content = current?.toString('utf8') ?? '';
    if (checkHostKey(content, name, key).status === 'known') return undefined;
    return Buffer.from(appended(content, knownHostLine(name, key)));
  });
}

/** After the user confirmed a changed key: every key filed under `name` goes, `key` takes their place. */
export async function replaceHostKey(fs: SshFs, file: string, name: string, key: HostKey): Promise<void> {
  await updateFile(fs, file, (current) =>
    Buffer.from(appended(without(current?.toString('utf8') ?? '', name), knownHostLine(name, key))),
  );
}

/** Forgets every key filed under `name` (a pod that is gone, or that came back with a new address). */
export async function forgetHostKeys(fs: SshFs, file: string, name: string): Promise<void> {
  await updateFile(
    fs,
    file,
    (current) => (current ? Buffer.from(without(current.toString('utf8'), name)) : undefined),
    { createDir: false },
  );
}

/** The key types a name has keys of, so the key exchange can ask for those first (as ssh does). */
export function knownKeyTypes(content: string, name: string): string[] {
  return [...new Set(knownKeys(content, name).map((k) => k.type))];
}
