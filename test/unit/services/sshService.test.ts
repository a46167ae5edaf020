// GPU Pods' SSH side as it runs on Windows, macOS and Linux, built here with each desktop's platform, an
// in-memory disk with that desktop's paths, a recording process runner and a spied loader of our own SSH client.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../../src/core/clock';
import type { Logger } from '../../../src/core/logger';
import { OpenSshMissingError } from '../../../src/core/platform/executables';
import { platformFor } from '../../../src/core/platform/platform';
import type { ProcessRunner, RunResult } from '../../../src/core/ssh/io';
import type { SshClientModule } from '../../../src/core/ssh/loadClient';
import { BEGIN_MARKER, END_MARKER } from '../../../src/core/ssh/userConfig';
import { SshService } from '../../../src/services/sshService';
import type { SshSettings } from '../../../src/services/sshServicePort';
import type { UserInput } from '../../../src/ui/prompts';
import { type Desktop, desktops, OPENSSH } from '../ssh/desktops';
import { fixturesDir, type MemFs, pod } from '../ssh/helpers';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq0k0gL4P0xQm2k3nJx8o4vQ1d0m7mXc2pZfH0mX9kP gpupods';
const PASSWORD_FACTS = { sshAuth: 'password' } as const;
const KEY_FACTS = { sshAuth: 'accountKey' } as const;

type Settings = { [K in keyof SshSettings]: ReturnType<SshSettings[K]> };

/** A runner that records every program started and answers `ssh -G` like the user's config would. */
class RecordingRunner implements ProcessRunner {
  calls: Array<{ cmd: string; args: readonly string[] }> = [];
  constructor(private readonly answer: (cmd: string, args: readonly string[]) => Partial<RunResult> = () => ({})) {}
  async run(cmd: string, args: readonly string[]): Promise<RunResult> {
    this.calls.push({ cmd, args });
    return { code: 0, stdout: '', stderr: '', timedOut: false, ...this.answer(cmd, args) };
  }
}

/** Our SSH client, spied: every load and every key install is counted; nothing connects. */
function spiedClient() {
  const spy = { loads: 0, installs: [] as Array<{ target: unknown; password: string }> };
  const client = {
    installPublicKey: async (req: { target: unknown; password: string }) => void spy.installs.push(req),
    forgetHostKeys: async () => undefined,
  };
  const load = async () => {
    spy.loads++;
    return client as unknown as SshClientModule;
  };
  return { spy, load };
}

function build(d: Desktop, o: { settings?: Partial<Settings>; fs?: MemFs; runner?: RecordingRunner } = {}) {
  const values: Settings = {
    sshConfigMode: 'include',
    sshDirectory: '',
    sshIdentityFile: '',
    userSshConfigFile: '',
    remoteSshPath: '',
    ...o.settings,
  };
  const settings: SshSettings = {
    sshConfigMode: () => values.sshConfigMode,
    sshDirectory: () => values.sshDirectory,
    sshIdentityFile: () => values.sshIdentityFile,
    userSshConfigFile: () => values.userSshConfigFile,
    remoteSshPath: () => values.remoteSshPath,
  };
  const logged: string[] = [];
  const log = {
    info: (m: string) => void logged.push(m),
    warn: (m: string) => void logged.push(m),
  } as unknown as Logger;
  const fs = o.fs ?? d.fs();
  const runner = o.runner ?? new RecordingRunner();
  const { spy, load } = spiedClient();
  const ssh = new SshService({
    accounts: { list: () => [], get: () => undefined },
    data: { onDidChange: () => ({ dispose: () => undefined }), snapshot: () => undefined },
    log,
    clock: systemClock,
    settings,
    platform: d.platform,
    fs,
    runner,
    loadClient: load,
  });
  return { ssh, fs, runner, spy, logged };
}

/** The user agrees to every question (here: creating the key). */
const agree: UserInput = {
  confirm: async () => true,
  pick: async () => undefined,
  input: async () => undefined,
};

/** The user's key is already there (made earlier): no ssh-keygen needed. */
function withKey(d: Desktop, fs: MemFs): void {
  const key = d.platform.path.join(d.sshDir, 'gpupods_ed25519');
  fs.put(key, 'PRIVATE');
  fs.put(`${key}.pub`, `${KEY}\n`, 0o644);
}

const passwordPod = pod({
  id: 'pw-1',
  cloud: 'novita',
  name: 'trainer',
  ssh: { host: '203.0.113.9', port: 31022, user: 'root', password: 'Sup3rSecret!' },
});

describe('the SSH service on Windows, macOS and Linux', () => {
  const where: Record<Desktop['os'], Record<string, string>> = {
    win32: {
      directory: 'C:\\Users\\Ann Lee\\.ssh\\gpupods',
      knownHostsFile: 'C:\\Users\\Ann Lee\\.ssh\\gpupods\\known_hosts',
      userConfig: 'C:\\Users\\Ann Lee\\.ssh\\config',
      identityFile: 'C:\\Users\\Ann Lee\\.ssh\\gpupods_ed25519',
      movedConfig: 'C:\\Users\\Ann Lee\\dotfiles\\ssh_config',
      movedDirectory: 'C:\\Users\\Ann Lee\\GPU Pods',
      movedKey: 'C:\\Users\\Ann Lee\\.ssh\\id_ed25519',
    },
    darwin: {
      directory: '/Users/ann/.ssh/gpupods',
      knownHostsFile: '/Users/ann/.ssh/gpupods/known_hosts',
      userConfig: '/Users/ann/.ssh/config',
      identityFile: '/Users/ann/.ssh/gpupods_ed25519',
      movedConfig: '/Users/ann/dotfiles/ssh_config',
      movedDirectory: '/Users/ann/GPU Pods',
      movedKey: '/Users/ann/.ssh/id_ed25519',
    },
    linux: {
      directory: '/home/ann/.ssh/gpupods',
      knownHostsFile: '/home/ann/.ssh/gpupods/known_hosts',
      userConfig: '/home/ann/.ssh/config',
      identityFile: '/home/ann/.ssh/gpupods_ed25519',
      movedConfig: '/home/ann/dotfiles/ssh_config',
      movedDirectory: '/home/ann/GPU Pods',
      movedKey: '/home/ann/.ssh/id_ed25519',
    },
  };

  for (const d of desktops()) {
    it(`${d.label}: its files are in that desktop's ssh folder, and the settings move them (~ included)`, () => {
      const w = where[d.os];
      const { ssh } = build(d);
      assert.deepEqual(
        [ssh.directory, ssh.hostFile, ssh.knownHostsFile, ssh.userConfig, ssh.identityFile],
        [w.directory, d.expect.hostFile, w.knownHostsFile, w.userConfig, w.identityFile],
      );
      const moved = build(d, {
        settings: {
          // remote.SSH.configFile when gpuPods.ssh.configFile is empty: the service gets whichever applies
          userSshConfigFile: d.os === 'win32' ? '~\\dotfiles\\ssh_config' : '~/dotfiles/ssh_config',
          sshDirectory: '~/GPU Pods',
          sshIdentityFile: '~/.ssh/id_ed25519',
        },
      }).ssh;
      assert.deepEqual(
        [moved.userConfig, moved.directory, moved.identityFile],
        [w.movedConfig, w.movedDirectory, w.movedKey],
      );
      assert.deepEqual(moved.entryFiles().identityFile, w.movedKey);
    });

    it(`${d.label}: connecting writes the entry and the Include as its OpenSSH reads them; the rest of a CRLF config stays byte for byte`, async () => {
      const { ssh, fs, runner, spy } = build(d);
      withKey(d, fs);
      const original = readFileSync(join(fixturesDir(), 'windows-profile.config'));
      fs.put(ssh.userConfig, original);
      const { entry, keyNotInstalled } = await ssh.prepare(pod({ id: 'k-1', name: 'Trainer' }), KEY_FACTS, agree);
      assert.equal(entry.alias, 'gpupods-yotta-trainer');
      assert.equal(keyNotInstalled, undefined);
      const hostFile = fs.text(d.expect.hostFile)!;
      assert.ok(hostFile.includes(`  ${d.expect.identityLine}\n`), hostFile);
      assert.ok(hostFile.includes(`  ${d.expect.knownHostsLine}\n`), hostFile);
      const block = `${BEGIN_MARKER}\r\n${d.expect.includeLine}\r\n${END_MARKER}\r\n`;
      const text = original.toString('latin1');
      assert.equal(
        fs.files.get(ssh.userConfig)!.data.toString('latin1'),
        text.replace('# the build box at work', `${block}# the build box at work`),
        'our three lines, in CRLF, before the comment over the first Host; every other byte as it was',
      );
      assert.deepEqual(runner.calls, [], 'no program started: the key was there, and a key pod needs no `ssh -G`');
      assert.equal(spy.loads, 0, 'a key pod needs no connection of our own');
    });

    it(`${d.label}: a password pod the user's ssh config sends through ProxyJump gets no direct connection; the user is told`, async () => {
      const runner = new RecordingRunner((_cmd, args) => ({
        stdout: args.includes('gpupods-novita-trainer') ? 'hostname 203.0.113.9\nproxyjump bastion.corp\n' : '',
      }));
      const { ssh, fs, spy, logged } = build(d, { runner });
      withKey(d, fs);
      fs.put(ssh.userConfig, 'Host gpupods-*\r\n  ProxyJump bastion.corp\r\n');
      const prepared = await ssh.prepare(passwordPod, PASSWORD_FACTS, agree);
      assert.deepEqual(prepared.keyNotInstalled, { proxy: 'ProxyJump' });
      assert.equal(spy.loads, 0, "GPU Pods' own SSH client was not even loaded");
      assert.deepEqual(spy.installs, []);
      assert.deepEqual(runner.calls, [
        { cmd: OPENSSH[d.os].ssh, args: ['-G', '-F', ssh.userConfig, '--', 'gpupods-novita-trainer'] },
      ]);
      assert.ok(
        logged.some((m) => /sends gpupods-novita-trainer through ProxyJump: GPU Pods did not install its key/.test(m)),
        logged.join('\n'),
      );
      assert.ok(!logged.join('\n').includes('Sup3rSecret!'), 'the password is never logged');
    });

    it(`${d.label}: a password pod reached directly gets the key once, through our own client and no ssh process`, async () => {
      const { ssh, fs, runner, spy } = build(d);
      withKey(d, fs);
      fs.put(ssh.userConfig, 'Host work\r\n  HostName 10.0.0.1\r\n');
      const first = await ssh.prepare(passwordPod, PASSWORD_FACTS, agree);
      assert.equal(first.keyNotInstalled, undefined);
      await ssh.prepare(passwordPod, PASSWORD_FACTS, agree);
      assert.equal(spy.installs.length, 1, 'installed once per window');
      assert.equal(spy.installs[0].password, 'Sup3rSecret!');
      assert.deepEqual(runner.calls, [], 'no Proxy line in the config: `ssh -G` is not asked');
    });
  }

  for (const d of desktops({ withOpenSsh: false })) {
    it(`${d.label} without OpenSSH: the error says how to install it and opens remote.SSH.path; nothing is made`, async () => {
      const { ssh, fs, runner, spy } = build(d);
      fs.put(ssh.userConfig, 'Host gpupods-*\n  ProxyCommand corp-tunnel %h\n');
      await assert.rejects(ssh.prepare(passwordPod, PASSWORD_FACTS, agree), (e: unknown) => {
        assert.ok(e instanceof OpenSshMissingError, String(e));
        assert.equal(e.setting, 'remote.SSH.path');
        assert.match(e.message, d.os === 'win32' ? /Install Windows' "OpenSSH Client"/ : /was not found/);
        return true;
      });
      assert.equal(fs.files.has(ssh.identityFile), false, 'no key');
      assert.ok(!fs.ops.some((o) => o.startsWith('mkdir')), 'not even a folder');
      withKey(d, fs);
      await assert.rejects(ssh.prepare(passwordPod, PASSWORD_FACTS, agree), OpenSshMissingError);
      assert.deepEqual(runner.calls, []);
      assert.equal(spy.loads, 0, 'no direct connection while ssh cannot say whether a proxy applies');
    });
  }

  it('as Windows: remote.SSH.path picks the ssh, and ssh-keygen is taken from beside it', async () => {
    const [win] = desktops({ withOpenSsh: false });
    const own = ['D:\\Tools\\OpenSSH\\ssh.exe', 'D:\\Tools\\OpenSSH\\ssh-keygen.exe'];
    const d: Desktop = {
      ...win,
      platform: platformFor('win32', { ...win.platform, isExecutable: async (p) => own.includes(p) }),
    };
    const fs = d.fs();
    const runner = new RecordingRunner((cmd, args) => {
      if (cmd.endsWith('ssh-keygen.exe')) {
        const key = args[args.length - 1];
        fs.put(key, 'PRIVATE');
        fs.put(`${key}.pub`, `${KEY}\n`, 0o644);
      }
      return {};
    });
    const { ssh } = build(d, { fs, runner, settings: { remoteSshPath: own[0] } });
    const pair = await ssh.ensureKey(agree);
    assert.equal(pair.created, true);
    assert.deepEqual(runner.calls[0], {
      cmd: own[1],
      args: ['-q', '-t', 'ed25519', '-N', '', '-C', 'gpupods', '-f', 'C:\\Users\\Ann Lee\\.ssh\\gpupods_ed25519'],
    });
    assert.ok(fs.ops.includes('mkdir C:\\Users\\Ann Lee\\.ssh 700'));
    assert.deepEqual(await ssh.openSsh(), { ssh: own[0], sshKeygen: own[1] });
  });
});
