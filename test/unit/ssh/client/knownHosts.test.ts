import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { utils } from 'ssh2';
import {
  addHostKey,
  checkHostKey,
  fingerprint,
  forgetHostKeys,
  knownHostName,
  replaceHostKey,
  type HostKey,
} from '../../../../src/core/ssh/client/knownHosts';
import { nodeProcessRunner, nodeSshFs } from '../../../../src/core/ssh/io';
import { tempDir } from '../helpers';
import { sshKeyPair } from './keyPair';

function newKey(type: 'ed25519' | 'ecdsa' = 'ed25519'): HostKey & { line: string } {
  const pair = sshKeyPair(type);
  const parsed = utils.parseKey(pair.public);
  if (parsed instanceof Error) throw parsed;
  return { type: parsed.type, blob: parsed.getPublicSSH(), line: pair.public.trim() };
}

describe('our known_hosts, in the format the system ssh reads', () => {
  let dir: string;
  beforeEach(async () => (dir = await tempDir('gpupods-known-')));
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  it('fingerprints read as ssh-keygen -l prints them (SHA256, base64 without padding)', async () => {
    const key = newKey();
    await fsp.writeFile(join(dir, 'k.pub'), key.line + '\n');
    const r = await nodeProcessRunner.run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'k.pub')]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split(' ')[1], fingerprint(key.blob));
  });

  it('names hosts as ssh files them: the HostKeyAlias, host on port 22, [host]:port elsewhere', () => {
    assert.equal(
      knownHostName({ host: '203.0.113.7', port: 30022, hostKeyAlias: 'gpupods-yotta-42' }),
      'gpupods-yotta-42',
    );
    assert.equal(knownHostName({ host: 'Pod.Example.com', port: 22 }), 'pod.example.com');
    assert.equal(knownHostName({ host: '[2001:db8::1]', port: 2222 }), '[2001:db8::1]:2222');
  });

  it('a first contact is filed once; the same key again is known; another key is a change, not a new host', async () => {
    const file = join(dir, 'gpupods', 'known_hosts');
    const key = newKey();
    await addHostKey(nodeSshFs, file, 'gpupods-novita-pw1', key);
    await addHostKey(nodeSshFs, file, 'gpupods-novita-pw1', key);
    const text = await fsp.readFile(file, 'utf8');
    assert.equal(text, `gpupods-novita-pw1 ${key.type} ${key.blob.toString('base64')}\n`);
    assert.equal((await fsp.stat(file)).mode & 0o777, 0o600);
    assert.equal((await fsp.stat(join(dir, 'gpupods'))).mode & 0o777, 0o700);
    assert.deepEqual(checkHostKey(text, 'gpupods-novita-pw1', key), { status: 'known' });
    assert.deepEqual(checkHostKey(text, 'gpupods-novita-other', key), { status: 'new' });
    const other = newKey('ecdsa');
    const changed = checkHostKey(text, 'gpupods-novita-pw1', other);
    assert.equal(changed.status, 'changed');
    assert.deepEqual(changed.status === 'changed' && changed.known.map((k) => fingerprint(k.blob)), [
      fingerprint(key.blob),
    ]);
  });

  it('reads what ssh writes: hashed names (HashKnownHosts), patterns, negation, comments', async () => {
    const key = newKey();
    const file = join(dir, 'known_hosts');
    await fsp.writeFile(file, `[127.0.0.1]:2222 ${key.type} ${key.blob.toString('base64')}\n`);
    const hashed = await nodeProcessRunner.run('ssh-keygen', ['-H', '-f', file]);
    assert.equal(hashed.code, 0, hashed.stderr);
    const text = await fsp.readFile(file, 'utf8');
    assert.match(text, /^\|1\|/);
    assert.deepEqual(checkHostKey(text, '[127.0.0.1]:2222', key), { status: 'known' });
    assert.deepEqual(checkHostKey(text, '[127.0.0.1]:2223', key), { status: 'new' });
    const patterns = `# a comment\n*.pods.example,!bad.pods.example ${key.type} ${key.blob.toString('base64')}\n@cert-authority * ${key.type} ${key.blob.toString('base64')}\n`;
    assert.deepEqual(checkHostKey(patterns, 'a.pods.example', key), { status: 'known' });
    assert.deepEqual(
      checkHostKey(patterns, 'bad.pods.example', key),
      { status: 'new' },
      'negation and markers do not match',
    );
  });

  it('accepting a changed key replaces every line of that name and keeps every other line byte for byte', async () => {
    const file = join(dir, 'known_hosts');
    const [a, b, c] = [newKey(), newKey('ecdsa'), newKey()];
    const others = `# kept\r\ngpupods-yotta-2 ${c.type} ${c.blob.toString('base64')}\n`;
    await fsp.writeFile(
      file,
      `gpupods-yotta-1 ${a.type} ${a.blob.toString('base64')}\n${others}gpupods-yotta-1 ${b.type} ${b.blob.toString('base64')}\n`,
    );
    const fresh = newKey();
    await replaceHostKey(nodeSshFs, file, 'gpupods-yotta-1', fresh);
    assert.equal(
      await fsp.readFile(file, 'utf8'),
      `${others}gpupods-yotta-1 ${fresh.type} ${fresh.blob.toString('base64')}\n`,
    );
    await forgetHostKeys(nodeSshFs, file, 'gpupods-yotta-1');
    assert.equal(await fsp.readFile(file, 'utf8'), others);
    await forgetHostKeys(nodeSshFs, join(dir, 'absent', 'known_hosts'), 'x');
  });
});
