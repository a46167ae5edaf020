import { ConfigError } from '../errors';
import { nodePlatform, type Platform } from '../platform/platform';
import { SshError } from './errors';
import type { ProcessRunner, SshFs } from './io';
import { checkPublicKey, configPathValue, PATH_SETTINGS } from './validate';
import { l10n } from '../l10n';

export interface KeyPair {
  privateKeyPath: string;
  /** One OpenSSH public key line. */
  publicKey: string;
  /** True when ssh-keygen made it just now. */
  created: boolean;
}

export interface KeyDeps {
  fs: SshFs;
  runner: ProcessRunner;
  /** The desktop the key is made on (default: this one): its path rules and how ssh config reads the path. */
  platform?: Platform;
  /**
   * Finds ssh-keygen, asked only when it is needed (findOpenSsh: PATH, System32\OpenSSH, beside
   * `remote.SSH.path`); rejects with OpenSshMissingError when there is none. Default: `ssh-keygen` on PATH.
   */
  sshKeygen?: () => Promise<string>;
}

const keygen = (deps: KeyDeps) => deps.sshKeygen?.() ?? Promise.resolve('ssh-keygen');

/**
 * The user's key when it exists, else a new ed25519 pair without passphrase (the caller has asked for consent:
 * Remote-SSH runs ssh without a terminal, so a passphrase would need an agent the user may not have).
 */
export async function ensureKeyPair(deps: KeyDeps, privateKeyPath: string): Promise<KeyPair> {
  const platform = deps.platform ?? nodePlatform();
  // a key our host entries could not name is refused before it is made
  configPathValue(platform, privateKeyPath, 'IdentityFile', 'identity file');
  const info = await deps.fs.lstat(privateKeyPath);
  if (info) {
    if (!info.isFile && !info.isSymbolicLink) {
      throw new ConfigError(l10n.t('{0} is not a key file.', privateKeyPath), {
        setting: PATH_SETTINGS['identity file'],
      });
    }
    return { privateKeyPath, publicKey: await readPublicKey(deps, privateKeyPath), created: false };
  }
  const program = await keygen(deps);
  await deps.fs.mkdir(platform.path.dirname(privateKeyPath), 0o700);
  const r = await deps.runner.run(program, ['-q', '-t', 'ed25519', '-N', '', '-C', 'gpupods', '-f', privateKeyPath], {
    timeoutMs: 30_000,
  });
  if (r.code !== 0)
    throw new SshError(
      l10n.t('ssh-keygen could not create {0}: {1}', privateKeyPath, r.stderr.trim() || `exit ${r.code}`),
      r.code,
      r.stderr,
    );
  return { privateKeyPath, publicKey: await readPublicKey(deps, privateKeyPath), created: true };
}

/** `<key>.pub`, or derived with `ssh-keygen -y` when only the private key is there. */
export async function readPublicKey(deps: KeyDeps, privateKeyPath: string): Promise<string> {
  try {
    return checkPublicKey((await deps.fs.readFile(`${privateKeyPath}.pub`)).toString('utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // -P '' : never prompt; a key with a passphrase fails here with ssh-keygen's own message
  const r = await deps.runner.run(await keygen(deps), ['-y', '-P', '', '-f', privateKeyPath], {
    timeoutMs: 15_000,
  });
  if (r.code !== 0)
    throw new SshError(
      l10n.t('Cannot read the public key of {0}: {1}', privateKeyPath, r.stderr.trim()),
      r.code,
      r.stderr,
    );
  return checkPublicKey(r.stdout);
}
