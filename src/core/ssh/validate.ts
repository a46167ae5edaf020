import { ConfigError } from '../errors';
import type { SshEndpoint } from '../model';
import { type PathDirective, toSshConfigPath } from '../platform/configPaths';
import type { Platform } from '../platform/platform';
import { isSafeHost, isSafeUser, isValidPort } from '../sshCommand';
import { l10n } from '../l10n';

/**
 * Every value that reaches an ssh config line or an ssh argv passes through here. A value that fails is an
 * error, never a written line: one newline in a pod name or host would let a cloud inject `ProxyCommand`.
 */

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Host, user and port as they will be written; throws ConfigError naming the bad field (not its value). */
export function validateEndpoint(ep: Pick<SshEndpoint, 'host' | 'port' | 'user'>, what = 'pod'): void {
  // a leading '-' would be read as an option by ssh; the host regex already refuses it, checked again for clarity
  if (typeof ep.host !== 'string' || ep.host.startsWith('-') || !isSafeHost(ep.host)) {
    throw new ConfigError(l10n.t('The SSH host of {0} is not a valid host name or address.', what));
  }
  if (typeof ep.user !== 'string' || !isSafeUser(ep.user)) {
    throw new ConfigError(l10n.t('The SSH user of {0} is not a valid user name.', what));
  }
  if (!isValidPort(ep.port)) throw new ConfigError(l10n.t('The SSH port of {0} is not between 1 and 65535.', what));
}

/** Hosts given as `[::1]` are written bare: ssh's HostName takes the address without brackets. */
export function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}

/** The setting each path we write into ssh config comes from, so an error about it can open that setting. */
export const PATH_SETTINGS = {
  'identity file': 'gpuPods.ssh.identityFile',
  'known hosts file': 'gpuPods.ssh.directory',
  'GPU Pods ssh config': 'gpuPods.ssh.directory',
} as const;
type SshPath = keyof typeof PATH_SETTINGS;
/** How each path is named in a message (the keys above stay English: they pick the setting). */
const PATH_LABELS: Record<SshPath, () => string> = {
  'identity file': () => l10n.t('identity file'),
  'known hosts file': () => l10n.t('known hosts file'),
  'GPU Pods ssh config': () => l10n.t('GPU Pods ssh config'),
};

/**
 * A file path for a config line: refused when it holds a quote, newline or control character (ssh has no
 * escaping for those in every version), backslashes of a Windows path turned into '/', which OpenSSH for
 * Windows accepts and which cannot be misread as an escape.
 */
export function checkPath(path: string, what: SshPath): string {
  if (typeof path !== 'string' || path === '' || CONTROL.test(path) || /["']/.test(path)) {
    throw new ConfigError(
      l10n.t('The {0} path contains a quote, newline or control character; choose another path.', PATH_LABELS[what]()),
      { setting: PATH_SETTINGS[what] },
    );
  }
  return /^[A-Za-z]:\\/.test(path) ? path.replace(/\\/g, '/') : path;
}

/**
 * A local path as the value of a `directive` line, as that platform's OpenSSH reads it (toSshConfigPath:
 * forward slashes on Windows, quoted when it holds a space); refused with the setting it came from.
 */
export function configPathValue(platform: Platform, path: string, directive: PathDirective, what: SshPath): string {
  try {
    return toSshConfigPath(platform, path, directive);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    throw new ConfigError(l10n.t('The {0} path is not usable: {1}', PATH_LABELS[what](), e.message), {
      setting: PATH_SETTINGS[what],
    });
  }
}

const ALIAS = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function isSafeAlias(alias: string): boolean {
  return ALIAS.test(alias);
}

export function checkAlias(alias: string): string {
  if (!isSafeAlias(alias)) throw new ConfigError(l10n.t('An SSH host alias may only contain a-z, 0-9 and "-".'));
  return alias;
}

export function checkHostKeyAlias(name: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{0,199}$/.test(name))
    throw new ConfigError(l10n.t('A host key alias may only contain a-z, 0-9, ".", "_" and "-".'));
  return name;
}

const KEY_TYPES =
  /^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

/** One OpenSSH public key line ("type base64 [comment]"), trimmed; refuses anything else. */
export function checkPublicKey(publicKey: string): string {
  const line = publicKey.trim();
  const [type, data, ...comment] = line.split(/ +/);
  if (
    CONTROL.test(line) ||
    !type ||
    !KEY_TYPES.test(type) ||
    !data ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(data) ||
    comment.join(' ').length > 200
  ) {
    throw new ConfigError(l10n.t('The public key is not a single OpenSSH public key line.'));
  }
  return line;
}

/** POSIX shell quoting for display strings ("Copy SSH command"); values are validated before. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
