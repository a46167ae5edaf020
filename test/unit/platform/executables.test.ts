import * as assert from 'node:assert/strict';
import { findExecutable, findOpenSsh, OpenSshMissingError } from '../../../src/core/platform/executables';
import { nodePlatform, platformFor, type DesktopOs } from '../../../src/core/platform/platform';

/** A desktop whose only programs are `files` (Windows paths compared as Windows does, without case). */
function desktop(os: DesktopOs, env: Record<string, string>, files: string[], homeDir = '/home/u') {
  const norm = (p: string) => (os === 'win32' ? p.toLowerCase() : p);
  const present = new Set(files.map(norm));
  const asked: string[] = [];
  const platform = platformFor(os, {
    homeDir,
    env,
    isExecutable: async (p) => (asked.push(p), present.has(norm(p))),
  });
  return { platform, asked };
}

describe('finding ssh and ssh-keygen on each desktop', () => {
  it('Windows: the "OpenSSH Client" feature in System32\\OpenSSH is found when PATH lacks it', async () => {
    const { platform } = desktop(
      'win32',
      { Path: 'C:\\Windows\\system32;C:\\Program Files\\Git\\cmd', WINDIR: 'C:\\Windows', PATHEXT: '.COM;.EXE;.BAT' },
      ['C:\\Windows\\System32\\OpenSSH\\ssh.exe', 'C:\\Windows\\System32\\OpenSSH\\ssh-keygen.exe'],
      'C:\\Users\\me',
    );
    assert.deepEqual(await findOpenSsh(platform), {
      ssh: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
      sshKeygen: 'C:\\Windows\\System32\\OpenSSH\\ssh-keygen.exe',
    });
  });

  it('Windows: PATH wins (case-insensitive "Path", quoted folders), and a .bat that Node cannot start is skipped', async () => {
    const { platform } = desktop(
      'win32',
      { PATH: '"C:\\Tools\\bin";C:\\Program Files\\OpenSSH', PATHEXT: '.BAT;.EXE' },
      [
        'C:\\Tools\\bin\\ssh.bat',
        'C:\\Program Files\\OpenSSH\\ssh.exe',
        'C:\\Program Files\\OpenSSH\\ssh-keygen.exe',
        'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
      ],
      'C:\\Users\\me',
    );
    assert.equal(await findExecutable(platform, 'ssh'), 'C:\\Program Files\\OpenSSH\\ssh.exe');
    assert.equal((await findOpenSsh(platform)).sshKeygen, 'C:\\Program Files\\OpenSSH\\ssh-keygen.exe');
  });

  it('Windows without the OpenSSH Client: the message says how to install it and which setting points elsewhere', async () => {
    const { platform } = desktop('win32', { PATH: 'C:\\Windows\\system32' }, [], 'C:\\Users\\me');
    const err = await findOpenSsh(platform).then(
      () => assert.fail('found an ssh that is not there'),
      (e: unknown) => e as OpenSshMissingError,
    );
    assert.ok(err instanceof OpenSshMissingError);
    assert.match(err.message, /ssh\.exe was not found\. Install Windows' "OpenSSH Client"/);
    assert.equal(err.setting, 'remote.SSH.path');
  });

  it('macOS: found in /usr/bin even when VS Code started from the Dock with a short PATH', async () => {
    const { platform } = desktop('darwin', { PATH: '/bin' }, ['/usr/bin/ssh', '/usr/bin/ssh-keygen'], '/Users/me');
    assert.deepEqual(await findOpenSsh(platform), { ssh: '/usr/bin/ssh', sshKeygen: '/usr/bin/ssh-keygen' });
  });

  it('Linux without openssh-client: the message names the package', async () => {
    const { platform } = desktop('linux', { PATH: '/usr/local/bin:/usr/bin' }, []);
    await assert.rejects(
      findOpenSsh(platform),
      /Install the OpenSSH client \(for example "sudo apt install openssh-client"\)/,
    );
  });

  it('remote.SSH.path is honoured: its folder also gives ssh-keygen; a path that is not there is named', async () => {
    const { platform } = desktop('linux', { PATH: '/usr/bin' }, [
      '/opt/openssh/bin/ssh',
      '/opt/openssh/bin/ssh-keygen',
      '/usr/bin/ssh',
      '/usr/bin/ssh-keygen',
    ]);
    assert.deepEqual(await findOpenSsh(platform, '/opt/openssh/bin/ssh'), {
      ssh: '/opt/openssh/bin/ssh',
      sshKeygen: '/opt/openssh/bin/ssh-keygen',
    });
    await assert.rejects(findOpenSsh(platform, '/nowhere/ssh'), (e: unknown) => {
      assert.ok(e instanceof OpenSshMissingError);
      assert.match(e.message, /"remote\.SSH\.path" names \/nowhere\/ssh/);
      return true;
    });
  });

  it('a relative PATH entry (which depends on the folder VS Code started in) is never searched', async () => {
    const { platform, asked } = desktop('linux', { PATH: 'bin:/usr/bin' }, ['/usr/bin/ssh']);
    assert.equal(await findExecutable(platform, 'ssh'), '/usr/bin/ssh');
    assert.ok(!asked.some((p) => !p.startsWith('/')), asked.join(', '));
  });

  it('on this machine, the real lookup finds the ssh the tests use', async () => {
    const found = await findOpenSsh(nodePlatform());
    assert.match(found.ssh, /\/ssh$/);
    assert.match(found.sshKeygen, /\/ssh-keygen$/);
  });
});
