import * as assert from 'node:assert/strict';
import { promises as fsp, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/core/clock';
import { installPublicKey } from '../../../src/core/ssh/client/installKey';
import { isSshClientError } from '../../../src/core/ssh/client/errors';
import { forgetHostKeys } from '../../../src/core/ssh/client/knownHosts';
import { sshTerminalArgs } from '../../../src/core/ssh/commands';
import { SshError } from '../../../src/core/ssh/errors';
import { hostKeyAlias, PodHostStore } from '../../../src/core/ssh/hostEntries';
import { nodeProcessRunner, nodeSshFs } from '../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../src/core/ssh/keys';
import { installInclude } from '../../../src/core/ssh/userConfig';
import { RealPodBackend } from '../../simulator/realBackend';
import { fixturesDir, pod, tempDir } from './helpers';

/** The machine's real ~/.ssh (from the password database, as ssh itself finds it): must not change. */
async function snapshotRealSsh(): Promise<string> {
  const dir = join(userInfo().homedir, '.ssh');
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  const parts = await Promise.all(names.sort().map(async (n) => `${n}:${(await fsp.stat(join(dir, n))).mtimeMs}`));
  return `${await fsp
    .stat(dir)
    .then((s) => s.mtimeMs)
    .catch(() => 'absent')}|${parts.join(',')}`;
}

/** What Remote-SSH and the terminal do: the system `ssh -F <config> <alias> true`, with no prompt possible. */
async function checkKeyLogin(
  deps: { runner: typeof nodeProcessRunner; env: NodeJS.ProcessEnv },
  configPath: string,
  alias: string,
  extra: string[] = [],
): Promise<void> {
  const args = [
    '-F',
    configPath,
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=15',
    ...extra,
    '-T',
    '--',
    alias,
    'true',
  ];
  const r = await deps.runner.run('ssh', args, { env: deps.env, timeoutMs: 60_000 });
  if (r.code !== 0) throw new SshError(`ssh ${alias} true failed: ${r.stderr.trim()}`, r.code, r.stderr);
}

describe('against a real sshd', function () {
  this.timeout(60_000);
  let backend: RealPodBackend;
  let dir: string;
  let store: PodHostStore;
  let cfg: string;
  let known: string;
  let publicKey: string;
  let realSshBefore: string;
  const deps = () => ({
    fs: nodeSshFs,
    runner: nodeProcessRunner,
    env: { PATH: process.env.PATH, HOME: join(dir, 'home') },
  });

  before(async function () {
    realSshBefore = await snapshotRealSsh();
    dir = await tempDir('gpupods-sshd-test-');
    try {
      backend = await RealPodBackend.start();
    } catch (e) {
      console.log(`    (skipped: sshd cannot start here: ${(e as Error).message})`);
      this.skip();
    }
    cfg = join(dir, 'gpupods', 'config');
    known = join(dir, 'gpupods', 'known_hosts');
    const pair = await ensureKeyPair(deps(), join(dir, 'gpupods', 'id_ed25519'));
    assert.equal(pair.created, true);
    publicKey = pair.publicKey;
    assert.deepEqual(await ensureKeyPair(deps(), pair.privateKeyPath), { ...pair, created: false });
    assert.equal((await fsp.stat(pair.privateKeyPath)).mode & 0o777, 0o600);
    store = new PodHostStore({
      fs: nodeSshFs,
      configPath: cfg,
      identityFile: pair.privateKeyPath,
      knownHostsFile: known,
    });
  });

  after(async () => {
    await backend?.stop();
    if (dir) await fsp.rm(dir, { recursive: true, force: true });
    assert.equal(await snapshotRealSsh(), realSshBefore, 'the real ~/.ssh was not touched');
  });

  it('key pod: the written entry makes `ssh -F <config> <alias> true` succeed', async () => {
    backend.authorizeKey(publicKey);
    const p = pod({ id: '362740422811062272', name: 'Key Pod', ssh: backend.ssh('key', '362740422811062272') });
    const entry = await store.ensurePod(p);
    assert.equal(entry.alias, 'gpupods-yotta-key-pod');
    await checkKeyLogin(deps(), cfg, entry.alias);
    assert.match(
      await fsp.readFile(known, 'utf8'),
      /^gpupods-yotta-362740422811062272 ssh-ed25519 /m,
      'host key in our known_hosts, by pod id',
    );
    // the terminal argv runs as it is
    const [cmd, ...args] = sshTerminalArgs(cfg, entry.alias);
    const r = await nodeProcessRunner.run(cmd, [...args, '-o', 'BatchMode=yes', 'echo', 'hello'], {
      env: deps().env,
      timeoutMs: 30_000,
    });
    assert.equal(r.stdout.trim(), 'hello', r.stderr);
  });

  it('`ssh -G <alias>` resolves our values, also through the Include in a real-world user config', async () => {
    const user = join(dir, 'user-ssh', 'config');
    await fsp.mkdir(join(dir, 'user-ssh'), { recursive: true });
    const original = readFileSync(join(fixturesDir(), 'basic.config'));
    await fsp.writeFile(user, original);
    await installInclude(nodeSshFs, user, cfg);
    const g = await nodeProcessRunner.run('ssh', ['-G', '-F', user, 'gpupods-yotta-key-pod'], {
      env: deps().env,
      timeoutMs: 15_000,
    });
    assert.equal(g.code, 0, g.stderr);
    const lines = new Set(g.stdout.split('\n'));
    for (const want of [
      'hostname 127.0.0.1',
      `port ${backend.sshd.port}`,
      `user ${backend.sshd.keyUser}`,
      `identityfile ${join(dir, 'gpupods', 'id_ed25519')}`,
      'identitiesonly yes',
      'serveraliveinterval 30',
      'serveralivecountmax 4',
      `userknownhostsfile ${known}`,
      'stricthostkeychecking accept-new',
      'hostkeyalias gpupods-yotta-362740422811062272',
    ]) {
      assert.ok(lines.has(want), `ssh -G shows "${want}"`);
    }
    await checkKeyLogin(deps(), user, 'gpupods-yotta-key-pod');
    const github = await nodeProcessRunner.run('ssh', ['-G', '-F', user, 'github.com'], {
      env: deps().env,
      timeoutMs: 15_000,
    });
    assert.ok(github.stdout.includes('user git\n'), "the user's own hosts still resolve as before");
  });

  it('password pod: the password installs our key once, then key login works', async function () {
    if (backend.passwordUnavailable) {
      console.log(`    (skipped: password login unavailable: ${backend.passwordUnavailable})`);
      this.skip();
    }
    backend.resetPasswordPod('pw-1');
    const target = backend.ssh('password', 'pw-1');
    const p = pod({ id: 'pw-1', cloud: 'novita', name: 'Password Pod', ssh: target });
    const entry = await store.ensurePod(p);
    await assert.rejects(
      checkKeyLogin(deps(), cfg, entry.alias),
      (e: unknown) => e instanceof SshError && /Permission denied/.test(e.message),
    );
    // our own client (no askpass, no ssh child), the host key filed under the entry's HostKeyAlias
    const install = () =>
      installPublicKey(
        {
          target: { host: target.host, port: target.port, user: target.user, hostKeyAlias: hostKeyAlias(entry) },
          password: target.password!,
          publicKey,
          hostKeys: { knownHostsFile: known, trustNew: true },
        },
        { fs: nodeSshFs, clock: systemClock },
      );
    await install();
    await install();
    // the system ssh behind Remote-SSH trusts the key our client recorded, and logs in with no password
    await checkKeyLogin(deps(), cfg, entry.alias, ['-o', 'StrictHostKeyChecking=yes']);
    const keys = await fsp.readFile(join(backend.sshd.passwordUser!.home, '.ssh', 'authorized_keys'), 'utf8');
    assert.equal(keys, publicKey + '\n', 'installed exactly once');
  });

  it('a wrong password is refused by name and never shown', async function () {
    if (backend.passwordUnavailable) {
      console.log(`    (skipped: password login unavailable: ${backend.passwordUnavailable})`);
      this.skip();
    }
    const target = backend.ssh('password', 'pw-2');
    const wrong = 'Wr0ng-' + target.password!.slice(0, 6) + '-pass';
    const err = await installPublicKey(
      {
        target: { host: target.host, port: target.port, user: target.user },
        password: wrong,
        publicKey,
        hostKeys: { knownHostsFile: known, trustNew: true },
      },
      { fs: nodeSshFs, clock: systemClock },
    ).then(
      () => assert.fail('a wrong password was accepted'),
      (e: unknown) => e as Error,
    );
    assert.ok(isSshClientError(err, 'authRefused'), String(err));
    assert.ok(!err.message.includes(wrong));
    assert.ok(!err.message.includes(target.password!));
  });

  it("a reused address:port with a new host key: a new pod connects, the user's known_hosts is never used", async () => {
    await backend.sshd.restartWithNewHostKey();
    const p2 = pod({ id: '999000111', name: 'Next Pod', ssh: backend.ssh('key', '999000111') });
    const e2 = await store.ensurePod(p2);
    await checkKeyLogin(deps(), cfg, e2.alias);
    // the old pod's alias sees a changed key (as it should); forgetting it recovers
    const old = 'gpupods-yotta-key-pod';
    await assert.rejects(
      checkKeyLogin(deps(), cfg, old),
      /HOST IDENTIFICATION HAS CHANGED|Host key verification failed/,
    );
    await forgetHostKeys(nodeSshFs, known, 'gpupods-yotta-362740422811062272');
    await checkKeyLogin(deps(), cfg, old);
    assert.equal(await snapshotRealSsh(), realSshBefore);
  });

  it('Jupyter-like server: the token opens the lab, anything else is refused', async () => {
    const j = backend.jupyter('362740422811062272', 'tok-abc');
    const lab = await fetch(`${j.baseUrl}lab?token=${j.token}`);
    assert.equal(lab.status, 200);
    assert.match(await lab.text(), /<title>JupyterLab<\/title>/);
    assert.equal((await fetch(`${j.baseUrl}lab?token=nope`)).status, 403);
    assert.equal((await fetch(`${j.baseUrl}lab`)).status, 403);
    assert.equal(
      (await fetch(`${j.baseUrl}api/status`, { headers: { authorization: `token ${j.token}` } })).status,
      200,
    );
    const other = backend.jupyter('other-pod');
    assert.equal(
      (await fetch(`${other.baseUrl}lab?token=${j.token}`)).status,
      403,
      "one pod's token does not open another",
    );
  });

  it('terminating the pod removes its entry', async () => {
    await store.remove([{ cloud: 'yotta', id: '999000111' }]);
    assert.deepEqual(
      (await store.list()).map((e) => e.alias).sort(),
      ['gpupods-novita-password-pod', 'gpupods-yotta-key-pod'].filter(
        (a) => !backend.passwordUnavailable || !a.includes('novita'),
      ),
    );
    await assert.rejects(checkKeyLogin(deps(), cfg, 'gpupods-yotta-next-pod'), SshError);
  });
});
