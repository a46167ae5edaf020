import * as assert from 'node:assert/strict';
import type { ConnectOptions, SshSession } from '../../../../src/core/ssh/client/connect';
import {
  HostKeyChangedError,
  SshConnectionLostError,
  SshUnreachableError,
} from '../../../../src/core/ssh/client/errors';
import { SshPool, type PoolTarget } from '../../../../src/core/ssh/client/pool';
import { nodeSshFs } from '../../../../src/core/ssh/io';
import { ManualClock } from './manualClock';

/** Connections as the pool sees them, opened by a scripted `connect`: no network here. */
class FakeConnections {
  opened: FakeSession[] = [];
  attempts = 0;
  /** Errors the next attempts fail with, in order; none left: they succeed. */
  failures: Error[] = [];
  connect = async (o: ConnectOptions): Promise<SshSession> => {
    this.attempts++;
    await new Promise((r) => setImmediate(r));
    const failure = this.failures.shift();
    if (failure) throw failure;
    const s = new FakeSession(o);
    this.opened.push(s);
    return s;
  };
}

class FakeSession implements SshSession {
  private open = true;
  private end!: () => void;
  readonly closed = new Promise<void>((r) => (this.end = r));
  commands: string[][] = [];
  constructor(readonly options: ConnectOptions) {}
  get target() {
    return this.options.target;
  }
  async exec(argv: readonly string[]) {
    if (!this.open) throw new SshConnectionLostError('gone');
    this.commands.push([...argv]);
    return { code: 0, stdout: 'ok', stderr: '', truncated: false };
  }
  isOpen() {
    return this.open;
  }
  close() {
    this.open = false;
    this.end();
  }
}

const target = (over: Partial<PoolTarget['target']> = {}): PoolTarget => ({
  key: 'gpugeek:pod-1',
  target: { host: '203.0.113.7', port: 30022, user: 'root', hostKeyAlias: 'gpupods-gpugeek-pod-1', ...over },
  login: { method: 'key', privateKeyPath: '/home/u/.ssh/gpupods_ed25519' },
  hostKeys: { knownHostsFile: '/home/u/.ssh/gpupods/known_hosts', trustNew: true },
});

describe('the pooled connection per pod', () => {
  let clock: ManualClock;
  let fake: FakeConnections;
  let pool: SshPool;
  beforeEach(() => {
    clock = new ManualClock();
    fake = new FakeConnections();
    pool = new SshPool({ fs: nodeSshFs, clock }, { connect: fake.connect });
  });
  afterEach(() => pool.dispose());

  it('an hour of samples, one a minute, opens one connection', async () => {
    for (let i = 0; i < 60; i++) {
      await pool.exec(target(), ['nvidia-smi']);
      clock.advance(60_000);
    }
    assert.equal(fake.attempts, 1);
    assert.equal(fake.opened[0].commands.length, 60);
  });

  it('samples asked for at the same moment share one connection attempt', async () => {
    await Promise.all([1, 2, 3].map(() => pool.exec(target(), ['nvidia-smi'])));
    assert.equal(fake.attempts, 1);
  });

  it('a pod that cannot be reached is tried again only after a backoff that doubles; in between, samples fail at once with the reason', async () => {
    const unreachable = new SshUnreachableError('Cannot reach 203.0.113.7:30022 over SSH (connection refused).');
    fake.failures = [unreachable, unreachable, unreachable];
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), unreachable);
    clock.advance(4_999);
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), unreachable);
    assert.equal(fake.attempts, 1, 'no attempt inside the first 5 s');
    clock.advance(1);
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), unreachable);
    assert.equal(fake.attempts, 2);
    clock.advance(9_999);
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), unreachable);
    assert.equal(fake.attempts, 2, 'the second wait is 10 s');
    clock.advance(1);
    await assert.rejects(pool.exec(target(), ['nvidia-smi']));
    clock.advance(20_000);
    assert.equal((await pool.exec(target(), ['nvidia-smi'])).stdout, 'ok');
    assert.equal(fake.attempts, 4);
  });

  it('a connection that dropped is opened again on the next sample, without waiting', async () => {
    await pool.exec(target(), ['nvidia-smi']);
    fake.opened[0].close();
    await new Promise((r) => setImmediate(r));
    await pool.exec(target(), ['nvidia-smi']);
    assert.equal(fake.attempts, 2);
  });

  it('a changed host key is not tried again until the user has decided (close(key))', async () => {
    fake.failures = [
      new HostKeyChangedError('root@203.0.113.7:30022', 'gpupods-gpugeek-pod-1', [], {
        type: 'ssh-ed25519',
        blob: Buffer.from('x'),
      }),
    ];
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), HostKeyChangedError);
    clock.advance(24 * 3600_000);
    await assert.rejects(pool.exec(target(), ['nvidia-smi']), HostKeyChangedError);
    assert.equal(fake.attempts, 1);
    pool.close('gpugeek:pod-1');
    await pool.exec(target(), ['nvidia-smi']);
    assert.equal(fake.attempts, 2);
  });

  it('closes a connection when sampling stops (close), when idle for 5 minutes, and all of them with the window (dispose)', async () => {
    await pool.exec(target(), ['nvidia-smi']);
    pool.close('gpugeek:pod-1');
    assert.equal(fake.opened[0].isOpen(), false);

    await pool.exec(target(), ['nvidia-smi']);
    clock.advance(299_999);
    assert.equal(fake.opened[1].isOpen(), true);
    clock.advance(1);
    assert.equal(fake.opened[1].isOpen(), false, 'idle for 5 min');

    await pool.exec(target(), ['nvidia-smi']);
    await pool.exec({ ...target(), key: 'gpugeek:pod-2' }, ['nvidia-smi']);
    assert.deepEqual(pool.openKeys().sort(), ['gpugeek:pod-1', 'gpugeek:pod-2']);
    pool.dispose();
    assert.deepEqual(pool.openKeys(), []);
    assert.ok(fake.opened.every((s) => !s.isOpen()));
    assert.equal(clock.pending(), 0, 'no timer outlives the pool');
  });

  it('a pod that moved to another address gets a new connection, and the old one is closed', async () => {
    await pool.exec(target(), ['nvidia-smi']);
    await pool.exec(target({ port: 30023 }), ['nvidia-smi']);
    assert.equal(fake.attempts, 2);
    assert.equal(fake.opened[0].isOpen(), false);
    assert.equal(fake.opened[1].options.target.port, 30023);
  });
});
