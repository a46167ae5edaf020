import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { assignAliases } from '../../../src/core/ssh/alias';
import { PodHostStore } from '../../../src/core/ssh/hostEntries';
import { nodeProcessRunner, nodeSshFs } from '../../../src/core/ssh/io';
import { installInclude } from '../../../src/core/ssh/userConfig';
import {
  claimedBy,
  coversEveryAlias,
  includePath,
  lineMatches,
  readUserHostLines,
  scanConfigText,
} from '../../../src/core/ssh/userHosts';
import { platformFor } from '../../../src/core/platform/platform';
import { type Desktop, desktops } from './desktops';
import { pod, tempDir } from './helpers';

describe("aliases never take over the user's own hosts", () => {
  it('matches Host lines as ssh does: *, ?, !negation, case-insensitive; Match host lists count', () => {
    const { hosts, includes } = scanConfigText(
      'Include a.conf "b c/*"\nHost web? !web9 *.corp\nMatch host db1,db2 user x\n  Include inner\nHost *\n',
      '/f',
    );
    assert.deepEqual(includes, ['a.conf', 'b c/*', 'inner']);
    const [web, match, star] = hosts;
    assert.ok(
      lineMatches(web, 'web1') && lineMatches(web, 'X.CORP') && !lineMatches(web, 'web9') && !lineMatches(web, 'web10'),
    );
    assert.ok(lineMatches(match, 'db2') && !lineMatches(match, 'db3'));
    assert.ok(coversEveryAlias(star, 'yotta'), '`Host *` sets defaults, it names no host');
    assert.ok(coversEveryAlias({ patterns: ['gpupods-*'], file: '' }, 'novita'));
    assert.ok(coversEveryAlias({ patterns: ['*', '!github.com'], file: '' }, 'novita'));
    assert.ok(!coversEveryAlias({ patterns: ['gpupods-yotta-my*'], file: '' }, 'yotta'));
  });

  it('resolves Include paths as ssh does for a user config', () => {
    const me = platformFor('linux', { homeDir: '/home/me' });
    assert.equal(includePath(me, 'config.d/*'), '/home/me/.ssh/config.d/*');
    assert.equal(includePath(me, '~/dot/ssh'), '/home/me/dot/ssh');
    assert.equal(includePath(me, '/etc/x'), '/etc/x');
  });

  it('resolves Include paths as Windows, macOS and Linux ssh do', () => {
    const [win, mac, linux] = desktops();
    const cases: Array<[Desktop, string, string | undefined]> = [
      [win, 'config.d\\*.conf', 'C:\\Users\\Ann Lee\\.ssh\\config.d\\*.conf'],
      [win, 'config.d/work.conf', 'C:\\Users\\Ann Lee\\.ssh\\config.d\\work.conf'],
      [win, '~\\dot\\ssh', 'C:\\Users\\Ann Lee\\dot\\ssh'],
      [win, '~/dot/ssh', 'C:\\Users\\Ann Lee\\dot\\ssh'],
      [win, 'D:/Shared Keys/ssh.conf', 'D:\\Shared Keys\\ssh.conf'],
      [win, '\\\\nas\\home\\ssh.conf', '\\\\nas\\home\\ssh.conf'],
      [win, '${USERPROFILE}/x', undefined],
      [mac, 'config.d/*', '/Users/ann/.ssh/config.d/*'],
      [mac, '~/.colima/ssh_config', '/Users/ann/.colima/ssh_config'],
      [linux, '~', '/home/ann'],
      [linux, 'a\\b', '/home/ann/.ssh/a\\b'],
    ];
    for (const [d, arg, expected] of cases) assert.equal(includePath(d.platform, arg), expected, `${d.label}: ${arg}`);
  });

  for (const d of desktops()) {
    it(`${d.label}: reads the Host names of the files the config includes, and never our own file's`, async () => {
      const fs = d.fs();
      const p = d.platform.path;
      const config = p.join(d.sshDir, 'config');
      const winSlash = (s: string) => (d.os === 'win32' ? s.replace(/\//g, '\\') : s);
      fs.put(
        config,
        [
          `Include ${winSlash('conf.d/*.conf')}`,
          `Include "${p.join(d.platform.homeDir, 'Work Stuff', 'ssh.conf')}"`,
          `Include ${winSlash('~/.colima/ssh_config')}`,
          `Include "${d.os === 'win32' ? d.expect.hostFile.toUpperCase() : d.expect.hostFile}"`,
          'Host mine',
          '',
        ].join('\r\n'),
      );
      fs.put(p.join(d.sshDir, 'conf.d', 'a.conf'), 'Host from-glob-a\n');
      fs.put(p.join(d.sshDir, 'conf.d', 'b.conf'), 'Host from-glob-b\n');
      fs.put(p.join(d.sshDir, 'conf.d', 'notes.txt'), 'Host not-a-conf\n');
      fs.put(p.join(d.platform.homeDir, 'Work Stuff', 'ssh.conf'), 'Host from-spaced-folder\n');
      fs.put(p.join(d.platform.homeDir, '.colima', 'ssh_config'), 'Host colima\n');
      fs.put(d.expect.hostFile, 'Host gpupods-yotta-ours\n');
      const lines = await readUserHostLines(config, { fs, platform: d.platform, exclude: [d.expect.hostFile] });
      assert.deepEqual(lines.map((l) => l.patterns.join(' ')).sort(), [
        'colima',
        'from-glob-a',
        'from-glob-b',
        'from-spaced-folder',
        'mine',
      ]);
    });
  }

  it('an alias avoids an exact user host, a wildcard one, and a prefix pattern; a catch-all is ignored', () => {
    const claimed = claimedBy([
      { patterns: ['gpupods-yotta-my-box'], file: '' },
      { patterns: ['gpupods-novita-train*', '!gpupods-novita-train-old'], file: '' },
      { patterns: ['*'], file: '' },
    ]);
    const m = assignAliases(
      [
        { cloud: 'yotta', id: 'a1b2c3d4e5', name: 'My Box' },
        { cloud: 'novita', id: 'n-778899aa', name: 'Train Run' },
        { cloud: 'gpugeek', id: 'g1', name: 'Free' },
      ],
      [],
      claimed,
    );
    assert.equal(m.get('yotta:a1b2c3d4e5'), 'gpupods-yotta-my-box-c3d4e5');
    assert.ok(!claimed(m.get('novita:n-778899aa')!, 'novita'), m.get('novita:n-778899aa'));
    assert.equal(m.get('gpugeek:g1'), 'gpupods-gpugeek-free', '`Host *` does not push aliases aside');
    // an alias a pod already had moves when the user claims it later
    const again = assignAliases(
      [{ cloud: 'gpugeek', id: 'g1', name: 'Free' }],
      [{ cloud: 'gpugeek', podId: 'g1', alias: 'gpupods-gpugeek-free' }],
      claimedBy([{ patterns: ['gpupods-gpugeek-free'], file: '' }]),
    );
    assert.notEqual(again.get('gpugeek:g1'), 'gpupods-gpugeek-free');
  });

  describe('with the real ssh binary', () => {
    let dir: string;
    beforeEach(async () => (dir = await tempDir('gpupods-userhosts-')));
    afterEach(async () => fsp.rm(dir, { recursive: true, force: true }));

    const resolveAll = async (config: string, names: string[]) => {
      const out: Record<string, string> = {};
      for (const n of names) {
        const r = await nodeProcessRunner.run('ssh', ['-G', '-F', config, n], { timeoutMs: 15_000 });
        assert.equal(r.code, 0, r.stderr);
        out[n] = r.stdout;
      }
      return out;
    };

    it('`ssh -G <each user host>` resolves the same before and after every write', async () => {
      const userConfig = join(dir, 'config');
      const confD = join(dir, 'conf.d');
      await fsp.mkdir(confD);
      await fsp.writeFile(
        join(confD, 'work.conf'),
        'Host gpupods-novita-train* !gpupods-novita-train-old\n  HostName 192.0.2.11\n  User carol\n\nMatch host gpupods-gpugeek-db\n  User dave\n',
      );
      await fsp.writeFile(
        userConfig,
        [
          `Include "${confD}/*.conf"`,
          '',
          'Host gpupods-yotta-my-box',
          '  HostName 192.0.2.10',
          '  User alice',
          '',
          'Host *.corp',
          '  User bob',
          '',
          'Host *',
          '  ServerAliveInterval 60',
          '',
        ].join('\n'),
      );
      // the names the user types: their literal hosts, and names their patterns claim (the ones our pods
      // would get from their names alone)
      const userNames = [
        'gpupods-yotta-my-box',
        'gpupods-novita-train-run',
        'gpupods-gpugeek-db',
        'build.corp',
        'github.com',
      ];
      const before = await resolveAll(userConfig, userNames);

      const hostFile = join(dir, 'gpupods', 'config');
      const store = new PodHostStore({
        fs: nodeSshFs,
        configPath: hostFile,
        identityFile: join(dir, 'id'),
        knownHostsFile: join(dir, 'gpupods', 'known_hosts'),
        claimedAliases: async () =>
          claimedBy(
            await readUserHostLines(userConfig, {
              fs: nodeSshFs,
              platform: platformFor('linux', { homeDir: dir }),
              exclude: [hostFile],
            }),
          ),
      });
      const pods = [
        pod({ id: 'y-0001', cloud: 'yotta', name: 'My Box', ssh: { host: '203.0.113.1', port: 2201, user: 'root' } }),
        pod({
          id: 'n-0002',
          cloud: 'novita',
          name: 'Train Run',
          ssh: { host: '203.0.113.2', port: 2202, user: 'root' },
        }),
        pod({ id: 'g-0003', cloud: 'gpugeek', name: 'db', ssh: { host: '203.0.113.3', port: 2203, user: 'root' } }),
        pod({ id: 'e-0004', cloud: 'neevcloud', name: 'free', ssh: { host: '203.0.113.4', port: 2204, user: 'root' } }),
      ];
      const checkUnchanged = async (step: string) =>
        assert.deepEqual(await resolveAll(userConfig, userNames), before, `after ${step}`);

      await installInclude(nodeSshFs, userConfig, hostFile);
      await checkUnchanged('adding the Include');
      const first = await store.upsert(pods.slice(0, 2), { account: 'acc-1' });
      await checkUnchanged('writing two entries');
      const second = await store.upsert(pods.slice(2), { account: 'acc-1' });
      await checkUnchanged('writing two more');
      const aliases = new Map([...first.aliases, ...second.aliases]);
      assert.equal(
        aliases.get('neevcloud:e-0004'),
        'gpupods-neevcloud-free',
        'an unclaimed name keeps its plain alias',
      );
      for (const [i, p] of pods.entries()) {
        const alias = aliases.get(`${p.cloud}:${p.id}`)!;
        assert.ok(!userNames.includes(alias), `${alias} is not a user host`);
        const ours = (await resolveAll(userConfig, [alias]))[alias];
        assert.match(ours, new RegExp(`^hostname 203\\.0\\.113\\.${i + 1}$`, 'm'), `${alias} resolves to its pod`);
      }
      // the user adds a host named like one of our aliases: the next write moves our alias off it
      await fsp.appendFile(userConfig, 'Host gpupods-neevcloud-free\n  User erin\n');
      const userNames2 = [...userNames, 'gpupods-neevcloud-free'];
      const before2 = await resolveAll(userConfig, ['gpupods-neevcloud-free']);
      assert.match(before2['gpupods-neevcloud-free'], /^hostname 203\.0\.113\.4$/m, 'shadowed until the next write');
      await store.upsert(pods.slice(3), { account: 'acc-1' });
      const after = await resolveAll(userConfig, userNames2);
      assert.match(after['gpupods-neevcloud-free'], /^user erin$/m);
      assert.doesNotMatch(after['gpupods-neevcloud-free'], /^hostname 203\.0\.113\.4$/m);
      await store.remove([{ cloud: 'yotta', id: 'y-0001' }]);
      await checkUnchanged('removing an entry');
    });
  });
});
