import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeProcessRunner } from '../../../src/core/ssh/io';
import SSHConfig from 'ssh-config';
import { ConfigError } from '../../../src/core/errors';
import { assignAliases, baseAlias, slugify } from '../../../src/core/ssh/alias';
import { PodNotReachableError } from '../../../src/core/ssh/errors';
import {
  hostKeyAlias,
  parseHostFile,
  PodHostStore,
  renderHostFile,
  type HostEntry,
} from '../../../src/core/ssh/hostEntries';
import { nodeSshFs } from '../../../src/core/ssh/io';
import { platformFor } from '../../../src/core/platform/platform';
import { desktops } from './desktops';
import { MemFs, pod, tempDir } from './helpers';

const OPTS = { identityFile: '/home/me/.ssh/gpupods/id_ed25519', knownHostsFile: '/home/me/.ssh/gpupods/known_hosts' };
const CFG = '/home/me/.ssh/gpupods/config';
const store = (fs = new MemFs()) => ({ fs, s: new PodHostStore({ fs, configPath: CFG, ...OPTS }) });

describe('aliases', () => {
  it('slugs pod names to [a-z0-9-], collapsed, trimmed, at most 40 chars', () => {
    assert.equal(slugify('My  Pod__(A100)!'), 'my-pod-a100');
    assert.equal(slugify('  --Café Lab-- '), 'cafe-lab');
    assert.equal(slugify('x\nProxyCommand touch /tmp/pwned'), 'x-proxycommand-touch-tmp-pwned');
    assert.equal(slugify('日本'), 'pod');
    assert.equal(slugify('a'.repeat(39) + '-bcd').length, 39, 'no trailing dash after the cut');
    assert.ok(slugify('z'.repeat(100)).length <= 40);
    assert.equal(baseAlias('yotta', 'Train "big" model'), 'gpupods-yotta-train-big-model');
  });

  it('appends a short id suffix when two pods slug the same, keeps existing aliases stable', () => {
    const a = { cloud: 'novita' as const, id: 'abc123def456', name: 'Train' };
    const b = { cloud: 'novita' as const, id: 'zzz999yyy888', name: 'train!' };
    const m = assignAliases([a, b]);
    assert.equal(m.get('novita:abc123def456'), 'gpupods-novita-train-def456');
    assert.equal(m.get('novita:zzz999yyy888'), 'gpupods-novita-train-yyy888');
    // a pod that held the bare alias keeps it when a same-named pod appears
    const m2 = assignAliases([a, b], [{ cloud: 'novita', podId: a.id, alias: 'gpupods-novita-train' }]);
    assert.equal(m2.get('novita:abc123def456'), 'gpupods-novita-train');
    assert.equal(m2.get('novita:zzz999yyy888'), 'gpupods-novita-train-yyy888');
    // a renamed pod gets a new alias; an alias held by a pod outside the batch is not reused
    const m3 = assignAliases(
      [{ ...a, name: 'Eval' }],
      [{ cloud: 'novita', podId: 'other', alias: 'gpupods-novita-eval' }],
    );
    assert.equal(m3.get('novita:abc123def456'), 'gpupods-novita-eval-def456');
    // same names on different clouds do not collide
    const m4 = assignAliases([a, { ...b, cloud: 'yotta' }]);
    assert.deepEqual([...m4.values()], ['gpupods-novita-train', 'gpupods-yotta-train']);
    // ids whose tails are equal still get distinct aliases
    const m5 = assignAliases([
      { ...a, id: 'x-000001' },
      { ...a, id: 'y-000001' },
    ]);
    assert.equal(new Set(m5.values()).size, 2);
  });
});

describe('our host file', () => {
  const e: HostEntry = {
    alias: 'gpupods-yotta-train',
    cloud: 'yotta',
    podId: '362740422811062272',
    host: '203.0.113.7',
    port: 30022,
    user: 'root',
  };

  it('renders one entry with every option and our marker comment', () => {
    const text = renderHostFile([e], OPTS);
    assert.ok(
      text.includes(
        [
          'Host gpupods-yotta-train',
          '  # gpupods: yotta 362740422811062272',
          '  HostName 203.0.113.7',
          '  Port 30022',
          '  User root',
          '  IdentityFile /home/me/.ssh/gpupods/id_ed25519',
          '  IdentitiesOnly yes',
          '  ServerAliveInterval 30',
          '  ServerAliveCountMax 4',
          '  UserKnownHostsFile /home/me/.ssh/gpupods/known_hosts',
          '  StrictHostKeyChecking accept-new',
          '  HostKeyAlias gpupods-yotta-362740422811062272',
        ].join('\n') + '\n',
      ),
      text,
    );
    assert.deepEqual(parseHostFile(text), [e]);
    const computed = SSHConfig.parse(text).compute('gpupods-yotta-train');
    assert.equal(computed.HostName, '203.0.113.7');
  });

  it('an entry written with ControlMaster lines (before our own client sampled) is rewritten without them', () => {
    const old = renderHostFile([e], OPTS).replace(
      '  HostKeyAlias gpupods-yotta-362740422811062272\n',
      '  HostKeyAlias gpupods-yotta-362740422811062272\n  ControlMaster auto\n  ControlPath /home/me/.ssh/gpupods/cm-%C\n  ControlPersist 15m\n',
    );
    assert.match(old, /ControlMaster auto/);
    assert.deepEqual(parseHostFile(old), [e], 'the old entry still maps back to its pod');
    assert.doesNotMatch(renderHostFile(parseHostFile(old), OPTS), /Control/, 'no socket, the same on every desktop');
  });

  it('quotes paths with spaces, a quote or a #, and refuses paths with double quotes or control characters', () => {
    const text = renderHostFile([e], {
      identityFile: '/Users/Jo Doe/.ssh/id',
      knownHostsFile: "/home/o'neil/#ssh/known",
    });
    assert.ok(text.includes('  IdentityFile "/Users/Jo Doe/.ssh/id"\n'));
    assert.ok(text.includes(`  UserKnownHostsFile "/home/o'neil/#ssh/known"\n`));
    for (const bad of ['/tmp/a"b', '/tmp/a\nProxyCommand x', '/tmp/\u0007', 'relative/key']) {
      assert.throws(() => renderHostFile([e], { ...OPTS, identityFile: bad }), ConfigError);
      assert.throws(() => renderHostFile([e], { ...OPTS, knownHostsFile: bad }), ConfigError);
    }
  });

  it('is deterministic: same entries in any order give the same bytes', () => {
    const f = { ...e, alias: 'gpupods-yotta-a', podId: '1' };
    assert.equal(renderHostFile([e, f], OPTS), renderHostFile([f, e], OPTS));
    assert.equal(renderHostFile(parseHostFile(renderHostFile([e, f], OPTS)), OPTS), renderHostFile([e, f], OPTS));
  });

  it('drops hand-edited blocks that fail validation instead of rewriting them', () => {
    const text = `${renderHostFile([e], OPTS)}\nHost gpupods-x\n  # gpupods: yotta 9\n  HostName -oProxyCommand=x\n  Port 22\n  User root\n\nHost mine\n  HostName a\n`;
    assert.deepEqual(parseHostFile(text), [e]);
  });
});

describe('hostile values from a cloud never become config lines', () => {
  const hostile: Array<[string, Parameters<typeof pod>[0]]> = [
    ['host -oProxyCommand=x', { id: '1', ssh: { host: '-oProxyCommand=x', port: 22, user: 'root' } }],
    ['host with a space', { id: '2', ssh: { host: 'a b', port: 22, user: 'root' } }],
    ['host with a newline', { id: '3', ssh: { host: 'a\nProxyCommand touch /tmp/x', port: 22, user: 'root' } }],
    ['port 0', { id: '4', ssh: { host: 'a.example', port: 0, user: 'root' } }],
    ['port 70000', { id: '5', ssh: { host: 'a.example', port: 70000, user: 'root' } }],
    ['port 22.5', { id: '6', ssh: { host: 'a.example', port: 22.5, user: 'root' } }],
    ['user with a newline', { id: '7', ssh: { host: 'a.example', port: 22, user: 'root\nProxyCommand x' } }],
    ['user -l', { id: '8', ssh: { host: 'a.example', port: 22, user: '-oProxyCommand=x' } }],
    ['pod id with a newline', { id: '9\nProxyCommand x' }],
    ['pod id with a space', { id: '1 2' }],
  ];
  for (const [what, p] of hostile) {
    it(`refuses ${what}`, async () => {
      const { fs, s } = store();
      const r = await s.upsert([pod(p)]);
      assert.equal(r.rejected.length, 1);
      assert.ok(r.rejected[0].error instanceof ConfigError);
      assert.ok(!/ProxyCommand/.test(r.rejected[0].error.message), 'the bad value is not echoed');
      assert.deepEqual(await s.list(), []);
      assert.ok(!/ProxyCommand|-o/.test(fs.text(CFG) ?? ''));
      await assert.rejects(s.ensurePod(pod(p)), ConfigError);
    });
  }

  it('sanitises hostile pod names into the alias', async () => {
    const { fs, s } = store();
    const names = ['x\nProxyCommand touch /tmp/pwned', 'he said "hi"', "it's   spaced out", 'Host *'];
    await s.upsert(names.map((name, i) => pod({ id: String(i + 1), name })));
    const text = fs.text(CFG)!;
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('Host ')),
      [
        'Host gpupods-yotta-he-said-hi',
        'Host gpupods-yotta-host',
        'Host gpupods-yotta-it-s-spaced-out',
        'Host gpupods-yotta-x-proxycommand-touch-tmp-pwned',
      ],
    );
    assert.equal(text.split('\n').filter((l) => /^\s*ProxyCommand/i.test(l)).length, 0);
    assert.ok(!text.includes('"hi"') && !text.includes('*'));
  });

  it('never writes a password', async () => {
    const { fs, s } = store();
    await s.upsert([pod({ id: '1', ssh: { host: 'a.example', port: 22, user: 'root', password: 'Sup3rSecret!' } })]);
    assert.ok(!fs.text(CFG)!.includes('Sup3rSecret'));
  });
});

describe('PodHostStore', () => {
  it('a pod without SSH yet is "not reachable", not a broken entry', async () => {
    const { fs, s } = store();
    const r = await s.upsert([pod({ id: '1', ssh: undefined })]);
    assert.equal(r.unreachable.length, 1);
    await assert.rejects(
      s.ensurePod(pod({ id: '1', ssh: undefined })),
      (e: unknown) => e instanceof PodNotReachableError && /not reachable/.test(e.message),
    );
    assert.ok(!/Host /.test(fs.text(CFG) ?? ''));
  });

  it('writes once, then a second identical upsert changes no byte and writes nothing', async () => {
    const { fs, s } = store();
    const pods = [pod({ id: '1', name: 'A' }), pod({ id: '2', name: 'B', cloud: 'novita' })];
    await s.upsert(pods);
    const before = fs.text(CFG);
    assert.equal(fs.files.get(CFG)!.mode, 0o600);
    fs.ops = [];
    await s.upsert(pods);
    assert.equal(fs.text(CFG), before);
    assert.ok(!fs.ops.some((o) => /^(write|rename)/.test(o)));
  });

  it('refreshes an entry when a pod comes back on another host/port, keeping its alias', async () => {
    const { s } = store();
    await s.upsert([pod({ id: '1', name: 'A' })]);
    const r = await s.upsert([pod({ id: '1', name: 'A', ssh: { host: '198.51.100.9', port: 40022, user: 'root' } })]);
    assert.equal(r.refreshed.length, 1);
    assert.deepEqual(await s.list(), [
      { alias: 'gpupods-yotta-a', cloud: 'yotta', podId: '1', host: '198.51.100.9', port: 40022, user: 'root' },
    ]);
    assert.equal(hostKeyAlias(r.refreshed[0]), 'gpupods-yotta-1');
  });

  it("removes a terminated pod; removeOwned takes only the named account's entries", async () => {
    const { s } = store();
    await s.upsert([pod({ id: '1' }), pod({ id: '2' })], { account: 'acc-a' });
    await s.upsert([pod({ id: '3' })], { account: 'acc-b' });
    await s.upsert([pod({ id: '4' })]);
    assert.deepEqual(
      (await s.remove([{ cloud: 'yotta', id: '2' }])).map((e) => e.podId),
      ['2'],
    );
    const asked = ['1', '3', '4'].map((id) => ({ cloud: 'yotta' as const, id }));
    assert.deepEqual(
      (await s.removeOwned('acc-a', asked)).map((e) => e.podId),
      ['1'],
    );
    assert.deepEqual(
      (await s.list()).map((e) => [e.podId, e.account]),
      [
        ['3', 'acc-b'],
        ['4', undefined],
      ],
    );
  });

  it('two windows writing at once lose nothing', async () => {
    const dir = await tempDir();
    try {
      const cfg = join(dir, 'gpupods', 'config');
      const stores = Array.from(
        { length: 8 },
        () => new PodHostStore({ fs: nodeSshFs, configPath: cfg, ...OPTS, lock: { retryMs: 2 } }),
      );
      await Promise.all(stores.map((st, i) => st.upsert([pod({ id: String(100 + i), name: `w${i}` })])));
      const ids = (await stores[0].list()).map((e) => e.podId).sort();
      assert.deepEqual(ids, ['100', '101', '102', '103', '104', '105', '106', '107']);
      assert.equal((await fsp.stat(join(dir, 'gpupods'))).mode & 0o777, 0o700);
      assert.equal((await fsp.stat(cfg)).mode & 0o777, 0o600);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('two processes writing at once lose nothing', async () => {
    const dir = await tempDir();
    try {
      const cfg = join(dir, 'config');
      const mod = resolve(__dirname, '../../../src/core/ssh/hostEntries.js');
      const io = resolve(__dirname, '../../../src/core/ssh/io.js');
      const script = (tag: string) => `
        const { PodHostStore } = require(${JSON.stringify(mod)});
        const { nodeSshFs } = require(${JSON.stringify(io)});
        const s = new PodHostStore({ fs: nodeSshFs, configPath: ${JSON.stringify(cfg)}, identityFile: '/k', knownHostsFile: '/kh', lock: { retryMs: 1 } });
        (async () => {
          for (let i = 0; i < 15; i++) {
            await s.upsert([{ cloud: 'novita', kind: 'pod', id: '${tag}' + i, name: '${tag}' + i, status: 'running', rawStatus: '', ports: [], details: [],
              ssh: { host: '10.0.0.1', port: 2000 + i, user: 'root' } }]);
          }
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const runs = await Promise.all(
        ['a', 'b'].map((t) => nodeProcessRunner.run(process.execPath, ['-e', script(t)], { timeoutMs: 30_000 })),
      );
      for (const r of runs) assert.equal(r.code, 0, r.stderr);
      const ids = (
        await new PodHostStore({ fs: nodeSshFs, configPath: cfg, identityFile: '/k', knownHostsFile: '/kh' }).list()
      ).map((e) => e.podId);
      assert.equal(ids.length, 30);
      assert.deepEqual(await fsp.readdir(dir), ['config'], 'no lock or temp file left');
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('our host file as Windows, macOS and Linux read it', () => {
  for (const d of desktops()) {
    it(`${d.label}: IdentityFile and UserKnownHostsFile name the files as that OpenSSH reads them`, async () => {
      const fs = d.fs();
      const keys = d.platform.path.join(d.platform.homeDir, "Ann's keys", 'id_ed25519');
      const store = new PodHostStore({
        fs,
        platform: d.platform,
        configPath: d.expect.hostFile,
        identityFile: d.platform.path.join(d.sshDir, 'gpupods_ed25519'),
        knownHostsFile: d.platform.path.join(d.sshDir, 'gpupods', 'known_hosts'),
      });
      await store.upsert([pod({ id: '1', name: 'Trainer' })]);
      const text = fs.text(d.expect.hostFile)!;
      assert.ok(text.includes(`  ${d.expect.identityLine}\n`), text);
      assert.ok(text.includes(`  ${d.expect.knownHostsLine}\n`), text);
      assert.ok(fs.ops.includes(`mkdir ${d.platform.path.join(d.sshDir, 'gpupods')} 700`), 'our folder, made private');
      // a key in a folder with an apostrophe: quoted, so every OpenSSH reads one path
      const other = renderHostFile(await store.list(), {
        platform: d.platform,
        identityFile: keys,
        knownHostsFile: d.platform.path.join(d.sshDir, 'gpupods', 'known_hosts'),
      });
      const expected = {
        win32: `IdentityFile "C:/Users/Ann Lee/Ann's keys/id_ed25519"`,
        darwin: `IdentityFile "/Users/ann/Ann's keys/id_ed25519"`,
        linux: `IdentityFile "/home/ann/Ann's keys/id_ed25519"`,
      }[d.os];
      assert.ok(other.includes(`  ${expected}\n`), other);
    });
  }

  it('as Windows: a % in a path is written %%, which ssh reads back as %, and a path without a drive is refused', () => {
    const [win] = desktops();
    const e: HostEntry = {
      alias: 'gpupods-yotta-a',
      cloud: 'yotta',
      podId: '1',
      host: '203.0.113.7',
      port: 22,
      user: 'root',
    };
    const text = renderHostFile([e], {
      platform: win.platform,
      identityFile: 'C:\\Users\\ann\\100%\\id',
      knownHostsFile: 'D:\\ssh\\known_hosts',
    });
    assert.ok(text.includes('  IdentityFile C:/Users/ann/100%%/id\n'), text);
    assert.ok(text.includes('  UserKnownHostsFile D:/ssh/known_hosts\n'), text);
    assert.throws(
      () => renderHostFile([e], { platform: win.platform, identityFile: '/home/ann/id', knownHostsFile: 'D:\\k' }),
      (err: unknown) => err instanceof ConfigError && err.setting === 'gpuPods.ssh.identityFile',
    );
  });

  it('as Linux: the real ssh reads back the key path we wrote, apostrophe and spaces included', async () => {
    const dir = await tempDir();
    try {
      const linux = platformFor('linux', { homeDir: dir });
      const key = join(dir, "Ann Lee's keys", 'id_ed25519');
      const cfg = join(dir, 'gpupods', 'config');
      const s = new PodHostStore({
        fs: nodeSshFs,
        platform: linux,
        configPath: cfg,
        identityFile: key,
        knownHostsFile: join(dir, 'gpupods', '100% known_hosts'),
      });
      const entry = await s.ensurePod(pod({ id: '1', name: 'Trainer' }));
      const r = await nodeProcessRunner.run('ssh', ['-G', '-F', cfg, entry.alias], { timeoutMs: 15_000 });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^identityfile ${escapeRe(key)}$`, 'm'));
      assert.match(
        r.stdout,
        new RegExp(`^userknownhostsfile ${escapeRe(join(dir, 'gpupods', '100% known_hosts'))}$`, 'm'),
      );
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
