import { envVar, type Platform } from './platform';

/**
 * Where OpenSSH keeps the user's files on each desktop, and where GPU Pods keeps its own. On Windows that is
 * %USERPROFILE%\.ssh (what Win32-OpenSSH reads, even when HOME is set by Git or MSYS); elsewhere ~/.ssh.
 */

/** Windows' OpenSSH agent: a service reached through this named pipe (Win32-OpenSSH's ssh-agent). */
export const WINDOWS_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent';

/** The user's profile folder as OpenSSH resolves `~` on this desktop. */
export function sshHome(platform: Platform): string {
  return (platform.os === 'win32' && envVar(platform, 'USERPROFILE')) || platform.homeDir;
}

/** `~`, `~/…` (and `~\…` on Windows) as the user's home; anything else unchanged. */
export function expandHome(platform: Platform, value: string): string {
  const separators = platform.os === 'win32' ? /^~(?=[\\/]|$)/ : /^~(?=\/|$)/;
  if (!separators.test(value)) return value;
  const rest = value.slice(1).replace(/^[\\/]+/, '');
  return rest ? platform.path.join(sshHome(platform), rest) : sshHome(platform);
}

/** The user's ssh folder: %USERPROFILE%\.ssh or ~/.ssh. */
export function userSshDirectory(platform: Platform): string {
  return platform.path.join(sshHome(platform), '.ssh');
}

/** The ssh config Remote-SSH reads: `remote.SSH.configFile` when set, else the default one. */
export function userSshConfig(platform: Platform, configured?: string): string {
  const value = configured?.trim();
  return value ? expandHome(platform, value) : platform.path.join(userSshDirectory(platform), 'config');
}

/** GPU Pods' own folder (host file, known_hosts): `gpuPods.ssh.directory` when set, else <ssh folder>/gpupods. */
export function gpuPodsSshDirectory(platform: Platform, configured?: string): string {
  const value = configured?.trim();
  return value ? expandHome(platform, value) : platform.path.join(userSshDirectory(platform), 'gpupods');
}

/**
 * Where the user's SSH agent listens: SSH_AUTH_SOCK when set (a Unix socket; on Windows also a pipe or Git's
 * agent), else on Windows the OpenSSH agent service's pipe; undefined when there is none to ask.
 */
export function sshAgentLocation(platform: Platform): string | undefined {
  const sock = envVar(platform, 'SSH_AUTH_SOCK')?.trim();
  if (sock) return sock;
  return platform.os === 'win32' ? WINDOWS_AGENT_PIPE : undefined;
}
