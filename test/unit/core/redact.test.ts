import assert from 'node:assert/strict';
import { redact, redactUrl } from '../../../src/core/redact';

describe('redact', () => {
  it('hides secret-looking fields at any depth and keeps the rest', () => {
    const out = redact({
      name: 'pod',
      sshPwd: 'Q3rDHh7',
      nested: [{ password: 'x', port: 22 }],
      connectComponentSSH: { password: 'p', sshCommand: 'ssh -p 1 root@h' },
    });
    assert.deepEqual(out, {
      name: 'pod',
      sshPwd: '***',
      nested: [{ password: '***', port: 22 }],
      connectComponentSSH: { password: '***', sshCommand: 'ssh -p 1 root@h' },
    });
  });

  it('hides the value of environment pairs named like a secret', () => {
    assert.deepEqual(
      redact([
        { key: 'JUPYTER_PASSWORD', value: 'pw' },
        { key: 'MODE', value: 'train' },
      ]),
      [
        { key: 'JUPYTER_PASSWORD', value: '***' },
        { key: 'MODE', value: 'train' },
      ],
    );
  });

  it('hides every value of a pod environment, whatever its name, and keeps the names', () => {
    assert.deepEqual(
      redact({
        envs: [{ key: 'MY_VAR', value: 'plain-looking-secret' }],
        environmentVars: [{ key: 'MODE', value: 'train' }],
        env: 'A=one\nB=two=three',
        name: 'pod',
      }),
      {
        envs: [{ key: 'MY_VAR', value: '***' }],
        environmentVars: [{ key: 'MODE', value: '***' }],
        env: 'A=***\nB=***',
        name: 'pod',
      },
    );
  });

  it('scrubs tokens embedded in URLs inside any string', () => {
    assert.deepEqual(
      redact({
        notebookUrl: 'http://h:42757/lab?token=f4jzygqwno3fecinx9arnetu',
        address: 'https://x/?a=1&password=pw#t',
      }),
      {
        notebookUrl: 'http://h:42757/lab?token=***',
        address: 'https://x/?a=1&password=***#t',
      },
    );
    assert.equal(
      redactUrl('https://api.example.com/v1/x?instanceId=5&token=abc'),
      'https://api.example.com/v1/x?instanceId=5&token=***',
    );
  });
});
