import { ConfigError } from '../errors';
import { l10n } from '../l10n';
import type { Platform } from './platform';
import { sshHome } from './sshLocations';

/**
 * Local paths as values of ssh config lines, written so every OpenSSH we meet reads them back as the same
 * file. The rules, from how OpenSSH splits a line: Windows 10's OpenSSH 8.1 knows only double quotes; from
 * 8.3 on a backslash escapes a quote, a backslash or a space, and single quotes quote too. So a Windows
 * path is written with forward slashes (Win32-OpenSSH turns them back), the value is double-quoted when it
 * holds a space, a single quote or a `#`, and what no version reads the same is refused: double quotes,
 * control characters, a backslash in a Unix path, `${` (environment expansion), and for Include the glob
 * characters and `%`. IdentityFile and UserKnownHostsFile expand `%` tokens, so a `%` there is written `%%`.
 */

export type PathDirective = 'Include' | 'IdentityFile' | 'UserKnownHostsFile';

/** Directives whose value goes through OpenSSH's `%` token expansion. */
const EXPANDS_TOKENS: ReadonlySet<PathDirective> = new Set(['IdentityFile', 'UserKnownHostsFile']);

function refuse(directive: PathDirective, reason: string): never {
  throw new ConfigError(l10n.t('This path cannot be written as an ssh {0} line: {1}', directive, reason));
}

/** A Windows path OpenSSH can open: `C:\…` (or `C:/…`) and `\\server\share\…`. */
function windowsAbsolute(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || /^[\\/]{2}[^\\/]+[\\/]+[^\\/]+/.test(path);
}

/** The local absolute path `path` as the value of a `directive` line in an ssh config. */
export function toSshConfigPath(platform: Platform, path: string, directive: PathDirective): string {
  if (typeof path !== 'string' || path === '') refuse(directive, l10n.t('the path is empty'));
  if (/[\u0000-\u001f\u007f]/.test(path)) refuse(directive, l10n.t('it contains a line break or control character'));
  if (path.includes('"')) refuse(directive, l10n.t('it contains a double quote'));
  if (path.includes('${')) refuse(directive, l10n.t('it contains "${", which ssh reads as an environment variable'));
  let value: string;
  if (platform.os === 'win32') {
    if (!windowsAbsolute(path)) refuse(directive, l10n.t('it is not a full path with a drive letter or a share'));
    value = path.replace(/\\/g, '/');
  } else {
    if (!path.startsWith('/')) refuse(directive, l10n.t('it is not a full path'));
    if (path.includes('\\')) refuse(directive, l10n.t('it contains a backslash'));
    value = path;
  }
  if (directive === 'Include' && /[*?[\]%]/.test(value))
    refuse(directive, l10n.t('it contains "*", "?", "[", "]" or "%", which ssh would expand'));
  if (EXPANDS_TOKENS.has(directive)) value = value.replace(/%/g, '%%');
  return /[\s'#]/.test(value) ? `"${value}"` : value;
}

/**
 * A value read from an ssh config line back as a local path: quotes removed, `~` and `%d` as the home
 * folder, `%%` as `%`, separators as the OS writes them. Undefined for what only ssh can resolve at
 * connection time (other `%` tokens, `${…}`, a relative path).
 */
export function fromSshConfigPath(platform: Platform, value: string, directive: PathDirective): string | undefined {
  let text = value.trim();
  const quoted = /^"(.*)"$/.exec(text) ?? /^'(.*)'$/.exec(text);
  if (quoted) text = quoted[1];
  if (text.includes('${')) return undefined;
  const home = sshHome(platform);
  if (EXPANDS_TOKENS.has(directive)) {
    let unresolved = false;
    text = text.replace(/%(.)/g, (_, token: string) => {
      if (token === '%') return '%';
      if (token === 'd') return home;
      unresolved = true;
      return '';
    });
    if (unresolved) return undefined;
  }
  if (/^~(?=[\\/]|$)/.test(text)) text = home + text.slice(1);
  if (platform.os === 'win32') {
    text = text.replace(/\//g, '\\');
    return windowsAbsolute(text) ? platform.path.normalize(text) : undefined;
  }
  return text.startsWith('/') ? platform.path.normalize(text) : undefined;
}
