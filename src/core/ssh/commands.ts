import { displayText } from '../displayText';
import { ConfigError } from '../errors';
import { checkAlias, checkPath, shellQuote } from './validate';
import { l10n } from '../l10n';

/**
 * What the VS Code layer hands to the terminal, the clipboard and Remote-SSH. Only validated values go in:
 * an alias made by us, paths without quotes or control characters, hosts/users/ports that passed the checks.
 */

/** argv for "Open SSH terminal": our file directly, so it works even when the user's config has no Include. */
export function sshTerminalArgs(hostFilePath: string, alias: string, ssh = 'ssh'): string[] {
  return [ssh, '-F', checkPath(hostFilePath, 'GPU Pods ssh config'), checkAlias(alias)];
}

/** Longest pod name in a terminal tab: the tab shows a few words, not a paragraph. */
export const TERMINAL_NAME_MAX = 40;

/** The terminal tab's "SSH: trainer": the cloud's name for the pod, made inert and short like any cloud text. */
export function sshTerminalName(podName: string): string {
  return l10n.t('SSH: {0}', displayText(podName, { maxLength: TERMINAL_NAME_MAX }));
}

/** "Copy SSH command": the same, as one POSIX-shell-quoted line. */
export function sshCommandLine(hostFilePath: string, alias: string): string {
  return sshTerminalArgs(hostFilePath, alias).map(shellQuote).join(' ');
}

/** The Remote-SSH URI authority for a host alias. */
export function remoteAuthority(alias: string): string {
  return `ssh-remote+${checkAlias(alias)}`;
}

/** `vscode-remote://ssh-remote+<alias><folder>`, the folder absolute and percent-encoded per segment. */
export function remoteFolderUri(alias: string, folder: string): string {
  if (!folder.startsWith('/') || /[\u0000-\u001f\u007f]/.test(folder)) {
    throw new ConfigError(l10n.t('The remote folder must be an absolute path like /root or /workspace.'), {
      setting: 'gpuPods.remote.folder',
    });
  }
  const path = folder.split('/').map(encodeURIComponent).join('/');
  return `vscode-remote://${remoteAuthority(alias)}${path}`;
}
