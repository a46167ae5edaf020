import { randomBytes } from 'node:crypto';
import * as nodePath from 'node:path';
import { sleepOn, systemClock } from '../clock';
import { ConfigError } from '../errors';
import type { SshFs } from './io';
import { l10n } from '../l10n';

/**
 * Safe writes of ssh config files: never through a symlink, never a half-written file (temp file in the same
 * folder, fsync, rename), the existing mode kept (0600 for a new file), and one writer at a time across
 * windows through an O_EXCL lock file next to the target. The content is re-read under the lock, so a
 * second window's change made a moment ago is merged, not lost.
 */

export interface LockOptions {
  /** A lock older than this belongs to a crashed writer and is broken. */
  staleMs?: number;
  /** Give up waiting for another writer after this long. */
  timeoutMs?: number;
  retryMs?: number;
}

// The lock's age is compared with the file's mtime, which the system clock wrote: this is the system's time.
const clock = systemClock;

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? l10n.t('unknown error');
}

export async function withFileLock<T>(
  fs: SshFs,
  target: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const lock = `${target}.gpupods.lock`;
  const staleMs = opts.staleMs ?? 10_000;
  const deadline = clock.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    let created: boolean;
    try {
      created = await fs.openExcl(lock, `${process.pid} ${clock.now()}\n`);
    } catch (e) {
      throw new ConfigError(l10n.t('Could not create the lock file {0} ({1}).', lock, code(e)));
    }
    if (created) break;
    const info = await fs.lstat(lock).catch(() => undefined);
    if (info && clock.now() - info.mtimeMs > staleMs) {
      await fs.unlink(lock).catch(() => undefined); // the writer died; its lock is stale
      continue;
    }
    if (clock.now() > deadline) {
      throw new ConfigError(l10n.t('Another GPU Pods window is writing {0}; if none is, delete {1}.', target, lock));
    }
    await sleepOn(clock, (opts.retryMs ?? 15) + Math.random() * 15);
  }
  try {
    return await fn();
  } finally {
    await fs.unlink(lock).catch(() => undefined);
  }
}

export interface ExistingFile {
  data: Buffer;
  mode: number;
}

/** Reads a config we are about to rewrite; refuses the cases where writing would surprise the user. */
export async function readForWrite(fs: SshFs, path: string): Promise<ExistingFile | undefined> {
  const info = await fs.lstat(path).catch((e) => {
    throw new ConfigError(l10n.t('Cannot inspect {0} ({1}); nothing was written.', path, code(e)));
  });
  if (!info) return undefined;
  if (info.isSymbolicLink) {
    throw new ConfigError(
      l10n.t(
        '{0} is a symbolic link; GPU Pods does not write through links. Add the Include line yourself or point the setting at the real file.',
        path,
      ),
    );
  }
  if (!info.isFile) throw new ConfigError(l10n.t('{0} is not a regular file; nothing was written.', path));
  // root ignores permission bits, so a file the user made read-only or unreadable is checked explicitly
  if ((info.mode & 0o400) === 0) throw new ConfigError(l10n.t('{0} is not readable; nothing was written.', path));
  if ((info.mode & 0o200) === 0) {
    throw new ConfigError(
      l10n.t('{0} is read-only; make it writable or add the Include line yourself. Nothing was written.', path),
    );
  }
  try {
    return { data: await fs.readFile(path), mode: info.mode };
  } catch (e) {
    throw new ConfigError(l10n.t('Cannot read {0} ({1}); nothing was written.', path, code(e)));
  }
}

export async function atomicWrite(fs: SshFs, path: string, data: Buffer, mode: number): Promise<void> {
  const tmp = `${path}.gpupods-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(tmp, data, mode);
    await fs.chmod(tmp, mode); // the umask may have narrowed the mode given at create
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(l10n.t('Could not write {0} ({1}); it was left as it was.', path, code(e)));
  }
}

/**
 * Read–transform–write under the lock. `transform` gets the current bytes (undefined when the file does not
 * exist) and returns the new bytes, or undefined to leave the file alone. Nothing is written when the bytes
 * are the same, so repeating a write changes no byte and no timestamp. Returns whether the file changed.
 */
export async function updateFile(
  fs: SshFs,
  path: string,
  transform: (current: Buffer | undefined) => Buffer | undefined,
  opts: LockOptions & {
    newFileMode?: number;
    dirMode?: number;
    createDir?: boolean;
    /** The path rules of the desktop the file is on (the tests write Windows paths on Linux). */
    pathRules?: Pick<nodePath.PlatformPath, 'dirname'>;
  } = {},
): Promise<boolean> {
  const dir = (opts.pathRules ?? nodePath).dirname(path);
  if (!(await fs.lstat(dir).catch(() => undefined))) {
    if (opts.createDir === false) return false; // no folder, so no file to change either
    try {
      await fs.mkdir(dir, opts.dirMode ?? 0o700); // a new ~/.ssh or gpupods folder is private
    } catch (e) {
      throw new ConfigError(l10n.t('Could not create the folder {0} ({1}).', dir, code(e)));
    }
  }
  return withFileLock(
    fs,
    path,
    async () => {
      const current = await readForWrite(fs, path);
      const next = transform(current?.data);
      if (!next || (current && next.equals(current.data))) return false;
      await atomicWrite(fs, path, next, current?.mode ?? opts.newFileMode ?? 0o600);
      return true;
    },
    opts,
  );
}
