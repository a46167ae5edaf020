import * as assert from 'node:assert/strict';
import { envVar, platformFor } from '../../../src/core/platform/platform';
import {
  expandHome,
  gpuPodsSshDirectory,
  sshAgentLocation,
  userSshConfig,
  userSshDirectory,
  WINDOWS_AGENT_PIPE,
} from '../../../src/core/platform/sshLocations';

const windows = (env: Record<string, string> = {}) =>
  platformFor('win32', { homeDir: 'C:\\Users\\me', env: { USERPROFILE: 'C:\\Users\\Jane Doe', ...env } });
const mac = (env: Record<string, string> = {}) => platformFor('darwin', { homeDir: '/Users/jane', env });
const linux = (env: Record<string, string> = {}) => platformFor('linux', { homeDir: '/home/jane', env });

describe('where ssh files live on each desktop', () => {
  it('Windows: %USERPROFILE%\\.ssh, even when Git or MSYS set HOME elsewhere', () => {
    const p = windows({ HOME: '/c/Users/jane' });
    assert.equal(userSshDirectory(p), 'C:\\Users\\Jane Doe\\.ssh');
    assert.equal(userSshConfig(p), 'C:\\Users\\Jane Doe\\.ssh\\config');
    assert.equal(gpuPodsSshDirectory(p), 'C:\\Users\\Jane Doe\\.ssh\\gpupods');
  });

  it('macOS and Linux: ~/.ssh', () => {
    assert.equal(userSshConfig(mac()), '/Users/jane/.ssh/config');
    assert.equal(gpuPodsSshDirectory(linux()), '/home/jane/.ssh/gpupods');
  });

  it('remote.SSH.configFile and gpuPods.ssh.directory are honoured, with ~ as each OS writes it', () => {
    assert.equal(userSshConfig(windows(), '~\\ssh\\my config'), 'C:\\Users\\Jane Doe\\ssh\\my config');
    assert.equal(userSshConfig(windows(), '~/ssh/cfg'), 'C:\\Users\\Jane Doe\\ssh\\cfg');
    assert.equal(userSshConfig(windows(), 'D:\\cfg\\ssh_config'), 'D:\\cfg\\ssh_config');
    assert.equal(userSshConfig(mac(), '~/work/ssh_config'), '/Users/jane/work/ssh_config');
    assert.equal(gpuPodsSshDirectory(linux(), '  ~  '), '/home/jane');
    assert.equal(expandHome(linux(), '~other/x'), '~other/x', "another user's home is not ours to guess");
    assert.equal(expandHome(linux(), '~\\x'), '~\\x', 'a backslash is a file name character on Linux');
  });

  it("the agent: SSH_AUTH_SOCK when set, else Windows' OpenSSH agent pipe; none on a Mac without one", () => {
    assert.equal(sshAgentLocation(windows()), WINDOWS_AGENT_PIPE);
    assert.equal(WINDOWS_AGENT_PIPE, '\\\\.\\pipe\\openssh-ssh-agent');
    assert.equal(sshAgentLocation(windows({ ssh_auth_sock: '\\\\.\\pipe\\my-agent' })), '\\\\.\\pipe\\my-agent');
    assert.equal(
      sshAgentLocation(mac({ SSH_AUTH_SOCK: '/private/tmp/com.apple.launchd.x/Listeners' })),
      '/private/tmp/com.apple.launchd.x/Listeners',
    );
    assert.equal(sshAgentLocation(mac()), undefined);
    assert.equal(sshAgentLocation(linux({ SSH_AUTH_SOCK: ' ' })), undefined);
  });

  it('environment names: any case on Windows, exact elsewhere', () => {
    assert.equal(envVar(windows({ Path: 'x' }), 'PATH'), 'x');
    assert.equal(envVar(linux({ Path: 'x' }), 'PATH'), undefined);
  });
});
