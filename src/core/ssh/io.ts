import { spawn } from 'node:child_process';
import { constants, promises as fsp } from 'node:fs';
import { systemClock } from '../clock';

/**
 * The narrow file-system and process interfaces the SSH core uses. Everything below goes through them so that
 * unit tests can swap in a recording fake and assert the exact bytes and the temp-file-then-rename step.
 */

export interface FileInfo {
  isFile: boolean;
  isSymbolicLink: boolean;
  /** Permission bits only (0o777). */
  mode: number;
  mtimeMs: number;
}

export interface SshFs {
  /** Rejects with an error carrying `code` ('ENOENT', 'EACCES' …) like Node's fs. */
  readFile(path: string): Promise<Buffer>;
  /** Creates a NEW file (fails if it exists), writes, fsyncs and closes it. */
  writeFile(path: string, data: Buffer, mode: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Does not follow symlinks; undefined when nothing is there. */
  lstat(path: string): Promise<FileInfo | undefined>;
  chmod(path: string, mode: number): Promise<void>;
  /** O_CREAT|O_EXCL: true when we created it, false when it already existed. */
  openExcl(path: string, content: string): Promise<boolean>;
  unlink(path: string): Promise<void>;
  /** Creates the folder and missing parents with `mode`; no error when it exists. */
  mkdir(path: string, mode: number): Promise<void>;
  /** The names in a folder (for an `Include` with a glob); rejects like Node's fs when it cannot be read. */
  readdir(path: string): Promise<string[]>;
}

export interface RunOptions {
  /** The child's whole environment (callers pass what ssh needs; secrets live only here). */
  env?: NodeJS.ProcessEnv;
  stdin?: string;
  timeoutMs?: number;
  /** Stop reading (and end the child) once stdout or stderr passes this many characters; untrusted output stays bounded. */
  maxOutput?: number;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface ProcessRunner {
  /** Never through a shell: `cmd` is run with `args` as given. */
  run(cmd: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException)?.code;
}

export const nodeSshFs: SshFs = {
  readFile: (path) => fsp.readFile(path),
  async writeFile(path, data, mode) {
    const fh = await fsp.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await fh.writeFile(data);
      await fh.sync(); // the rename that follows must never expose a half-written file after a crash
    } finally {
      await fh.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async lstat(path) {
    try {
      const st = await fsp.lstat(path);
      return { isFile: st.isFile(), isSymbolicLink: st.isSymbolicLink(), mode: st.mode & 0o777, mtimeMs: st.mtimeMs };
    } catch (e) {
      if (errCode(e) === 'ENOENT') return undefined;
      throw e;
    }
  },
  chmod: (path, mode) => fsp.chmod(path, mode),
  async openExcl(path, content) {
    try {
      const fh = await fsp.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        await fh.writeFile(content);
      } finally {
        await fh.close();
      }
      return true;
    } catch (e) {
      if (errCode(e) === 'EEXIST') return false;
      throw e;
    }
  },
  async unlink(path) {
    try {
      await fsp.unlink(path);
    } catch (e) {
      if (errCode(e) !== 'ENOENT') throw e;
    }
  },
  async mkdir(path, mode) {
    await fsp.mkdir(path, { recursive: true, mode });
  },
  readdir: (path) => fsp.readdir(path),
};

export const nodeProcessRunner: ProcessRunner = {
  run(cmd, args, options = {}) {
    return new Promise((resolve) => {
      const child = spawn(cmd, [...args], {
        env: options.env ?? process.env,
        shell: false,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      const timer =
        options.timeoutMs !== undefined
          ? // a hung process is killed after the system's seconds: it is the machine's time that ran out
            systemClock.setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, options.timeoutMs)
          : undefined;
      const cap = options.maxOutput;
      const over = (text: string) => cap !== undefined && text.length > cap && child.kill('SIGKILL');
      child.stdout.on('data', (d: Buffer) => {
        if (cap === undefined || stdout.length <= cap) stdout += d.toString('utf8');
        over(stdout);
      });
      child.stderr.on('data', (d: Buffer) => {
        if (cap === undefined || stderr.length <= cap) stderr += d.toString('utf8');
        over(stderr);
      });
      child.stdin.on('error', () => undefined); // the child may exit before reading stdin
      child.on('error', (e) => {
        if (timer) systemClock.clearTimeout(timer);
        resolve({ code: null, stdout, stderr: stderr + String(e.message), timedOut });
      });
      child.on('close', (code) => {
        if (timer) systemClock.clearTimeout(timer);
        resolve({ code, stdout, stderr, timedOut });
      });
      child.stdin.end(options.stdin ?? '');
    });
  },
};
