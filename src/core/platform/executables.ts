import { ConfigError } from '../errors';
import { l10n } from '../l10n';
import { envVar, type Platform } from './platform';

/**
 * Where `ssh` and `ssh-keygen` are on each desktop. PATH first, as a shell would find them; then where the OS
 * keeps its own OpenSSH: Windows' optional "OpenSSH Client" in %WINDIR%\System32\OpenSSH (not on PATH in
 * every session: a VS Code started before the feature was added keeps its old PATH), /usr/bin elsewhere
 * (a macOS app started from the Dock gets a short PATH).
 */

export type OpenSshTool = 'ssh' | 'ssh-keygen';

/** Node starts a program without a shell (`shell: false`): on Windows only .exe and .com run that way. */
const RUNNABLE_WITHOUT_SHELL = ['.EXE', '.COM'];

/** Folders searched after PATH. */
function systemFolders(platform: Platform): string[] {
  if (platform.os !== 'win32') return ['/usr/bin', '/usr/local/bin'];
  const windows = envVar(platform, 'WINDIR') || envVar(platform, 'SystemRoot') || 'C:\\Windows';
  // Sysnative: the real System32 as a 32-bit process sees it (System32 would be redirected to SysWOW64)
  return ['System32', 'Sysnative'].map((dir) => platform.path.join(windows, dir, 'OpenSSH'));
}

/** The names a program is found under: `ssh.exe`, `ssh.com` on Windows (in PATHEXT order), `ssh` elsewhere. */
function fileNames(platform: Platform, name: string): string[] {
  if (platform.os !== 'win32') return [name];
  const pathExt = (envVar(platform, 'PATHEXT') || '.COM;.EXE;.BAT;.CMD')
    .split(';')
    .map((e) => e.trim().toUpperCase())
    .filter((e) => RUNNABLE_WITHOUT_SHELL.includes(e));
  const exts = pathExt.length ? pathExt : RUNNABLE_WITHOUT_SHELL;
  if (exts.some((e) => name.toUpperCase().endsWith(e))) return [name];
  return exts.map((e) => `${name}${e.toLowerCase()}`);
}

function pathFolders(platform: Platform): string[] {
  const value = envVar(platform, 'PATH') ?? '';
  return value
    .split(platform.path.delimiter)
    .map((dir) => (platform.os === 'win32' ? dir.trim().replace(/^"(.*)"$/, '$1') : dir))
    .filter((dir) => dir !== '' && platform.path.isAbsolute(dir)); // a relative PATH entry depends on the cwd: skipped
}

/** The program's full path, or undefined when it is nowhere GPU Pods looks. */
export async function findExecutable(platform: Platform, name: string): Promise<string | undefined> {
  const seen = new Set<string>();
  for (const dir of [...pathFolders(platform), ...systemFolders(platform)]) {
    for (const file of fileNames(platform, name)) {
      const candidate = platform.path.join(dir, file);
      const key = platform.os === 'win32' ? candidate.toLowerCase() : candidate;
      if (seen.has(key)) continue;
      seen.add(key);
      if (await platform.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The OpenSSH client is missing: the message says how to get it on this desktop. */
export class OpenSshMissingError extends ConfigError {
  constructor(
    message: string,
    readonly tool: OpenSshTool,
    setting?: string,
  ) {
    super(message, { setting });
  }
}

function missing(platform: Platform, tool: OpenSshTool): OpenSshMissingError {
  switch (platform.os) {
    case 'win32':
      return new OpenSshMissingError(
        l10n.t(
          '{0} was not found. Install Windows\' "OpenSSH Client" (Settings > System > Optional features > Add a feature), then restart VS Code; or set "remote.SSH.path" to your ssh.exe.',
          `${tool}.exe`,
        ),
        tool,
        'remote.SSH.path',
      );
    case 'darwin':
      return new OpenSshMissingError(
        l10n.t(
          '{0} was not found on PATH or in /usr/bin, where macOS keeps it; set "remote.SSH.path" to the ssh you use.',
          tool,
        ),
        tool,
        'remote.SSH.path',
      );
    default:
      return new OpenSshMissingError(
        l10n.t(
          '{0} was not found. Install the OpenSSH client (for example "sudo apt install openssh-client"), or set "remote.SSH.path" to the ssh you use.',
          tool,
        ),
        tool,
        'remote.SSH.path',
      );
  }
}

export interface OpenSshTools {
  ssh: string;
  sshKeygen: string;
}

/**
 * `ssh` and `ssh-keygen`. `configuredSsh` is Remote-SSH's `remote.SSH.path` (empty: not set): an absolute
 * path is used as it is, a bare name is looked up; ssh-keygen is taken from the same folder first, so both
 * come from one OpenSSH.
 */
export async function findOpenSsh(platform: Platform, configuredSsh?: string): Promise<OpenSshTools> {
  const configured = configuredSsh?.trim();
  let ssh: string | undefined;
  if (configured) {
    if (platform.path.isAbsolute(configured)) {
      if (!(await platform.isExecutable(configured)))
        throw new OpenSshMissingError(
          l10n.t('"remote.SSH.path" names {0}, which is not a program that can be started.', configured),
          'ssh',
          'remote.SSH.path',
        );
      ssh = configured;
    } else ssh = await findExecutable(platform, configured);
  } else ssh = await findExecutable(platform, 'ssh');
  if (!ssh) throw missing(platform, 'ssh');
  let sshKeygen: string | undefined;
  for (const file of fileNames(platform, 'ssh-keygen')) {
    const beside = platform.path.join(platform.path.dirname(ssh), file);
    if (!sshKeygen && (await platform.isExecutable(beside))) sshKeygen = beside;
  }
  sshKeygen ??= await findExecutable(platform, 'ssh-keygen');
  if (!sshKeygen) throw missing(platform, 'ssh-keygen');
  return { ssh, sshKeygen };
}
