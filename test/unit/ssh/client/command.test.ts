import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { remoteCommand } from '../../../../src/core/ssh/client/command';
import { INSTALL_KEY_SCRIPT } from '../../../../src/core/ssh/client/installKey';
import { nodeProcessRunner } from '../../../../src/core/ssh/io';
import { tempDir } from '../helpers';

describe('commands our client sends to a pod', () => {
  it('every word reaches the program as one argument, and nothing in a word runs', async () => {
    const dir = await tempDir('gpupods-quote-');
    const canary = join(dir, 'ran');
    const words = [
      'plain',
      'two words',
      "it's",
      `$(touch ${canary})`,
      `\`touch ${canary}\``,
      `; touch ${canary}`,
      '"double" \\ back',
      'line\nbreak',
      '',
      '-o ProxyCommand=x',
      '~/.ssh',
      '*',
    ];
    const line = remoteCommand(['printf', '%s\\0', ...words]);
    const r = await nodeProcessRunner.run('sh', ['-c', line], { timeoutMs: 10_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), words);
    assert.equal(existsSync(canary), false, 'a word ran as a command');
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('refuses what cannot be a word (an empty command, a NUL)', () => {
    assert.throws(() => remoteCommand([]), /needs a program/);
    assert.throws(() => remoteCommand(['echo', 'a\0b']), /NUL/);
  });

  it('the key installer is a fixed script with the key on stdin: it holds no key, user or host', () => {
    assert.doesNotMatch(INSTALL_KEY_SCRIPT, /ssh-ed25519|ssh-rsa|@/);
    assert.match(remoteCommand(['sh', '-c', INSTALL_KEY_SCRIPT]), /^sh -c '/);
  });
});
