import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../../src/core/clock';
import { connectSsh, type ClientDeps } from '../../../../src/core/ssh/client/connect';
import { HostKeyChangedError, isSshClientError } from '../../../../src/core/ssh/client/errors';
import { checkLogin, installPublicKey } from '../../../../src/core/ssh/client/installKey';
import { replaceHostKey } from '../../../../src/core/ssh/client/knownHosts';
import { SshPool } from '../../../../src/core/ssh/client/pool';
import { hostKeyAlias, PodHostStore, type HostEntry } from '../../../../src/core/ssh/hostEntries';
import { nodeProcessRunner, nodeSshFs } from '../../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../../src/core/ssh/keys';
import { readGpusOverPool, samplingTarget } from '../../../../src/core/ssh/pooledGpus';
import type { PodGpuState } from '../../../simulator/gpu';
import { RealPodBackend } from '../../../simulator/realBackend';
import { pod, tempDir } from '../helpers';
import { CountingProxy } from './countingProxy';

const H100: PodGpuState = {
  kind: 'gpus',
  gpus: [{ name: 'NVIDIA H100 80GB HBM3', utilizationPct: 64, memoryUsedMiB: 30000, memoryTotalMiB: 81559 }],
};

/** Real time for timers, a `now` the test can move forward past a backoff. */
class SteppedClock implements Clock {
  offset = 0;
  now = () => systemClock.now() + this.offset;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}

/** Counts every way Node can start a process, while `work` runs. */
async function processesStartedDuring(work: () => Promise<void>): Promise<string[]> {
  const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  // the module object itself (an ES import would give a read-only namespace): what every caller reaches
  const cp = require('node:child_process') as Record<string, (...a: unknown[]) => unknown>;
  const real = Object.fromEntries(names.map((n) => [n, cp[n]]));
  const started: string[] = [];
  for (const n of names)
    cp[n] = (...args: unknown[]) => {
      started.push(`${n} ${String(args[0])}`);
      return real[n](...args);
    };
  try {
    await work();
  } finally {
    Object.assign(cp, real);
  }
  return started;
}

async function fingerprintOf(publicKeyFile: string): Promise<string> {
  const r = await nodeProcessRunner.run('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], {
    timeoutMs: 10_000,
  });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.split(' ')[1];
}

describe('our SSH client against a real sshd', function () {
  this.timeout(60_000);
  let backend: RealPodBackend;
  let dir: string;
  let cfg: string;
  let known: string;
  let identityFile: string;
  let publicKey: string;
  let store: PodHostStore;
  const deps: ClientDeps = { fs: nodeSshFs, clock: systemClock };
  const env = () => ({ PATH: process.env.PATH, HOME: join(dir, 'home') });

  /** System OpenSSH through our entry, as Remote-SSH and the terminal run it: no prompt, strict host keys. */
  const systemSsh = (alias: string) =>
    nodeProcessRunner.run(
      'ssh',
      ['-F', cfg, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-T', '--', alias, 'true'],
      { env: env(), timeoutMs: 30_000 },
    );
  const target = (entry: HostEntry, port = entry.port) => ({
    host: entry.host,
    port,
    user: entry.user,
    hostKeyAlias: hostKeyAlias(entry),
  });
  const sshdConnections = async () =>
    ((await fsp.readFile(join(backend.sshd.dir, 'sshd.log'), 'utf8')).match(/Connection from /g) ?? []).length;

  before(async function () {
    try {
      backend = await RealPodBackend.start();
    } catch (e) {
      console.log(`    (skipped: sshd cannot start here: ${(e as Error).message})`);
      this.skip();
    }
    dir = await tempDir('gpupods-client-sshd-');
    cfg = join(dir, 'gpupods', 'config');
    known = join(dir, 'gpupods', 'known_hosts');
    const pair = await ensureKeyPair({ fs: nodeSshFs, runner: nodeProcessRunner }, join(dir, 'gpupods', 'id_ed25519'));
    identityFile = pair.privateKeyPath;
    publicKey = pair.publicKey;
    store = new PodHostStore({ fs: nodeSshFs, configPath: cfg, identityFile, knownHostsFile: known });
  });

  after(async () => {
    await backend?.stop();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
  });

  it('a password-only pod gets our key through our client; then system ssh logs in with no password and trusts the host key we recorded', async function () {
    if (backend.passwordUnavailable) {
      console.log(`    (skipped: password login unavailable: ${backend.passwordUnavailable})`);
      this.skip();
    }
    backend.resetPasswordPod('pw-1');
    const ssh = backend.ssh('password', 'pw-1');
    const entry = await store.ensurePod(pod({ id: 'pw-1', cloud: 'novita', name: 'Password Pod', ssh }));
    const before = await systemSsh(entry.alias);
    assert.notEqual(before.code, 0, 'no key login before the key is installed');
    await fsp.rm(known, { force: true }); // our client makes the first contact
    const install = {
      target: target(entry),
      password: ssh.password!,
      publicKey,
      hostKeys: { knownHostsFile: known, trustNew: true },
    };
    await installPublicKey(install, deps);
    await installPublicKey(install, deps);
    const keys = await fsp.readFile(join(backend.sshd.passwordUser!.home, '.ssh', 'authorized_keys'), 'utf8');
    assert.equal(keys, `${publicKey}\n`, 'installed exactly once');
    const recorded = await fsp.readFile(known, 'utf8');
    const hostKey = (await backend.sshd.hostPublicKey()).split(' ').slice(0, 2).join(' ');
    assert.equal(recorded, `gpupods-novita-pw-1 ${hostKey}\n`);
    const after = await systemSsh(entry.alias);
    assert.equal(after.code, 0, after.stderr);
    assert.equal(await fsp.readFile(known, 'utf8'), recorded, 'system ssh needed nothing more in known_hosts');
  });

  it('a wrong password is refused after one try (sshd logs one failure) and is in no message', async function () {
    if (backend.passwordUnavailable) this.skip();
    const ssh = backend.ssh('password', 'pw-1');
    const wrong = `Wr0ng-${ssh.password!.slice(0, 5)}-x`;
    const failuresBefore = (
      (await fsp.readFile(join(backend.sshd.dir, 'sshd.log'), 'utf8')).match(/Failed password/g) ?? []
    ).length;
    const err = await installPublicKey(
      {
        target: { host: ssh.host, port: ssh.port, user: ssh.user, hostKeyAlias: 'gpupods-novita-pw-1' },
        password: wrong,
        publicKey,
        hostKeys: { knownHostsFile: known, trustNew: true },
      },
      deps,
    ).then(
      () => assert.fail('a wrong password was accepted'),
      (e: unknown) => e as Error,
    );
    assert.ok(isSshClientError(err, 'authRefused'), String(err));
    assert.ok(!err.message.includes(wrong) && !err.message.includes(ssh.password!));
    await new Promise((r) => setTimeout(r, 200)); // sshd writes its log line as the connection ends
    const failures = ((await fsp.readFile(join(backend.sshd.dir, 'sshd.log'), 'utf8')).match(/Failed password/g) ?? [])
      .length;
    assert.equal(failures - failuresBefore, 1);
  });

  it('a changed host key is refused with the fingerprints ssh-keygen shows; once accepted, system ssh with StrictHostKeyChecking yes agrees', async () => {
    backend.authorizeKey(publicKey);
    const entry = await store.ensurePod(pod({ id: 'key-1', name: 'Key Pod', ssh: backend.ssh('key', 'key-1') }));
    const login = { method: 'key' as const, privateKeyPath: identityFile };
    await checkLogin({ target: target(entry), login, hostKeys: { knownHostsFile: known, trustNew: true } }, deps);
    const oldFingerprint = await fingerprintOf(`${backend.sshd.hostKeyPath}.pub`);
    assert.equal((await systemSsh(entry.alias)).code, 0);

    await backend.sshd.restartWithNewHostKey();
    const newFingerprint = await fingerprintOf(`${backend.sshd.hostKeyPath}.pub`);
    const err = await connectSsh(
      { target: target(entry), login, hostKeys: { knownHostsFile: known, trustNew: true } },
      deps,
    ).then(
      () => assert.fail('connected to a host whose key changed'),
      (e: unknown) => e as HostKeyChangedError,
    );
    assert.ok(err instanceof HostKeyChangedError, String(err));
    assert.deepEqual(err.knownFingerprints, [oldFingerprint]);
    assert.equal(err.offeredFingerprint, newFingerprint);
    const refused = await systemSsh(entry.alias);
    assert.notEqual(refused.code, 0, 'system ssh reads the same file and refuses too');

    await replaceHostKey(nodeSshFs, known, err.hostKeyName, err.offered);
    const accepted = await systemSsh(entry.alias);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  it('60 samples over the pooled connection: one TCP connection, no process started, every reading right', async () => {
    const entry = (await store.list()).find((e) => e.podId === 'key-1')!;
    backend.showGpus('key-1', H100);
    const proxy = await CountingProxy.start(entry.port);
    const pool = new SshPool(deps);
    const logged = await sshdConnections();
    try {
      const sampling = { ...samplingTarget(entry, { identityFile, knownHostsFile: known }) };
      sampling.target = { ...sampling.target, port: proxy.port };
      const readings: unknown[] = [];
      const started = await processesStartedDuring(async () => {
        for (let i = 0; i < 60; i++) readings.push(await readGpusOverPool(pool, sampling));
      });
      assert.deepEqual(started, [], 'no ssh child, no askpass');
      assert.equal(proxy.connections, 1);
      assert.equal(pool.opened, 1);
      assert.equal((await sshdConnections()) - logged, 1, await backend.sshd.logTail());
      for (const r of readings)
        assert.deepEqual(r, {
          gpus: [
            {
              index: 0,
              name: 'NVIDIA H100 80GB HBM3',
              utilisationPercent: 64,
              memoryUsedMiB: 30000,
              memoryTotalMiB: 81559,
            },
          ],
        });
    } finally {
      pool.dispose();
      await proxy.cut();
    }
  });

  it('sampling recovers after the pod’s sshd restarts: unavailable meanwhile, back on a new connection once the backoff has passed', async () => {
    const entry = (await store.list()).find((e) => e.podId === 'key-1')!;
    backend.showGpus('key-1', H100);
    const proxy = await CountingProxy.start(entry.port);
    const clock = new SteppedClock();
    const pool = new SshPool({ fs: nodeSshFs, clock });
    try {
      const sampling = samplingTarget(entry, { identityFile, knownHostsFile: known });
      sampling.target = { ...sampling.target, port: proxy.port };
      assert.ok('gpus' in (await readGpusOverPool(pool, sampling)));

      await proxy.cut();
      await backend.sshd.restart();
      const down = await readGpusOverPool(pool, sampling);
      assert.ok('unavailable' in down && /cannot be reached over SSH/.test(down.unavailable), JSON.stringify(down));

      await proxy.listen();
      const waiting = await readGpusOverPool(pool, sampling);
      assert.deepEqual(waiting, down, 'within the backoff: the last reason, no new attempt');
      assert.equal(proxy.connections, 1);

      clock.offset += 5_000;
      const back = await readGpusOverPool(pool, sampling);
      assert.ok('gpus' in back, JSON.stringify(back));
      assert.equal(proxy.connections, 2);
      assert.equal(pool.opened, 2);
    } finally {
      pool.dispose();
      await proxy.cut();
    }
  });
});
