import * as assert from 'node:assert/strict';
import { promises as fsp, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../src/core/errors';
import { platformFor } from '../../../src/core/platform/platform';
import { nodeSshFs } from '../../../src/core/ssh/io';
import {
  BEGIN_MARKER,
  END_MARKER,
  includeLine,
  installInclude,
  manualIncludeStatus,
  withInclude,
} from '../../../src/core/ssh/userConfig';
import { desktops } from './desktops';
import { fixturesDir, MemFs, tempDir } from './helpers';

const OURS = '/home/me/.ssh/gpupods/config';
const OURS2 = '/home/me/Library/Application Support/gpupods/config';

/** Each fixture as written, and the byte-level variants real files come in. */
function corpus(): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (const name of readdirSync(fixturesDir())
    .filter((n) => n.endsWith('.config'))
    .sort()) {
    const raw = readFileSync(join(fixturesDir(), name));
    const lf = raw
      .toString('latin1')
      .replace(/^\xef\xbb\xbf/, '')
      .replace(/\r\n/g, '\n');
    const variants: Record<string, string> = {
      '': raw.toString('latin1'),
      crlf: lf.replace(/\n/g, '\r\n'),
      bom: '\xef\xbb\xbf' + lf,
      'no-final-newline': lf.replace(/\n+$/, ''),
      'bom+crlf+no-final-newline': '\xef\xbb\xbf' + lf.replace(/\n+$/, '').replace(/\n/g, '\r\n'),
    };
    for (const [v, text] of Object.entries(variants))
      out.push([`${name}${v ? ` (${v})` : ''}`, Buffer.from(text, 'latin1')]);
  }
  // bytes that are not UTF-8 at all (a latin1 comment) and a lone CR must survive too
  out.push([
    'invalid-utf8',
    Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a, 0x48, 0x6f, 0x73, 0x74, 0x20, 0x78, 0x0d, 0x0a, 0x0d]),
  ]);
  return out;
}

/** The text with our three lines taken out by hand, independent of the code under test. */
function stripOurs(withBom: string): string {
  const bom = withBom.startsWith('\xef\xbb\xbf') ? '\xef\xbb\xbf' : '';
  const text = withBom.slice(bom.length);
  const lines = text.split(/(?<=\n)/);
  const b = lines.findIndex((l) => l.trim() === BEGIN_MARKER);
  const e = lines.findIndex((l) => l.trim() === END_MARKER);
  assert.ok(b >= 0 && e === b + 2, 'our block is three lines');
  const rest = [...lines.slice(0, b), ...lines.slice(e + 1)].join('');
  // appended after a last line without a break: take back the one break we added, in our lines' style
  // (a lone CR the user's file ended with is theirs)
  const ourBreak = lines[b].endsWith('\r\n') ? '\r\n' : '\n';
  const appended = e === lines.length - 1 && !lines[e].endsWith('\n') && rest.endsWith(ourBreak);
  return bom + (appended ? rest.slice(0, -ourBreak.length) : rest);
}

function firstSectionIndex(lines: string[]): number {
  return lines.findIndex((l) => /^\s*(host|match)(\s|=)/i.test(l));
}

describe('user ssh config: managed Include', () => {
  for (const [name, bytes] of corpus()) {
    it(`keeps every byte of ${name} through write, update and rewrite, as Windows, macOS and Linux`, () => {
      const original = bytes.toString('latin1');
      for (const d of desktops()) {
        const ours = d.expect.hostFile;
        const elsewhere = d.platform.path.join(
          d.platform.homeDir,
          'Library',
          'Application Support',
          'gpupods',
          'config',
        );
        const o = { platform: d.platform };
        const written = withInclude(original, ours, o);
        assert.equal(stripOurs(written), original, `${d.label}: only our lines were added`);
        const lines = written.replace(/^\xef\xbb\xbf/, '').split(/\r?\n/);
        const begin = lines.findIndex((l) => l === BEGIN_MARKER);
        const section = firstSectionIndex(lines);
        if (section >= 0) assert.ok(begin < section, 'block is before the first Host/Match line');
        assert.equal(lines[begin + 1], d.expect.includeLine, `${d.label}: the line its OpenSSH reads`);
        if (/^[^\n]*\r\n/.test(original)) {
          const block = written.slice(
            written.indexOf(BEGIN_MARKER),
            written.indexOf(END_MARKER) + END_MARKER.length + 2,
          );
          assert.doesNotMatch(
            block,
            /(^|[^\r])\n/,
            `${d.label}: a CRLF file gets CRLF lines: ${JSON.stringify(block)}`,
          );
        }
        assert.equal(withInclude(written, ours, o), written, 'a second write changes nothing');
        const updated = withInclude(written, elsewhere, o);
        assert.equal(stripOurs(updated), original, `${d.label}: moving our file changes only our line`);
        assert.ok(updated.includes(Buffer.from(includeLine(elsewhere, d.platform), 'utf8').toString('latin1')));
        assert.equal(stripOurs(withInclude(updated, ours, o)), original, `${d.label}: and back`);
      }
    });
  }

  it('places the block before the comments that describe the first Host', () => {
    const text = '# global\nControlMaster auto\n\n# the NAS\nHost nas\n';
    assert.equal(
      withInclude(text, OURS),
      `# global\nControlMaster auto\n\n${BEGIN_MARKER}\n${includeLine(OURS)}\n${END_MARKER}\n# the NAS\nHost nas\n`,
    );
  });

  it('moves a block that ended up after a Host line back to the top', () => {
    const text = `Host a\n  User x\n${BEGIN_MARKER}\n${includeLine(OURS)}\n${END_MARKER}\n`;
    assert.equal(withInclude(text, OURS), `${BEGIN_MARKER}\n${includeLine(OURS)}\n${END_MARKER}\nHost a\n  User x\n`);
  });

  const broken: Record<string, string> = {
    'only a begin marker': `${BEGIN_MARKER}\nInclude x\nHost a\n`,
    'only an end marker': `Include x\n${END_MARKER}\nHost a\n`,
    'duplicated markers': `${BEGIN_MARKER}\nInclude x\n${END_MARKER}\n${BEGIN_MARKER}\nInclude y\n${END_MARKER}\n`,
    'markers out of order': `${END_MARKER}\nInclude x\n${BEGIN_MARKER}\n`,
  };
  for (const [what, text] of Object.entries(broken)) {
    it(`refuses ${what} with a ConfigError and writes nothing`, async () => {
      assert.throws(
        () => withInclude(text, OURS),
        (e: unknown) => e instanceof ConfigError && /markers/.test(e.message) && /Edit /.test(e.message),
      );
      const fs = new MemFs();
      await fs.mkdir('/h/.ssh', 0o700);
      fs.files.set('/h/.ssh/config', { data: Buffer.from(text), mode: 0o644, mtimeMs: 0 });
      await assert.rejects(installInclude(fs, '/h/.ssh/config', OURS), ConfigError);
      assert.equal(fs.text('/h/.ssh/config'), text);
      assert.ok(!fs.ops.some((o) => o.startsWith('write') || o.startsWith('rename')));
    });
  }

  it('refuses a path with a quote or a newline', () => {
    assert.throws(() => includeLine('/tmp/a"b/config'), ConfigError);
    assert.throws(() => includeLine('/tmp/a\nProxyCommand x/config'), ConfigError);
    assert.throws(() => withInclude('', '/tmp/x\r\n'), ConfigError);
  });
});

describe('user ssh config: writing the file', () => {
  it('writes a temp file in the same folder, then renames it; keeps the mode', async () => {
    const fs = new MemFs();
    await fs.mkdir('/h/.ssh', 0o700);
    fs.files.set('/h/.ssh/config', { data: Buffer.from('Host a\n'), mode: 0o644, mtimeMs: 0 });
    fs.ops = [];
    assert.equal(await installInclude(fs, '/h/.ssh/config', OURS), true);
    const writes = fs.ops.filter((o) => /^(write|chmod|rename)/.test(o));
    assert.match(writes[0], /^write \/h\/\.ssh\/config\.gpupods-\d+-[0-9a-f]+\.tmp 644$/);
    assert.match(writes[1], /^chmod \/h\/\.ssh\/config\.gpupods-.*\.tmp 644$/);
    assert.match(writes[2], /^rename \/h\/\.ssh\/config\.gpupods-.*\.tmp -> \/h\/\.ssh\/config$/);
    assert.equal(fs.files.get('/h/.ssh/config')!.mode, 0o644);
    assert.ok(!fs.files.has('/h/.ssh/config.gpupods.lock'), 'lock released');
    fs.ops = [];
    assert.equal(await installInclude(fs, '/h/.ssh/config', OURS), false, 'second write is a no-op');
    assert.ok(!fs.ops.some((o) => /^(write|rename)/.test(o)));
  });

  it('creates a missing ~/.ssh 0700 and a new config 0600', async () => {
    const fs = new MemFs();
    await installInclude(fs, '/h/.ssh/config', OURS);
    assert.ok(fs.ops.includes('mkdir /h/.ssh 700'));
    assert.equal(fs.files.get('/h/.ssh/config')!.mode, 0o600);
    assert.equal(fs.text('/h/.ssh/config'), `${BEGIN_MARKER}\n${includeLine(OURS)}\n${END_MARKER}\n`);
  });

  it('removes the temp file and keeps the original when the rename fails', async () => {
    const fs = new MemFs();
    await fs.mkdir('/h/.ssh', 0o700);
    fs.files.set('/h/.ssh/config', { data: Buffer.from('Host a\n'), mode: 0o600, mtimeMs: 0 });
    fs.failNext.set('rename', 'EXDEV');
    await assert.rejects(installInclude(fs, '/h/.ssh/config', OURS), /Could not write/);
    assert.equal(fs.text('/h/.ssh/config'), 'Host a\n');
    assert.deepEqual(
      [...fs.files.keys()].filter((k) => k.includes('.tmp') || k.endsWith('.lock')),
      [],
    );
  });

  it('refuses an unreadable config', async () => {
    const fs = new MemFs();
    await fs.mkdir('/h/.ssh', 0o700);
    fs.files.set('/h/.ssh/config', { data: Buffer.from('Host a\n'), mode: 0o644, mtimeMs: 0 });
    fs.failNext.set('readFile', 'EACCES');
    await assert.rejects(
      installInclude(fs, '/h/.ssh/config', OURS),
      (e: unknown) => e instanceof ConfigError && /EACCES/.test(e.message),
    );
    assert.ok(!fs.ops.some((o) => /^(write|rename)/.test(o)));
  });

  describe('on the real file system', () => {
    let dir: string;
    beforeEach(async () => (dir = await tempDir()));
    afterEach(async () => fsp.rm(dir, { recursive: true, force: true }));

    it('keeps mode 0640, gives a new file 0600 and a new folder 0700', async () => {
      const cfg = join(dir, 'config');
      await fsp.writeFile(cfg, 'Host a\r\n');
      await fsp.chmod(cfg, 0o640);
      await installInclude(nodeSshFs, cfg, OURS);
      assert.equal((await fsp.stat(cfg)).mode & 0o777, 0o640);
      const fresh = join(dir, 'new', '.ssh', 'config');
      await installInclude(nodeSshFs, fresh, OURS);
      assert.equal((await fsp.stat(fresh)).mode & 0o777, 0o600);
      assert.equal((await fsp.stat(join(dir, 'new', '.ssh'))).mode & 0o777, 0o700);
      assert.deepEqual((await fsp.readdir(dir)).sort(), ['config', 'new'], 'no temp or lock file left');
    });

    it('a config ending in a lone CR keeps that byte through add and update (byte-exact)', async () => {
      const cfg = join(dir, 'config');
      const endings = [
        'ServerAliveInterval 60\r',
        '# a\nServerAliveInterval 60\r',
        '# a\r\nServerAliveInterval 60\r',
        '\xef\xbb\xbfServerAliveInterval 60\r',
        '\r',
        'ServerAliveInterval 60\r\r',
        'ServerAliveInterval 60\r\n\r',
      ];
      for (const text of endings) {
        const original = Buffer.from(text, 'latin1');
        await fsp.writeFile(cfg, original);
        assert.equal(await installInclude(nodeSshFs, cfg, OURS), true);
        assert.ok((await fsp.readFile(cfg)).includes(includeLine(OURS)));
        assert.equal(await installInclude(nodeSshFs, cfg, OURS2), true);
        const written = (await fsp.readFile(cfg)).toString('latin1');
        assert.equal(stripOurs(written), text, `bytes of ${JSON.stringify(text)} survive`);
      }
    });

    it('refuses a symlinked config and writes nothing through it', async () => {
      const real = join(dir, 'dotfiles-config');
      await fsp.writeFile(real, 'Host a\n');
      await fsp.symlink(real, join(dir, 'config'));
      await assert.rejects(
        installInclude(nodeSshFs, join(dir, 'config'), OURS),
        (e: unknown) => e instanceof ConfigError && /symbolic link/.test(e.message),
      );
      assert.equal(await fsp.readFile(real, 'utf8'), 'Host a\n');
      assert.ok((await fsp.lstat(join(dir, 'config'))).isSymbolicLink());
    });

    it('refuses a read-only config and a folder in its place', async () => {
      const cfg = join(dir, 'config');
      await fsp.writeFile(cfg, 'Host a\n');
      await fsp.chmod(cfg, 0o444);
      await assert.rejects(
        installInclude(nodeSshFs, cfg, OURS),
        (e: unknown) => e instanceof ConfigError && /read-only/.test(e.message),
      );
      assert.equal(await fsp.readFile(cfg, 'utf8'), 'Host a\n');
      await fsp.mkdir(join(dir, 'dir-config'));
      await assert.rejects(installInclude(nodeSshFs, join(dir, 'dir-config'), OURS), /not a regular file/);
    });

    it('two writers at once: both updates survive, one lock at a time', async () => {
      const cfg = join(dir, 'config');
      await fsp.writeFile(cfg, '# mine\nHost a\n');
      // one installs, one removes and re-installs with another path, many times, interleaved
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => installInclude(nodeSshFs, cfg, i % 2 ? OURS : OURS2, { retryMs: 2 })),
      );
      const text = await fsp.readFile(cfg, 'latin1');
      assert.equal(stripOurs(text), '# mine\nHost a\n');
      assert.deepEqual((await fsp.readdir(dir)).sort(), ['config']);
    });

    it('breaks a stale lock left by a crashed writer', async () => {
      const cfg = join(dir, 'config');
      await fsp.writeFile(join(dir, 'config.gpupods.lock'), '999999 0\n');
      const old = new Date(Date.now() - 60_000);
      await fsp.utimes(join(dir, 'config.gpupods.lock'), old, old);
      assert.equal(await installInclude(nodeSshFs, cfg, OURS), true);
    });

    it('gives up with a clear message while a fresh lock is held', async () => {
      const cfg = join(dir, 'config');
      await fsp.writeFile(join(dir, 'config.gpupods.lock'), `${process.pid} ${Date.now()}\n`);
      await assert.rejects(
        installInclude(nodeSshFs, cfg, OURS, { timeoutMs: 100 }),
        /Another GPU Pods window is writing/,
      );
      await assert.rejects(fsp.stat(cfg), /ENOENT/);
    });
  });
});

describe('"never touch my config" mode', () => {
  const linux = platformFor('linux', { homeDir: '/home/me' });
  async function status(text: string | undefined, platform = linux, ours = OURS) {
    const fs = new MemFs(platform.path);
    const config = platform.path.join(platform.homeDir, '.ssh', 'config');
    if (text !== undefined) fs.put(config, text);
    const s = await manualIncludeStatus(fs, config, ours, platform);
    assert.ok(!fs.ops.some((o) => /^(write|rename|lock)/.test(o)), 'reads only');
    return s;
  }
  it('gives the line to add and sees whether it is there', async () => {
    assert.deepEqual(await status(undefined), { line: `Include "${OURS}"`, present: false, misplaced: false });
    assert.equal((await status(`Include "${OURS}"\nHost a\n`)).present, true);
    assert.equal((await status(`include ~/.ssh/gpupods/config\nHost a\n`)).present, true);
    assert.equal((await status(`Include other gpupods/config\nHost a\n`)).present, true, 'relative to ~/.ssh');
    assert.deepEqual(await status(`Host a\nInclude ${OURS}\n`), {
      line: `Include "${OURS}"`,
      present: false,
      misplaced: true,
    });
  });

  it('as Windows: sees the Include however the user wrote it — backslashes, either case, ~, relative, quoted', async () => {
    const [win] = desktops();
    const ours = win.expect.hostFile;
    const present = (text: string) => status(text, win.platform, ours).then((st) => st.present);
    assert.deepEqual(await status(undefined, win.platform, ours), {
      line: win.expect.includeLine,
      present: false,
      misplaced: false,
    });
    assert.equal(await present('Include "C:\\Users\\Ann Lee\\.ssh\\gpupods\\config"\r\nHost a\r\n'), true);
    assert.equal(await present('Include "c:/users/ann lee/.ssh/GPUPODS/config"\r\n'), true, 'Windows ignores case');
    assert.equal(await present('Include ~\\.ssh\\gpupods\\config\r\n'), true);
    assert.equal(await present('Include gpupods\\config\r\n'), true, 'relative to %USERPROFILE%\\.ssh');
    assert.equal(await present('Include C:/Users/Ann\\ Lee/.ssh/gpupods/config\r\n'), true, 'an escaped space');
    assert.equal(await present('Include C:\\Users\\Ann Lee\\.ssh\\gpupods\\config\r\n'), false, 'two words');
    assert.equal(await present('# Include "C:/Users/Ann Lee/.ssh/gpupods/config"\r\n'), false, 'a comment');
  });

  it('as macOS: a relative Include is under /Users/<name>/.ssh', async () => {
    const mac = desktops()[1];
    const st = await status('Include gpupods/config\nHost a\n', mac.platform, mac.expect.hostFile);
    assert.deepEqual(st, { line: mac.expect.includeLine, present: true, misplaced: false });
  });
});
