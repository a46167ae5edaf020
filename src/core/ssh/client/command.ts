import { ConfigError } from '../../errors';
import { l10n } from '../../l10n';

/**
 * The one way a command reaches a pod: an argv we wrote, each word quoted for the POSIX shell sshd hands it to
 * (`$SHELL -c <command>`), so a word from anywhere (a key, a path) stays one word and nothing in it runs.
 * Pods are Linux; their login shells are sh-compatible.
 */

function quoteWord(word: string): string {
  if (word.includes('\0')) throw new ConfigError(l10n.t('A remote command word contains a NUL character.'));
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `argv` as one shell command line. */
export function remoteCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new ConfigError(l10n.t('A remote command needs a program.'));
  return argv.map(quoteWord).join(' ');
}
