import { join } from 'node:path';
import { SshError } from './errors';
import { updateFile } from './fileWrite';
import type { ProcessRunner, SshFs } from './io';
import {
  bareHost,
  checkAlias,
  checkHostKeyAlias,
  checkPath,
  checkPublicKey,
  configPathValue,
  validateEndpoint,
} from './validate';
import { l10n } from '../l10n';

/**
 * Password clouds (Novita, GPUGeek): the password is used once, in the background, to put our public key in
 * the pod's authorized_keys, so Remote-SSH never asks for it. The password lives only in the environment of
 * that one ssh child; the askpass script we write holds no secret, it prints that variable.
 */

export interface SshDeps {
  fs: SshFs;
  runner: ProcessRunner;
  /** The ssh executable. */
  ssh?: string;
  /** Base environment for ssh children (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface PasswordLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

const PASSWORD_VAR = 'GPUPODS_SSH_PASSWORD';
const ASKPASS = `#!/bin/sh\n# GPU Pods askpass: prints the password ssh was started with; stores nothing.\nprintf '%s\\n' "$${PASSWORD_VAR}"\n`;

/**
 * Fixed remote command: the key comes on stdin, so nothing from the cloud or the user is ever part of a
 * command line. Appends only when absent, and adds a line break first if the file lacks a final one.
 */
export const INSTALL_KEY_COMMAND =
  'umask 077 && mkdir -p ~/.ssh && chmod 700 ~/.ssh && touch ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys' +
  ' && IFS= read -r k && { grep -qxF -- "$k" ~/.ssh/authorized_keys || { if [ -n "$(tail -c1 ~/.ssh/authorized_keys)" ]; then echo; fi;' +
  ' printf "%s\\n" "$k"; } >> ~/.ssh/authorized_keys; }';

/** Writes (once) the askpass helper into a private folder; returns its path. */
export async function ensureAskpass(fs: SshFs, privateDir: string): Promise<string> {
  const path = join(checkPath(privateDir, 'askpass folder'), 'gpupods-askpass.sh');
  await updateFile(fs, path, () => Buffer.from(ASKPASS), { newFileMode: 0o700, dirMode: 0o700 });
  return path;
}

function failure(
  what: string,
  r: { code: number | null; stderr: string; timedOut: boolean },
  secret?: string,
): SshError {
  let text = r.stderr
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^Warning: Permanently added/.test(l))
    .join('\n')
    .trim();
  // ssh never prints the password, but an sshd banner could echo anything: make sure it is not repeated
  if (secret && secret.length >= 4) text = text.split(secret).join('***');
  if (r.timedOut) return new SshError(l10n.t('{0} timed out.', what), r.code, text);
  return new SshError(l10n.t('{0} failed: {1}', what, text || `ssh exited with code ${r.code}`), r.code, text);
}

export async function installPublicKeyWithPassword(
  deps: SshDeps & { askpassDir: string },
  login: PasswordLogin,
  publicKey: string,
  knownHostsFile: string,
  opts: { hostKeyAlias?: string } = {},
): Promise<void> {
  validateEndpoint(login);
  const key = checkPublicKey(publicKey);
  const known = configPathValue(knownHostsFile, 'known hosts file');
  const askpass = await ensureAskpass(deps.fs, deps.askpassDir);
  const base = deps.env ?? process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    SSH_ASKPASS: askpass,
    SSH_ASKPASS_REQUIRE: 'force', // use askpass even without a display and with a terminal around
    DISPLAY: base.DISPLAY ?? ':0', // ssh before 8.4 only uses askpass when DISPLAY is set
    [PASSWORD_VAR]: login.password,
  };
  const args = [
    '-F',
    'none', // the user's config must not redirect or alter this one-off login
    '-o',
    'PreferredAuthentications=password,keyboard-interactive',
    '-o',
    'PubkeyAuthentication=no',
    '-o',
    'NumberOfPasswordPrompts=1', // a wrong password fails once instead of tripping fail2ban
    '-o',
    'StrictHostKeyChecking=accept-new',
    '-o',
    `UserKnownHostsFile=${known}`,
    '-o',
    'ConnectTimeout=15',
    '-o',
    'LogLevel=ERROR',
    ...(opts.hostKeyAlias ? ['-o', `HostKeyAlias=${checkHostKeyAlias(opts.hostKeyAlias)}`] : []), // same name as the entry's
    '-T',
    '-p',
    String(login.port),
    '--',
    `${login.user}@${bareHost(login.host)}`,
    INSTALL_KEY_COMMAND,
  ];
  const r = await deps.runner.run(deps.ssh ?? 'ssh', args, {
    env,
    stdin: key + '\n',
    timeoutMs: deps.timeoutMs ?? 60_000,
  });
  if (r.code !== 0)
    throw failure(
      l10n.t('Installing the SSH key on {0}@{1}:{2}', login.user, login.host, login.port),
      r,
      login.password,
    );
}

/** Proves the written entry works without any prompt: `ssh -F <our config> <alias> true` in batch mode. */
export async function checkKeyLogin(deps: SshDeps, configPath: string, alias: string): Promise<void> {
  const args = [
    '-F',
    checkPath(configPath, 'GPU Pods ssh config'),
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=15',
    '-T',
    '--',
    checkAlias(alias),
    'true',
  ];
  const r = await deps.runner.run(deps.ssh ?? 'ssh', args, {
    env: deps.env ?? process.env,
    timeoutMs: deps.timeoutMs ?? 60_000,
  });
  if (r.code !== 0) throw failure(l10n.t('Key login to {0}', alias), r);
}
