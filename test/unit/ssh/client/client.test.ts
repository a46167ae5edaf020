import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { utils, type ParsedKey } from 'ssh2';
import type { SshLogin } from '../../../../src/core/ssh/client/auth';
import { remoteCommand } from '../../../../src/core/ssh/client/command';
import { connectSsh, type ConnectOptions } from '../../../../src/core/ssh/client/connect';
import {
  HostKeyChangedError,
  HostKeyUnknownError,
  isSshClientError,
  SshAuthRefusedError,
} from '../../../../src/core/ssh/client/errors';
import { checkLogin, INSTALL_KEY_SCRIPT, installPublicKey } from '../../../../src/core/ssh/client/installKey';
import { fingerprint, replaceHostKey } from '../../../../src/core/ssh/client/knownHosts';
import { nodeSshFs } from '../../../../src/core/ssh/io';
import { freePort } from '../../../simulator/sshd';
import { tempDir } from '../helpers';
import { ManualClock } from './manualClock';
import { startTestAgent } from './testAgent';
import { sshKeyPair } from './keyPair';
import { startTestServer, type TestServer } from './testServer';

const PASSWORD = 'Pod-Passw0rd-7f3a';

function keyPair(passphrase?: string) {
  const pair = sshKeyPair('ed25519', { passphrase });
  const parsed = utils.parseKey(pair.private, passphrase) as ParsedKey;
  return { privateKey: pair.private, publicKey: pair.public.trim(), parsed, blob: parsed.getPublicSSH() };
}

/** Every message logged, to prove a password never is. */
function recordingLog() {
  const lines: string[] = [];
  const log = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
  return { lines, logger: { trace: log, debug: log, info: log, warn: log, error: log } };
}

describe('our SSH client (ssh2) against an SSH server in this process', function () {
  this.timeout(20_000);
  let dir: string;
  let known: string;
  let clock: ManualClock;
  const servers: TestServer[] = [];
  const log = recordingLog();
  const deps = () => ({ fs: nodeSshFs, clock, log: log.logger });
  const serve = async (o: Parameters<typeof startTestServer>[0]) => {
    const s = await startTestServer(o);
    servers.push(s);
    return s;
  };
  const options = (server: { port: number }, login: SshLogin, over: Partial<ConnectOptions> = {}): ConnectOptions => ({
    target: { host: '127.0.0.1', port: server.port, user: 'root', hostKeyAlias: `gpupods-test-${server.port}` },
    login,
    hostKeys: { knownHostsFile: known, trustNew: true },
    ...over,
  });

  beforeEach(async () => {
    dir = await tempDir('gpupods-client-');
    known = join(dir, 'gpupods', 'known_hosts');
    clock = new ManualClock();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await fsp.rm(dir, { recursive: true, force: true });
  });
  after(() => {
    assert.deepEqual(
      log.lines.filter((l) => l.includes(PASSWORD)),
      [],
      'a password reached the log',
    );
  });

  it('a pod that only offers keyboard-interactive gets our key: its hidden prompt is answered once, the key goes on stdin', async () => {
    let stdin = '';
    const server = await serve({
      method: 'keyboard-interactive',
      password: PASSWORD,
      onExec: (_command, channel) => {
        channel.on('data', (d: Buffer) => (stdin += d.toString()));
        channel.on('end', () => (channel.exit(0), channel.end()));
      },
    });
    const { publicKey } = keyPair();
    await installPublicKey(
      {
        target: options(server, { method: 'password', password: PASSWORD }).target,
        password: PASSWORD,
        publicKey,
        hostKeys: { knownHostsFile: known, trustNew: true },
      },
      deps(),
    );
    assert.deepEqual(server.attempts, ['none', 'keyboard-interactive:accepted']);
    assert.deepEqual(server.commands, [remoteCommand(['sh', '-c', INSTALL_KEY_SCRIPT])]);
    assert.equal(stdin, `${publicKey}\n`);
    assert.equal(
      await fsp.readFile(known, 'utf8'),
      `gpupods-test-${server.port} ${server.hostKey.type} ${server.hostKey.blob.toString('base64')}\n`,
      'the host key seen on first contact is filed under the pod’s HostKeyAlias',
    );
  });

  it('a wrong password is tried exactly once, and the message says "refused the password" without it', async () => {
    const server = await serve({ method: 'password', password: PASSWORD });
    const wrong = 'Wr0ng-password-123';
    const err = await connectSsh(options(server, { method: 'password', password: wrong }), deps()).then(
      () => assert.fail('a wrong password logged in'),
      (e: unknown) => e as Error,
    );
    assert.ok(err instanceof SshAuthRefusedError, String(err));
    assert.match(err.message, /root@127\.0\.0\.1:\d+ refused the password\./);
    assert.ok(!err.message.includes(wrong));
    assert.deepEqual(server.attempts, ['none', 'password:rejected'], 'one attempt, so no lock-out');
  });

  it('a pod with a changed host key is refused before any password is sent, with both fingerprints; accepting it files the new key', async () => {
    const first = await serve({ method: 'password', password: PASSWORD });
    const login: SshLogin = { method: 'password', password: PASSWORD };
    // one pod, the same HostKeyAlias: first reached on one port, then (recreated) on another
    const pod = (server: TestServer) => {
      const o = options(server, login);
      return { ...o, target: { ...o.target, hostKeyAlias: 'gpupods-novita-pw1' } };
    };
    await checkLogin(pod(first), deps());
    const impostor = await serve({ method: 'password', password: PASSWORD });
    const err = await connectSsh(pod(impostor), deps()).then(
      () => assert.fail('connected to a host with another key'),
      (e: unknown) => e as HostKeyChangedError,
    );
    assert.ok(err instanceof HostKeyChangedError, String(err));
    assert.ok(isSshClientError(err, 'hostKeyChanged'));
    assert.deepEqual(err.knownFingerprints, [fingerprint(first.hostKey.blob)]);
    assert.equal(err.offeredFingerprint, fingerprint(impostor.hostKey.blob));
    assert.ok(err.message.includes(err.offeredFingerprint) && err.message.includes(err.knownFingerprints[0]));
    assert.deepEqual(impostor.attempts, [], 'no login was attempted, so no password left this machine');
    assert.equal(err.hostKeyName, 'gpupods-novita-pw1');
    await replaceHostKey(nodeSshFs, known, err.hostKeyName, err.offered);
    await checkLogin(pod(impostor), deps());
  });

  it('first contact is refused when the caller does not allow trust on first use, and nothing is written', async () => {
    const server = await serve({ method: 'password', password: PASSWORD });
    const strict = options(
      server,
      { method: 'password', password: PASSWORD },
      {
        hostKeys: { knownHostsFile: known, trustNew: false },
      },
    );
    await assert.rejects(connectSsh(strict, deps()), (e: unknown) => {
      assert.ok(e instanceof HostKeyUnknownError);
      assert.equal(e.offeredFingerprint, fingerprint(server.hostKey.blob));
      return true;
    });
    assert.equal(existsSync(known), false);
    assert.deepEqual(server.attempts, []);
  });

  it('our own key file logs in directly; a key with a passphrase is used through the agent, which offers only that key', async () => {
    const plain = keyPair();
    const plainServer = await serve({ method: 'publickey', authorizedKey: plain.blob });
    await fsp.writeFile(join(dir, 'gpupods_ed25519'), plain.privateKey, { mode: 0o600 });
    await checkLogin(options(plainServer, { method: 'key', privateKeyPath: join(dir, 'gpupods_ed25519') }), deps());

    const locked = keyPair('passphrase of the user');
    await fsp.writeFile(join(dir, 'id_ed25519'), locked.privateKey, { mode: 0o600 });
    await fsp.writeFile(join(dir, 'id_ed25519.pub'), `${locked.publicKey}\n`);
    const server = await serve({ method: 'publickey', authorizedKey: locked.blob });
    const keyLogin: SshLogin = { method: 'key', privateKeyPath: join(dir, 'id_ed25519') };
    await assert.rejects(connectSsh(options(server, keyLogin), deps()), (e: unknown) => {
      assert.ok(isSshClientError(e, 'keyNeedsAgent'));
      assert.match((e as Error).message, /has a passphrase.*ssh-add/);
      return true;
    });
    const agent = await startTestAgent(dir, [keyPair().parsed, locked.parsed]);
    try {
      await checkLogin(options(server, { ...keyLogin, agent: agent.path }), deps());
      assert.deepEqual(server.attempts, ['publickey:accepted'], 'the agent’s other key was never offered');
    } finally {
      await agent.close();
    }
  });

  it('an agent that cannot be reached is named in the refusal', async () => {
    const server = await serve({ method: 'publickey', authorizedKey: keyPair().blob });
    await assert.rejects(
      connectSsh(options(server, { method: 'agent', agent: join(dir, 'no-agent.sock') }), deps()),
      (e: unknown) =>
        e instanceof SshAuthRefusedError && /refused the keys of your SSH agent \(your SSH agent: /.test(e.message),
    );
  });

  it('a closed port reads "connection refused"', async () => {
    const port = await freePort();
    await assert.rejects(
      connectSsh(options({ port }, { method: 'password', password: PASSWORD }), deps()),
      (e: unknown) =>
        isSshClientError(e, 'unreachable') &&
        /Cannot reach 127\.0\.0\.1:\d+ over SSH \(connection refused\)/.test((e as Error).message),
    );
  });

  it("a pod's output is read up to the bound only, and the command is ended", async () => {
    const server = await serve({
      method: 'password',
      password: PASSWORD,
      onExec: (_c, channel) => {
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (channel.write(chunk));
          channel.once('drain', pump);
        };
        channel.on('close', () => channel.removeAllListeners('drain'));
        pump();
      },
    });
    const session = await connectSsh(options(server, { method: 'password', password: PASSWORD }), deps());
    try {
      const r = await session.exec(['yes'], { maxOutputBytes: 100_000 });
      assert.equal(r.truncated, true);
      assert.equal(r.stdout.length, 100_000);
      assert.equal(r.code, null);
    } finally {
      session.close();
    }
  });

  it('a command that never finishes fails at its time limit, measured on the injected clock', async () => {
    const server = await serve({ method: 'password', password: PASSWORD, onExec: () => undefined });
    const session = await connectSsh(options(server, { method: 'password', password: PASSWORD }), deps());
    try {
      const run = session.exec(['sleep', 'forever'], { timeoutMs: 30_000 });
      while (server.commands.length === 0) await new Promise((r) => setImmediate(r));
      clock.advance(29_999);
      clock.advance(1);
      await assert.rejects(
        run,
        (e: unknown) =>
          isSshClientError(e, 'timeout') &&
          /sleep on root@127\.0\.0\.1:\d+ did not finish within 30 s/.test((e as Error).message),
      );
    } finally {
      session.close();
    }
  });
});
