import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { fromSshConfigPath, toSshConfigPath, type PathDirective } from '../../../src/core/platform/configPaths';
import { platformFor } from '../../../src/core/platform/platform';
import { nodeProcessRunner } from '../../../src/core/ssh/io';
import { tempDir } from '../ssh/helpers';

const windows = platformFor('win32', { homeDir: 'C:\\Users\\me', env: { USERPROFILE: 'C:\\Users\\Jane Doe' } });
const mac = platformFor('darwin', { homeDir: '/Users/jane' });
const linux = platformFor('linux', { homeDir: '/home/jane' });

/** Local path → what we write, per directive (Include, IdentityFile, UserKnownHostsFile). */
const WRITTEN: Array<[typeof windows, string, PathDirective, string]> = [
  [windows, 'C:\\Users\\me\\.ssh\\gpupods\\config', 'Include', 'C:/Users/me/.ssh/gpupods/config'],
  [windows, 'C:\\Users\\Jane Doe\\.ssh\\gpupods\\config', 'Include', '"C:/Users/Jane Doe/.ssh/gpupods/config"'],
  [windows, "C:\\Users\\o'brien\\.ssh\\gpupods_ed25519", 'IdentityFile', `"C:/Users/o'brien/.ssh/gpupods_ed25519"`],
  [windows, 'd:\\Keys 100%\\known_hosts', 'UserKnownHostsFile', '"d:/Keys 100%%/known_hosts"'],
  [windows, '\\\\fileserver\\home\\jane\\.ssh\\id', 'IdentityFile', '//fileserver/home/jane/.ssh/id'],
  [windows, 'C:/already/forward', 'IdentityFile', 'C:/already/forward'],
  [mac, '/Users/Jane Doe/.ssh/gpupods/config', 'Include', '"/Users/Jane Doe/.ssh/gpupods/config"'],
  [
    mac,
    '/Users/jane/Library/Mobile Documents/#keys/id',
    'IdentityFile',
    '"/Users/jane/Library/Mobile Documents/#keys/id"',
  ],
  [linux, '/home/jane/.ssh/gpupods/known_hosts', 'UserKnownHostsFile', '/home/jane/.ssh/gpupods/known_hosts'],
];

describe('paths in ssh config lines, as each OS writes and OpenSSH reads them', () => {
  for (const [platform, local, directive, written] of WRITTEN) {
    it(`${platform.os}: ${directive} ${local} is written ${written} and read back as the same file`, () => {
      assert.equal(toSshConfigPath(platform, local, directive), written);
      assert.equal(fromSshConfigPath(platform, written, directive), platform.path.normalize(local));
    });
  }

  it('Windows: what OpenSSH would misread is refused with the reason', () => {
    assert.throws(() => toSshConfigPath(windows, 'keys\\id', 'IdentityFile'), /not a full path with a drive letter/);
    assert.throws(() => toSshConfigPath(windows, '\\Users\\me\\id', 'IdentityFile'), /not a full path/);
    assert.throws(() => toSshConfigPath(windows, 'C:\\a"b\\id', 'IdentityFile'), /double quote/);
    assert.throws(() => toSshConfigPath(windows, 'C:\\Users\\[me]\\config', 'Include'), /would expand/);
    assert.throws(() => toSshConfigPath(windows, 'C:\\x\ny', 'IdentityFile'), /line break/);
  });

  it('macOS and Linux: a backslash or ${…} is refused (OpenSSH versions read them differently)', () => {
    assert.throws(() => toSshConfigPath(linux, '/home/a\\b/id', 'IdentityFile'), /backslash/);
    assert.throws(() => toSshConfigPath(mac, '/Users/${USER}/id', 'IdentityFile'), /environment variable/);
    assert.throws(() => toSshConfigPath(mac, 'relative/id', 'IdentityFile'), /not a full path/);
  });

  it("reading the user's lines: ~ and %d are the home, tokens only ssh knows are not guessed", () => {
    assert.equal(
      fromSshConfigPath(windows, '~/.ssh/id_ed25519', 'IdentityFile'),
      'C:\\Users\\Jane Doe\\.ssh\\id_ed25519',
    );
    assert.equal(
      fromSshConfigPath(windows, '"%d/.ssh/keys/a b"', 'IdentityFile'),
      'C:\\Users\\Jane Doe\\.ssh\\keys\\a b',
    );
    assert.equal(fromSshConfigPath(mac, "'~/.ssh/id'", 'IdentityFile'), '/Users/jane/.ssh/id');
    assert.equal(fromSshConfigPath(linux, '~/.ssh/id_%r', 'IdentityFile'), undefined);
    assert.equal(fromSshConfigPath(linux, 'config.d/pods', 'Include'), undefined);
  });

  it("this machine's OpenSSH reads the written Unix lines as the same files (ssh -G)", async () => {
    const dir = await tempDir("gpupods paths o'k ");
    try {
      const included = join(dir, 'inc dir', 'pods config');
      const identity = join(dir, "keys 100% o'k", 'id #1');
      const known = join(dir, 'known hosts');
      await fsp.mkdir(join(dir, 'inc dir'));
      await fsp.writeFile(
        included,
        `Host pod\n  HostName 192.0.2.1\n  IdentityFile ${toSshConfigPath(linux, identity, 'IdentityFile')}\n  UserKnownHostsFile ${toSshConfigPath(linux, known, 'UserKnownHostsFile')}\n`,
      );
      const main = join(dir, 'config');
      await fsp.writeFile(main, `Include ${toSshConfigPath(linux, included, 'Include')}\n`);
      const g = await nodeProcessRunner.run('ssh', ['-G', '-F', main, 'pod'], { timeoutMs: 15_000 });
      assert.equal(g.code, 0, g.stderr);
      const lines = g.stdout.split('\n');
      assert.ok(lines.includes('hostname 192.0.2.1'), 'the Include was followed');
      // ssh -G prints IdentityFile before its % tokens are expanded: %% is the one literal %
      assert.ok(lines.includes(`identityfile ${identity.replace(/%/g, '%%')}`), g.stdout);
      assert.ok(
        lines.includes(`userknownhostsfile ${known}`) || lines.includes(`userknownhostsfile "${known}"`),
        g.stdout,
      );
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});
