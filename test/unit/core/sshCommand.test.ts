import assert from 'node:assert/strict';
import { parseSshCommand } from '../../../src/core/sshCommand';

describe('parseSshCommand', () => {
  it('reads the forms the clouds hand out', () => {
    assert.deepEqual(parseSshCommand('ssh -p 59064 root@host.example.com'), {
      host: 'host.example.com',
      port: 59064,
      user: 'root',
    });
    assert.deepEqual(parseSshCommand('ssh root@1.2.3.4 -p 30035 -i ~/.ssh/key'), {
      host: '1.2.3.4',
      port: 30035,
      user: 'root',
    });
    assert.deepEqual(parseSshCommand('ssh root@pod-ip -p 10022'), { host: 'pod-ip', port: 10022, user: 'root' });
    assert.deepEqual(parseSshCommand('ssh -p2222 ubuntu@10.0.0.1'), { host: '10.0.0.1', port: 2222, user: 'ubuntu' });
  });

  it('defaults the user to root and the port to 22', () => {
    assert.deepEqual(parseSshCommand('ssh gpu.example.com'), { host: 'gpu.example.com', port: 22, user: 'root' });
  });

  it('refuses anything that could smuggle an option or a command', () => {
    for (const bad of [
      'ssh -oProxyCommand=touch\\ /tmp/x root@h',
      'ssh root@h; rm -rf ~',
      'ssh root@h rm -rf ~',
      'ssh -p 22 "root@h"',
      'ssh root@-oProxyCommand=x',
      'ssh root@h -p 99999',
      'ssh root@h -p abc',
      'scp root@h',
      'ssh $(id)@h',
      '',
      undefined,
    ]) {
      assert.equal(parseSshCommand(bad as string), undefined, String(bad));
    }
  });
});
