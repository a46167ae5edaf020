import * as assert from 'node:assert/strict';
import { ConfigError } from '../../../src/core/errors';
import { checkKeyLogin, INSTALL_KEY_COMMAND, installPublicKeyWithPassword } from '../../../src/core/ssh/bootstrap';
import {
  remoteAuthority,
  remoteFolderUri,
  sshCommandLine,
  sshTerminalArgs,
  sshTerminalName,
  TERMINAL_NAME_MAX,
} from '../../../src/core/ssh/commands';
import { SshError } from '../../../src/core/ssh/errors';
import type { ProcessRunner, RunOptions } from '../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../src/core/ssh/keys';
import { checkPublicKey } from '../../../src/core/ssh/validate';
import { MemFs } from './helpers';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0k0gL4P0xQm2k3nJx8o4vQ1d0m7mXc2pZfH0mX9kP gpupods';

class FakeRunner implements ProcessRunner {
  calls: Array<{ cmd: string; args: readonly string[]; opts?: RunOptions }> = [];
  constructor(private readonly answer: { code: number; stdout?: string; stderr?: string } = { code: 0 }) {}
  async run(cmd: string, args: readonly string[], opts?: RunOptions) {
    this.calls.push({ cmd, args, opts });
    return {
      code: this.answer.code,
      stdout: this.answer.stdout ?? '',
      stderr: this.answer.stderr ?? '',
      timedOut: false,
    };
  }
}

describe('commands for the VS Code layer', () => {
  it("the SSH terminal's tab shows the pod's name made inert and short: no bidi override, no control character, no essay", () => {
    assert.equal(sshTerminalName('trainer'), 'SSH: trainer');
    const hostile = `\u202egnp.exe\u001b[31m\r\nrm -rf /${'x'.repeat(10_000)}`;
    const tab = sshTerminalName(hostile);
    assert.doesNotMatch(tab, /[\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f]/);
    assert.ok(Array.from(tab).length <= 'SSH: '.length + TERMINAL_NAME_MAX, `${tab.length} characters`);
    assert.ok(tab.startsWith('SSH: gnp.exe'), tab);
    assert.ok(tab.endsWith('…'));
  });

  it('terminal argv, copyable command line and Remote-SSH URI', () => {
    assert.deepEqual(sshTerminalArgs('/home/me/.ssh/gpupods/config', 'gpupods-yotta-a'), [
      'ssh',
      '-F',
      '/home/me/.ssh/gpupods/config',
      'gpupods-yotta-a',
    ]);
    assert.equal(
      sshCommandLine('/Users/Jo Doe/.ssh/gpupods/config', 'gpupods-yotta-a'),
      "ssh -F '/Users/Jo Doe/.ssh/gpupods/config' gpupods-yotta-a",
    );
    assert.equal(remoteAuthority('gpupods-novita-train'), 'ssh-remote+gpupods-novita-train');
    assert.equal(
      remoteFolderUri('gpupods-novita-train', '/root/my work'),
      'vscode-remote://ssh-remote+gpupods-novita-train/root/my%20work',
    );
  });

  it('refuses anything it did not validate', () => {
    assert.throws(() => sshTerminalArgs('/c', '-oProxyCommand=x'), ConfigError);
    assert.throws(() => sshCommandLine('/c', 'a b'), ConfigError);
    assert.throws(() => remoteAuthority('x+y'), ConfigError);
    assert.throws(() => remoteFolderUri('gpupods-a', 'relative'), ConfigError);
  });
});

describe('keys', () => {
  it('creates an ed25519 key with ssh-keygen (no shell, exact argv) only when none exists', async () => {
    const fs = new MemFs();
    const runner: ProcessRunner = {
      async run(cmd, args) {
        assert.equal(cmd, 'ssh-keygen');
        assert.deepEqual(args, ['-q', '-t', 'ed25519', '-N', '', '-C', 'gpupods', '-f', '/h/.ssh/gpupods/id_ed25519']);
        fs.files.set('/h/.ssh/gpupods/id_ed25519', { data: Buffer.from('PRIVATE'), mode: 0o600, mtimeMs: 0 });
        fs.files.set('/h/.ssh/gpupods/id_ed25519.pub', { data: Buffer.from(KEY + '\n'), mode: 0o644, mtimeMs: 0 });
        return { code: 0, stdout: '', stderr: '', timedOut: false };
      },
    };
    const made = await ensureKeyPair({ fs, runner }, '/h/.ssh/gpupods/id_ed25519');
    assert.deepEqual(made, { privateKeyPath: '/h/.ssh/gpupods/id_ed25519', publicKey: KEY, created: true });
    assert.ok(fs.ops.includes('mkdir /h/.ssh/gpupods 700'));
    const again = await ensureKeyPair({ fs, runner: new FakeRunner({ code: 1 }) }, '/h/.ssh/gpupods/id_ed25519');
    assert.equal(again.created, false);
  });

  it('accepts one OpenSSH public key line only', () => {
    assert.equal(checkPublicKey(`  ${KEY}\n`), KEY);
    for (const bad of [
      '',
      'ssh-ed25519',
      `${KEY}\nssh-rsa AAAA`,
      'command="x" ' + KEY,
      'ssh-ed25519 AAAA;rm',
      'foo AAAA',
    ]) {
      assert.throws(() => checkPublicKey(bad), ConfigError, JSON.stringify(bad));
    }
  });
});

describe('password bootstrap (argv and environment)', () => {
  const login = { host: '203.0.113.7', port: 30022, user: 'root', password: 'Sup3r$ecret pass' };

  it('runs ssh once, password only in the child environment, key on stdin, fixed remote command', async () => {
    const runner = new FakeRunner();
    const fs = new MemFs();
    await installPublicKeyWithPassword(
      { fs, runner, askpassDir: '/h/priv', env: { PATH: '/usr/bin' } },
      login,
      KEY,
      '/h/gp/known hosts',
      {
        hostKeyAlias: 'gpupods-novita-abc',
      },
    );
    assert.equal(runner.calls.length, 1);
    const { cmd, args, opts } = runner.calls[0];
    assert.equal(cmd, 'ssh');
    assert.deepEqual(args, [
      '-F',
      'none',
      '-o',
      'PreferredAuthentications=password,keyboard-interactive',
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'NumberOfPasswordPrompts=1',
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      'UserKnownHostsFile="/h/gp/known hosts"',
      '-o',
      'ConnectTimeout=15',
      '-o',
      'LogLevel=ERROR',
      '-o',
      'HostKeyAlias=gpupods-novita-abc',
      '-T',
      '-p',
      '30022',
      '--',
      'root@203.0.113.7',
      INSTALL_KEY_COMMAND,
    ]);
    assert.ok(!args.some((a) => a.includes(login.password)), 'the password is on no command line');
    assert.equal(opts?.stdin, KEY + '\n');
    assert.equal(opts?.env?.GPUPODS_SSH_PASSWORD, login.password);
    assert.equal(opts?.env?.SSH_ASKPASS_REQUIRE, 'force');
    assert.equal(opts?.env?.SSH_ASKPASS, '/h/priv/gpupods-askpass.sh');
    assert.equal(fs.files.get('/h/priv/gpupods-askpass.sh')!.mode, 0o700);
    assert.ok(!fs.text('/h/priv/gpupods-askpass.sh')!.includes('Sup3r'));
  });

  it('refuses hostile hosts, users and ports before running anything', async () => {
    const runner = new FakeRunner();
    for (const bad of [
      { host: '-oProxyCommand=x' },
      { host: 'a b' },
      { user: 'root\nx' },
      { port: 70000 },
      { port: 0 },
    ]) {
      await assert.rejects(
        installPublicKeyWithPassword({ fs: new MemFs(), runner, askpassDir: '/p' }, { ...login, ...bad }, KEY, '/k'),
        ConfigError,
      );
    }
    assert.equal(runner.calls.length, 0);
  });

  it("shows ssh's stderr plainly, with the password masked if anything echoed it", async () => {
    const runner = new FakeRunner({
      code: 255,
      stderr: `Warning: Permanently added 'x' (ED25519) to the list of known hosts.\r\nbanner says ${login.password}\r\nroot@203.0.113.7: Permission denied (publickey,password).\r\n`,
    });
    const err: SshError = await installPublicKeyWithPassword(
      { fs: new MemFs(), runner, askpassDir: '/p' },
      login,
      KEY,
      '/k',
    ).then(
      () => assert.fail('should fail'),
      (e) => e,
    );
    assert.ok(err instanceof SshError);
    assert.equal(
      err.message,
      'Installing the SSH key on root@203.0.113.7:30022 failed: banner says ***\nroot@203.0.113.7: Permission denied (publickey,password).',
    );
    assert.ok(!err.message.includes(login.password) && !String(err.details).includes(login.password));
  });

  it('checkKeyLogin runs ssh -F <config> in batch mode', async () => {
    const runner = new FakeRunner();
    await checkKeyLogin({ fs: new MemFs(), runner }, '/h/gp/config', 'gpupods-yotta-a');
    assert.deepEqual(runner.calls[0].args, [
      '-F',
      '/h/gp/config',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=15',
      '-T',
      '--',
      'gpupods-yotta-a',
      'true',
    ]);
  });
});
