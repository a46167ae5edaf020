import * as assert from 'node:assert/strict';
import { ConfigError } from '../../../src/core/errors';
import {
  remoteAuthority,
  remoteFolderUri,
  sshCommandLine,
  sshTerminalArgs,
  sshTerminalName,
  TERMINAL_NAME_MAX,
} from '../../../src/core/ssh/commands';
import type { ProcessRunner, RunOptions } from '../../../src/core/ssh/io';
import { ensureKeyPair } from '../../../src/core/ssh/keys';
import { checkPublicKey } from '../../../src/core/ssh/validate';
import { findOpenSsh } from '../../../src/core/platform/executables';
import { desktops, OPENSSH } from './desktops';
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

  for (const d of desktops()) {
    it(`${d.label}: the key is made in that desktop's ssh folder by the ssh-keygen found there`, async () => {
      const fs = d.fs();
      const key = d.platform.path.join(d.sshDir, 'gpupods_ed25519');
      const runner = new FakeRunner({ code: 0 });
      const deps = {
        fs,
        runner,
        platform: d.platform,
        sshKeygen: async () => (await findOpenSsh(d.platform)).sshKeygen,
      };
      const run = runner.run.bind(runner);
      runner.run = async (cmd, args, opts) => {
        fs.put(key, 'PRIVATE');
        fs.put(`${key}.pub`, `${KEY}\n`, 0o644);
        return run(cmd, args, opts);
      };
      assert.equal((await ensureKeyPair(deps, key)).created, true);
      assert.deepEqual(
        runner.calls.map((c) => [c.cmd, c.args.at(-1)]),
        [[OPENSSH[d.os].sshKeygen, key]],
      );
      assert.ok(fs.ops.includes(`mkdir ${d.sshDir} 700`), fs.ops.join('\n'));
      // a path that desktop's ssh config cannot name is refused before anything runs, with its setting
      const foreign = d.os === 'win32' ? '/home/ann/.ssh/id' : 'C:\\Users\\ann\\id';
      await assert.rejects(
        ensureKeyPair(deps, foreign),
        (e: unknown) => e instanceof ConfigError && e.setting === 'gpuPods.ssh.identityFile',
      );
      assert.equal(runner.calls.length, 1);
    });
  }

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
