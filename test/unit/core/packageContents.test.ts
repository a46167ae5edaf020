import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { CLOUD_IDS } from '../../../src/core/cloudIds';

const root = join(__dirname, '../../../..');

interface Manifest {
  main: string;
  icon?: string;
  repository?: { url: string };
  scripts: Record<string, string>;
  vsce?: Record<string, unknown>;
  contributes: {
    viewsContainers?: Record<string, Array<{ icon?: string }>>;
    views?: Record<string, Array<{ icon?: string }>>;
    walkthroughs?: Array<{ steps: Array<{ media: Record<string, unknown> }> }>;
    jsonValidation?: Array<{ url: string }>;
  };
}

/** vsce options that package anyway what would be broken or incomplete on the Marketplace. */
const HIDING = [
  'allow-missing-repository',
  'no-rewrite-relative-links',
  'allow-unused-files-pattern',
  'allow-star-activation',
  'allow-package-secrets',
  'allow-package-all-secrets',
  'allow-package-env-file',
  'skip-license',
];
const camel = (flag: string) => flag.replace(/^no-/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The entries of a zip file (a .vsix) by name; enough of the format for what vsce writes (stored or deflated). */
function readZip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip file`);
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16); // the central directory
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The files a walkthrough step shows: `markdown`, `svg`, or `image` (one path or one per theme). */
function mediaFiles(media: Record<string, unknown>): unknown[] {
  const { markdown, svg, image } = media;
  return [markdown, svg, ...(typeof image === 'object' && image ? Object.values(image) : [image])];
}

/** The files the manifest shows: the icons (not codicons), every walkthrough page and the JSON schemas. */
function referencedFiles(manifest: Manifest): string[] {
  const { contributes } = manifest;
  return [
    manifest.icon,
    ...Object.values(contributes.viewsContainers ?? {}).flatMap((list) => list.map((c) => c.icon)),
    ...Object.values(contributes.views ?? {}).flatMap((list) => list.map((v) => v.icon)),
    ...(contributes.walkthroughs ?? []).flatMap((w) => w.steps.flatMap((s) => mediaFiles(s.media))),
    ...(contributes.jsonValidation ?? []).map((v) => v.url.replace(/^\.\//, '')),
  ].filter((f): f is string => typeof f === 'string' && !f.startsWith('$('));
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', 'not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the packaged extension (.vsix), as a plain `vsce package` makes it on a fresh clone', function () {
  // A fresh clone: the files git would commit (no dist/, no out/), with the installed node_modules.
  this.timeout(120_000);
  let clone: string;
  let vsix: Map<string, Buffer>;
  let files: string[];
  let manifest: Manifest;

  before(() => {
    clone = mkdtempSync(join(tmpdir(), 'gpu-pods-vsix-'));
    const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => f && f !== 'node_modules' && existsSync(join(root, f)));
    for (const file of tracked) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      copyFileSync(join(root, file), join(clone, file));
    }
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'junction');
    try {
      // No option at all: what `npx vsce package` and `vsce publish` do.
      execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--out', 'gpu-pods.vsix'], {
        cwd: clone,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      const { stdout, stderr } = e as { stdout?: string; stderr?: string };
      throw new Error(`vsce package failed on a fresh clone:\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: e });
    }
    vsix = readZip(join(clone, 'gpu-pods.vsix'));
    files = [...vsix.keys()].filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
    manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as Manifest;
  });

  after(() => clone && rmSync(clone, { recursive: true, force: true }));

  it('needs no flag that hides a problem, and builds the production bundle itself (vscode:prepublish)', () => {
    const used = HIDING.filter(
      (flag) => manifest.scripts.package.includes(`--${flag}`) || manifest.vsce?.[camel(flag)] !== undefined,
    );
    assert.deepEqual(used, [], 'packaging hides a problem');
    // The clone had no dist/: the bundles come from vscode:prepublish, minified and without source maps.
    const entry = vsix.get(`extension/${manifest.main.replace(/^\.\//, '')}`)?.toString('utf8');
    assert.ok(entry, `the entry ${manifest.main} is not packaged`);
    assert.doesNotMatch(entry, /sourceMappingURL/, 'the packaged entry is a development build');
  });

  it('holds the bundles, the manifest, the icons and walkthrough pages, and nothing else', () => {
    for (const needed of [
      'package.json',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
      'dist/extension.js',
      'dist/gpuPods.js',
      'dist/ssh.js',
      'l10n/bundle.l10n.json',
    ]) {
      assert.ok(files.includes(needed), `${needed} is packaged`);
    }
    // Exactly the registered clouds' bundles (src/providers/clouds.ts), no stale one from a removed cloud.
    assert.deepEqual(
      files.filter((f) => f.startsWith('dist/clouds/')).sort(),
      CLOUD_IDS.map((cloud) => `dist/clouds/${cloud}.js`).sort(),
    );
    const unwanted = files.filter((f) =>
      /^(src|test|out|scripts|docs|node_modules|\.vscode-test|test-artifacts)\/|\.map$|\.ts$/.test(f),
    );
    assert.deepEqual(unwanted, []);
    // Every file under media/ is one the manifest uses: no README screenshot, no icon source.
    const used = referencedFiles(manifest);
    assert.deepEqual(
      files.filter((f) => f.startsWith('media/')).sort(),
      [...new Set(used.filter((f) => f.startsWith('media/')))].sort(),
    );
    // The JSON schemas the manifest contributes (jsonValidation), and no other file under schemas/.
    assert.deepEqual(
      files.filter((f) => f.startsWith('schemas/')).sort(),
      used.filter((f) => f.startsWith('schemas/')).sort(),
    );
    assert.ok(
      existsSync(join(root, 'media/screenshots')) && existsSync(join(root, 'docs/icon.svg')),
      'what this test keeps out of the package has moved',
    );
  });

  it('carries every file its manifest refers to, so nothing shows as %key% or a missing picture once installed', () => {
    const packaged = (file: string) => files.includes(file.replace(/^\.\//, ''));
    const text = readFileSync(join(clone, 'package.json'), 'utf8');
    // Every %key% in the manifest resolves from the packaged package.nls.json (VS Code reads no other file).
    const keys = [...new Set([...text.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]))];
    assert.ok(keys.length > 0, 'the manifest has no %key% strings (has localisation moved?)');
    assert.ok(packaged('package.nls.json'), 'package.nls.json is not packaged: every title would read %key%');
    const nls = JSON.parse(vsix.get('extension/package.nls.json')!.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(
      keys.filter((k) => typeof nls[k] !== 'string'),
      [],
      'manifest keys the packaged package.nls.json does not resolve',
    );
    // The code's translations, the icons and every walkthrough page the manifest names.
    const l10nDir = String((JSON.parse(text) as { l10n?: string }).l10n ?? '');
    assert.ok(l10nDir && packaged(`${l10nDir.replace(/^\.\//, '')}/bundle.l10n.json`), 'the l10n bundle is packaged');
    assert.deepEqual(
      referencedFiles(manifest).filter((f) => !packaged(f)),
      [],
      'files the manifest names but the package leaves out',
    );
  });

  it('has a Marketplace icon: a square PNG of at least 128 px', () => {
    assert.match(manifest.icon ?? '', /\.png$/, 'the Marketplace takes no SVG icon');
    const png = vsix.get(`extension/${manifest.icon}`);
    assert.ok(png, `${manifest.icon} is not packaged`);
    const { width, height } = pngSize(png);
    assert.equal(width, height);
    assert.ok(width >= 128, `${width} px`);
  });

  it("shows the README's pictures on the Marketplace: every image is an absolute URL to a file in the repository", () => {
    const readme = vsix.get('extension/readme.md')?.toString('utf8') ?? '';
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src=["']([^"']+)/g)].map(
      (m) => m[1] ?? m[2],
    );
    assert.ok(images.length > 0, 'the README shows no picture (has it moved?)');
    const repository = (manifest.repository?.url ?? '').replace(/\.git$/, '');
    assert.match(repository, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    for (const image of images) {
      const prefix = `${repository}/raw/HEAD/`;
      assert.ok(image.startsWith(prefix), `${image} is not served from ${prefix}`);
      const file = image.slice(prefix.length);
      assert.ok(existsSync(join(clone, file)), `${file} is not a file of the repository`);
    }
    // vsce points every relative link at the repository too; each must name a file there.
    for (const [link] of readme.matchAll(/https:\/\/github\.com\/[^\s)]+?\/(?:blob|raw)\/HEAD\/[^\s)#]+/g)) {
      assert.ok(link.startsWith(repository), `${link} points at another repository`);
      const file = decodeURIComponent(link.replace(/^.*?\/(?:blob|raw)\/HEAD\//, ''));
      assert.ok(existsSync(join(clone, file)), `${link} names no file of the repository`);
    }
  });

  it('never packages the test entry the integration suites use', () => {
    // The integration suites run GPU Pods through a test entry that hands out its services; it must never ship.
    assert.ok(
      existsSync(join(root, 'test/integration/support/testExtension.ts')),
      'the test entry this test guards against has moved',
    );
    assert.deepEqual(
      files.filter((f) => /testExtension|(^|\/)main\.js$|extension\/package\.json$/.test(f)),
      [],
      'the test entry is packaged',
    );
    assert.equal(manifest.main, './dist/extension.js', 'the packaged entry is the shipped bundle');
  });
});
