import { displayText } from '../../displayText';
import { l10n } from '../../l10n';
import { checkPublicKey } from '../validate';
import { connectSsh, type ClientDeps, type HostKeyPolicy, type SshTarget } from './connect';
import { describe, SshFailedError } from './errors';
import type { SshLogin } from './auth';

/**
 * The one-time password login of the password clouds (Novita, GPUGeek), done by our own client: log in with
 * the password (or keyboard-interactive), put our public key in ~/.ssh/authorized_keys, log out. From then
 * on Remote-SSH and the terminal log in with the key. No password-prompt helper program, no ssh child, the same on every
 * desktop; the password lives only in memory for this one login.
 */

/**
 * Fixed remote script: the key comes on stdin, so nothing from the cloud or the user is ever part of a
 * command line. Creates ~/.ssh (0700) and authorized_keys (0600) when missing, appends the key only when
 * that exact line is absent, and first adds a line break if the file lacks a final one.
 */
export const INSTALL_KEY_SCRIPT =
  'umask 077 && mkdir -p ~/.ssh && chmod 700 ~/.ssh && touch ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys' +
  ' && IFS= read -r k && { grep -qxF -- "$k" ~/.ssh/authorized_keys || { if [ -n "$(tail -c1 ~/.ssh/authorized_keys)" ]; then echo; fi;' +
  ' printf "%s\\n" "$k"; } >> ~/.ssh/authorized_keys; }';

export interface InstallKeyOptions {
  target: SshTarget;
  password: string;
  /** One OpenSSH public key line. */
  publicKey: string;
  hostKeys: HostKeyPolicy;
  timeoutMs?: number;
}

export async function installPublicKey(o: InstallKeyOptions, deps: ClientDeps): Promise<void> {
  const key = checkPublicKey(o.publicKey);
  const login: SshLogin = { method: 'password', password: o.password };
  const session = await connectSsh({ target: o.target, login, hostKeys: o.hostKeys, timeoutMs: o.timeoutMs }, deps);
  try {
    const r = await session.exec(['sh', '-c', INSTALL_KEY_SCRIPT], {
      stdin: `${key}\n`,
      timeoutMs: o.timeoutMs ?? 60_000,
      maxOutputBytes: 16 * 1024,
    });
    if (r.code !== 0) {
      const text = o.password.length >= 4 ? r.stderr.split(o.password).join('***') : r.stderr;
      throw new SshFailedError(
        l10n.t(
          'Installing the SSH key on {0} failed: {1}',
          describe(o.target),
          displayText(text, { maxLength: 200 }) || l10n.t('exit status {0}', String(r.code)),
        ),
      );
    }
  } finally {
    session.close();
  }
}

/** Proves a login works without any prompt (before Remote-SSH is opened): log in, run `true`, log out. */
export async function checkLogin(
  o: { target: SshTarget; login: SshLogin; hostKeys: HostKeyPolicy; timeoutMs?: number },
  deps: ClientDeps,
): Promise<void> {
  const session = await connectSsh(o, deps);
  try {
    const r = await session.exec(['true'], { timeoutMs: o.timeoutMs ?? 30_000, maxOutputBytes: 16 * 1024 });
    if (r.code !== 0)
      throw new SshFailedError(
        l10n.t('A test command on {0} failed (exit status {1}).', describe(o.target), String(r.code)),
      );
  } finally {
    session.close();
  }
}
