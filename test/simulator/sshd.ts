import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, promises as fsp, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { nodeProcessRunner as runner } from '../../src/core/ssh/io';

/**
 * A real OpenSSH server on loopback for tests and the demo: its own host key, pid file and authorized_keys
 * in a temp dir, a free high port. Key login as the current user (keys in <tmp>/authorized_keys_<user>);
 * password login as a throw-away Linux user created with useradd + chpasswd (root only).
 */

export interface SshdStartOptions {
  /** Reuse a port (e.g. "a new pod on a reused address"); default: a free one. */
  port?: number;
  /** Create the password user (needs root); default true. */
  passwordUser?: boolean;
  sshdPath?: string;
  /** More ports the same sshd listens on, so that pods can have addresses of their own (default 0). */
  extraPorts?: number;
  /** A directory put first on every session's PATH (the simulated pods' `nvidia-smi`). */
  pathPrepend?: string;
}

export interface PasswordUser {
  name: string;
  password: string;
  home: string;
}

const USER_PREFIX = 'gpupods-sim-';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r, j) => srv.once('error', j).listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function run(cmd: string, args: string[], stdin?: string): Promise<void> {
  const r = await runner.run(cmd, args, { stdin, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`${cmd} ${args[0]} failed: ${r.stderr.trim() || r.code}`);
}

/** Users left behind by a test process that died before stop(). */
async function sweepLeftoverUsers(): Promise<void> {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  for (const m of passwd.matchAll(new RegExp(`^${USER_PREFIX}(\\d+):`, 'gm'))) {
    const pid = Number(m[1]);
    try {
      process.kill(pid, 0);
    } catch {
      await run('userdel', ['-r', '-f', `${USER_PREFIX}${pid}`]).catch(() => undefined);
    }
  }
}

async function createPasswordUser(): Promise<PasswordUser> {
  await sweepLeftoverUsers();
  const name = `${USER_PREFIX}${process.pid}`;
  const home = join('/tmp', `${name}-home-${randomBytes(3).toString('hex')}`);
  const password = `Sim-${randomBytes(9).toString('base64url')}`;
  await run('userdel', ['-r', '-f', name]).catch(() => undefined);
  for (let attempt = 0; ; attempt++) {
    try {
      await run('useradd', ['-m', '-d', home, '-s', '/bin/sh', name]);
      break;
    } catch (e) {
      // another test process may hold the /etc/passwd lock for a moment
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 200 + attempt * 200));
    }
  }
  await run('chpasswd', [], `${name}:${password}\n`);
  return { name, password, home };
}

export class SshdFixture {
  readonly keyUser = userInfo().username;
  passwordUser?: PasswordUser;
  /** Why password login is unavailable, when it is. */
  passwordUnavailable?: string;
  private child?: ChildProcess;
  /** `port` and the extra ports, all served by this one sshd. */
  readonly ports: number[] = [];

  private constructor(
    readonly dir: string,
    public port: number,
    private readonly sshdPath: string,
    private readonly pathPrepend?: string,
  ) {}

  get hostKeyPath(): string {
    return join(this.dir, 'ssh_host_ed25519_key');
  }

  static async start(opts: SshdStartOptions = {}): Promise<SshdFixture> {
    const dir = await fsp.mkdtemp(join(tmpdir(), 'gpupods-sshd-'));
    const fx = new SshdFixture(
      dir,
      opts.port ?? (await freePort()),
      opts.sshdPath ?? '/usr/sbin/sshd',
      opts.pathPrepend,
    );
    fx.ports.push(fx.port);
    try {
      while (fx.ports.length < 1 + (opts.extraPorts ?? 0)) {
        const p = await freePort();
        if (!fx.ports.includes(p)) fx.ports.push(p);
      }
      if (opts.passwordUser !== false) {
        if (process.getuid?.() !== 0)
          fx.passwordUnavailable = 'not running as root: cannot create a Linux user with a password';
        else
          fx.passwordUser = await createPasswordUser().catch(
            (e: Error) => ((fx.passwordUnavailable = e.message), undefined),
          );
      }
      await fsp.mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined); // privilege separation dir
      await fx.newHostKey();
      await fx.launch();
      return fx;
    } catch (e) {
      await fx.stop();
      throw e;
    }
  }

  /** The server's public host key line. */
  async hostPublicKey(): Promise<string> {
    return (await fsp.readFile(`${this.hostKeyPath}.pub`, 'utf8')).trim();
  }

  async newHostKey(): Promise<void> {
    await fsp.rm(this.hostKeyPath, { force: true });
    await fsp.rm(`${this.hostKeyPath}.pub`, { force: true });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'gpupods-sim-host', '-f', this.hostKeyPath]);
  }

  /** Key login for `user` (default: the key user): appended to <tmp>/authorized_keys_<user>. */
  // synchronous: PodBackend's methods are, and the key must be in place before the next login
  authorizeKey(publicKey: string, user = this.keyUser): void {
    appendFileSync(join(this.dir, `authorized_keys_${user}`), publicKey.trim() + '\n', { mode: 0o600 });
  }

  /** The password user's own ~/.ssh/authorized_keys, where the password bootstrap installs keys. */
  resetPasswordUserKeys(): void {
    if (this.passwordUser) rmSync(join(this.passwordUser.home, '.ssh', 'authorized_keys'), { force: true });
  }

  /** Same port, same host key: sshd stopped and started again (sessions already open are not its to end). */
  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }

  /** Nothing answers on its ports until `listen()`: a pod that runs before its sshd has started. */
  async stopListening(): Promise<void> {
    await this.kill();
  }

  /** Answers again, same ports and host key. */
  async listen(): Promise<void> {
    if (!this.child) await this.launch();
  }

  /** Same port, new host key: what a pod reusing an address looks like. */
  async restartWithNewHostKey(): Promise<void> {
    await this.kill();
    await this.newHostKey();
    await this.launch();
  }

  private config(): string {
    const users = [this.keyUser, this.passwordUser?.name].filter(Boolean).join(' ');
    return [
      ...this.ports.map((p) => `Port ${p}`),
      'ListenAddress 127.0.0.1',
      `HostKey ${this.hostKeyPath}`,
      `PidFile ${join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile .ssh/authorized_keys ${join(this.dir, 'authorized_keys_%u')}`,
      'StrictModes no',
      'UsePAM no',
      'PubkeyAuthentication yes',
      'PasswordAuthentication yes',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${users}`, // only our users, whatever else lives on this machine
      'MaxStartups 100',
      'LogLevel VERBOSE',
      'Subsystem sftp /usr/lib/openssh/sftp-server',
      // SetEnv wins over sshd's default PATH (sshd_config(5)); a non-login shell keeps it
      ...(this.pathPrepend ? [`SetEnv PATH=${this.pathPrepend}:/usr/local/bin:/usr/bin:/bin`] : []),
      '',
    ].join('\n');
  }

  private async launch(): Promise<void> {
    const conf = join(this.dir, 'sshd_config');
    await fsp.writeFile(conf, this.config(), { mode: 0o600 });
    const log = join(this.dir, 'sshd.log');
    const child = spawn(this.sshdPath, ['-D', '-f', conf, '-E', log], { stdio: 'ignore' });
    this.child = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `sshd exited (${code ?? signal})`));
    child.once('error', (e) => (exited = e.message));
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(this.port))) {
      if (exited || Date.now() > deadline) {
        const text = await fsp.readFile(log, 'utf8').catch(() => '');
        child.kill('SIGKILL');
        this.child = undefined;
        throw new Error(`sshd did not start: ${exited ?? 'timeout'} ${text.trim().split('\n').slice(-3).join(' | ')}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async stop(): Promise<void> {
    await this.kill();
    if (this.passwordUser) await run('userdel', ['-r', '-f', this.passwordUser.name]).catch(() => undefined);
    if (this.passwordUser) await fsp.rm(this.passwordUser.home, { recursive: true, force: true });
    await fsp.rm(this.dir, { recursive: true, force: true });
  }

  /** The last lines of sshd's log, for test failure messages. */
  async logTail(lines = 20): Promise<string> {
    const text = await fsp.readFile(join(this.dir, 'sshd.log'), 'utf8').catch(() => '');
    return text.trim().split('\n').slice(-lines).join('\n');
  }
}
