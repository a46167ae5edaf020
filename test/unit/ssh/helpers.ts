import { existsSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve, type PlatformPath } from 'node:path';
import type { FileInfo, SshFs } from '../../../src/core/ssh/io';
import type { Pod } from '../../../src/core/model';

/** A temp dir per test; removed by the returned cleanup. */
export async function tempDir(prefix = 'gpupods-ssh-test-'): Promise<string> {
  return fsp.mkdtemp(join(tmpdir(), prefix));
}

/** The fixtures folder, from the compiled test (out/test/unit/ssh) or the repo root. */
export function fixturesDir(): string {
  const candidates = [
    resolve(__dirname, '../../../../test/unit/ssh/fixtures'),
    join(process.cwd(), 'test/unit/ssh/fixtures'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('ssh fixtures folder not found');
  return found;
}

export function pod(over: Partial<Pod> & { id: string }): Pod {
  return {
    cloud: 'yotta',
    kind: 'pod',
    name: `pod ${over.id}`,
    status: 'running',
    rawStatus: 'RUNNING',
    ports: [],
    details: [],
    ssh: { host: '203.0.113.7', port: 30022, user: 'root' },
    ...over,
  };
}

/**
 * An in-memory SshFs that records every call, so tests can assert temp-file-then-rename. `paths`: the path rules
 * of the desktop it stands for (path.win32 holds `C:\Users\…` folders), posix by default.
 */
export class MemFs implements SshFs {
  files = new Map<string, { data: Buffer; mode: number; mtimeMs: number; link?: boolean; dir?: boolean }>();
  ops: string[] = [];
  /** Make the next call of this op throw an error with this code. */
  failNext = new Map<string, string>();

  constructor(private readonly paths: Pick<PlatformPath, 'dirname'> = posix) {}

  /** A file and the folders above it, as a user's disk would have them. */
  put(path: string, content: string | Buffer, mode = 0o600): void {
    const dir = this.paths.dirname(path);
    for (let p = dir; p !== this.paths.dirname(p) && !this.files.has(p); p = this.paths.dirname(p)) {
      this.files.set(p, { data: Buffer.alloc(0), mode: 0o700, mtimeMs: 0, dir: true });
    }
    this.files.set(path, { data: Buffer.from(content), mode, mtimeMs: 0 });
  }

  private fail(op: string): void {
    const code = this.failNext.get(op);
    if (code) {
      this.failNext.delete(op);
      throw Object.assign(new Error(`${op}: ${code}`), { code });
    }
  }
  async readFile(path: string): Promise<Buffer> {
    this.ops.push(`read ${path}`);
    this.fail('readFile');
    const f = this.files.get(path);
    if (!f || f.dir) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return Buffer.from(f.data);
  }
  async writeFile(path: string, data: Buffer, mode: number): Promise<void> {
    this.ops.push(`write ${path} ${mode.toString(8)}`);
    this.fail('writeFile');
    if (this.files.has(path)) throw Object.assign(new Error('EEXIST'), { code: 'EEXIST' });
    this.files.set(path, { data: Buffer.from(data), mode, mtimeMs: Date.now() });
  }
  async rename(from: string, to: string): Promise<void> {
    this.ops.push(`rename ${from} -> ${to}`);
    this.fail('rename');
    const f = this.files.get(from);
    if (!f) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    this.files.delete(from);
    this.files.set(to, f);
  }
  async lstat(path: string): Promise<FileInfo | undefined> {
    this.fail('lstat');
    const f = this.files.get(path);
    if (!f) return undefined;
    return { isFile: !f.dir && !f.link, isSymbolicLink: !!f.link, mode: f.mode, mtimeMs: f.mtimeMs };
  }
  async chmod(path: string, mode: number): Promise<void> {
    this.ops.push(`chmod ${path} ${mode.toString(8)}`);
    const f = this.files.get(path);
    if (f) f.mode = mode;
  }
  async openExcl(path: string, content: string): Promise<boolean> {
    if (this.files.has(path)) return false;
    this.files.set(path, { data: Buffer.from(content), mode: 0o600, mtimeMs: Date.now() });
    this.ops.push(`lock ${path}`);
    return true;
  }
  async unlink(path: string): Promise<void> {
    this.ops.push(`unlink ${path}`);
    this.files.delete(path);
  }
  async mkdir(path: string, mode: number): Promise<void> {
    this.ops.push(`mkdir ${path} ${mode.toString(8)}`);
    for (let p = path; p !== this.paths.dirname(p) && !this.files.has(p); p = this.paths.dirname(p)) {
      this.files.set(p, { data: Buffer.alloc(0), mode, mtimeMs: Date.now(), dir: true });
    }
  }
  async readdir(path: string): Promise<string[]> {
    this.ops.push(`readdir ${path}`);
    if (!this.files.get(path)?.dir) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return [...this.files.keys()]
      .filter((k) => k !== path && this.paths.dirname(k) === path)
      .map((k) => k.slice(path.length).replace(/^[\\/]+/, ''));
  }
  text(path: string): string | undefined {
    return this.files.get(path)?.data.toString('utf8');
  }
}
