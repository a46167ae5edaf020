// The proof that adding a cloud is the checklist in docs/contributing-providers.md: a throwaway sixth cloud is
// built from docs/provider-template/ in a temp copy of the repository, with the lines the checklist shows, and
// runs through every check `npm test` runs (type check, lint, build, translations, unit tests); each step left
// out fails loudly, naming the cloud and the missing piece.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import ts from 'typescript';
import type * as ImportCyclesModule from '../../../scripts/checks/importCycles.mjs';
import type * as L10nScript from '../../../scripts/l10n.mjs';
import { SIMULATED_CLOUDS, simulatorSettings } from '../../simulator/clouds';
import { bareErrorMessages } from '../l10nChecks';
import { checks, repoRoot } from './checks';

const TEMPLATE = join(repoRoot, 'docs/provider-template');
const CHECKLIST = join(repoRoot, 'docs/contributing-providers.md');
const ID = 'sixth';

const load = <T>(file: string) => import(pathToFileURL(join(repoRoot, file)).href) as Promise<T>;

/** The template's placeholder names, as the checklist tells a contributor to replace them. */
const named = (text: string) =>
  text
    .replace(/mycloud/g, ID)
    .replace(/MyCloud/g, 'Sixth')
    .replace(/My Cloud/g, 'Sixth Cloud');

/** The checklist's ```ts blocks, each without the indentation of its list item. */
function codeBlocks(): string[] {
  const blocks: string[] = [];
  let open: { indent: string; lines: string[] } | undefined;
  for (const line of readFileSync(CHECKLIST, 'utf8').split('\n')) {
    const fence = /^( *)```(ts)?$/.exec(line);
    if (open && fence && fence[1] === open.indent && !fence[2]) {
      blocks.push(open.lines.join('\n'));
      open = undefined;
    } else if (open) open.lines.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line);
    else if (fence?.[2]) open = { indent: fence[1], lines: [] };
  }
  return blocks;
}

/** The one block of the checklist that shows `containing`, named for the sixth cloud (with a final newline). */
function checklistBlock(containing: string): string {
  const found = codeBlocks().filter((b) => b.includes(containing));
  assert.equal(found.length, 1, `docs/contributing-providers.md shows "${containing}" in one code block`);
  return `${named(found[0])}\n`;
}

/** Puts `text` into `file` where `at` matches (`$1` and `$2` keep the match's groups); fails if it did not go in. */
function splice(file: string, at: RegExp, replacement: string, what: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(at, replacement);
  assert.ok(after !== before, `${what} went in (${file} changed shape?)`);
  writeFileSync(file, after);
}

/** The template's files under `from`, named, written under `to` (its `test/` and the settings stay out). */
function copyTemplate(from: string, to: string, extra?: (file: string, text: string) => string): string[] {
  mkdirSync(to, { recursive: true });
  return readdirSync(join(TEMPLATE, from), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const text = named(readFileSync(join(TEMPLATE, from, e.name), 'utf8'));
      writeFileSync(join(to, e.name), extra ? extra(e.name, text) : text);
      return join(to, e.name);
    });
}

interface Steps {
  cloudId?: boolean;
  registryLine?: boolean;
  settings?: boolean;
  simulatorLine?: boolean;
  /** Text appended to the cloud's index.ts / info.ts: a mistake to be caught. */
  indexExtra?: string;
  infoExtra?: string;
}

/**
 * Does the checklist in the tree at `root`: the cloud's folder, its id, its registry line, its settings (with
 * the next free `order` and their English texts), its simulator and simulator line, and — where the tree has
 * them — its bench line and its provider test. Returns the files it wrote or changed.
 */
function walkChecklist(root: string, steps: Steps = {}): string[] {
  const { cloudId = true, registryLine = true, settings = true, simulatorLine = true } = steps;
  const touched: string[] = [];

  // 1. The cloud's folder: info.ts (static facts) and its client.
  touched.push(
    ...copyTemplate('', join(root, 'src/providers', ID), (file, text) => {
      if (file === 'index.ts') return text + (steps.indexExtra ?? '');
      if (file === 'info.ts') return text + (steps.infoExtra ?? '');
      return text;
    }),
  );

  // 2. Its id, at the end of CLOUD_IDS.
  if (cloudId) {
    const file = join(root, 'src/core/cloudIds.ts');
    assert.match(readFileSync(CHECKLIST, 'utf8'), /Add `'mycloud'` at the end of `CLOUD_IDS`/);
    splice(file, /(export const CLOUD_IDS = \[[^\]]*)\]/, `$1, '${ID}']`, 'the id');
    touched.push(file);
  }

  // 3. The one registry line (and its import).
  if (registryLine) {
    const file = join(root, 'src/providers/clouds.ts');
    splice(
      file,
      /(import \{ \w+ \} from '\.\/\w+\/info';\n)(?!import \{ \w+ \} from '\.\/\w+\/info')/,
      `$1${checklistBlock("from './mycloud/info'")}`,
      'the registry import',
    );
    splice(
      file,
      /(export const CLOUDS = \{\n(?:.*\n)*?)(\} satisfies)/,
      `$1${checklistBlock('mycloud: { ...mycloud')}$2`,
      'the registry line',
    );
    touched.push(file);
  }

  // 4. Its settings in package.json, each with the next order of its category, and their English texts.
  const manifestFile = join(root, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (settings) {
    const categories = manifest.contributes.configuration as Array<{ id: string; properties: object }>;
    const template = JSON.parse(named(readFileSync(join(TEMPLATE, 'settings.json'), 'utf8'))) as object;
    for (const [key, value] of Object.entries(template)) {
      const category = categories.find((c) => c.id === (key.endsWith('Url') ? 'gpuPods.advanced' : 'gpuPods.clouds'))!;
      const orders = Object.values(category.properties).map((s: { order?: number }) => s.order ?? 0);
      Object.assign(category.properties, { [key]: { ...value, order: Math.max(...orders) + 1 } });
    }
    const nlsFile = join(root, 'package.nls.json');
    const nls = JSON.parse(readFileSync(nlsFile, 'utf8'));
    Object.assign(nls, JSON.parse(named(readFileSync(join(TEMPLATE, 'settings.nls.json'), 'utf8'))));
    writeFileSync(nlsFile, JSON.stringify(nls, null, 2) + '\n');
    touched.push(nlsFile);
  }
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  touched.push(manifestFile);

  // 5. Its simulator folder and its line in test/simulator/clouds.ts.
  touched.push(...copyTemplate('simulator', join(root, 'test/simulator', ID)));
  if (simulatorLine) {
    const file = join(root, 'test/simulator/clouds.ts');
    splice(
      file,
      /(import type \{ Simulator \} from '\.\/server';\n)/,
      `${checklistBlock("from './mycloud'")}$1`,
      'the simulator import',
    );
    splice(
      file,
      /(export const SIMULATED_CLOUDS = \{\n(?:.*\n)*?)(\})/,
      `$1${checklistBlock('mycloud: { install: installMyCloud')}$2`,
      'the simulator line',
    );
    touched.push(file);
  }

  // 6. The bench line, and 8. the provider test (in a tree that has test/bench and test/unit).
  const bench = join(root, 'test/bench/offers.bench.ts');
  try {
    readFileSync(bench);
  } catch {
    return touched;
  }
  splice(
    bench,
    /(import \{ createYottaProvider \} from '\.\.\/\.\.\/src\/providers\/yotta';\n)/,
    `$1${checklistBlock("from '../../src/providers/mycloud'")}`,
    'the bench import',
  );
  splice(bench, /(const BENCH: [^\n]*\n(?:.*\n)*?)(\};)/, `$1${checklistBlock('latencyMs: 300')}$2`, 'the bench line');
  touched.push(bench);
  const test = join(root, `test/unit/providers/${ID}.test.ts`);
  writeFileSync(test, named(readFileSync(join(TEMPLATE, 'test/provider.test.ts'), 'utf8')));
  touched.push(test);
  return touched;
}

const trees: string[] = [];

function tempTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'gpupods-sixth-'));
  trees.push(root);
  return root;
}

/** A temp copy of what the build reads (src/, package.json, test/simulator/), with the sixth cloud added. */
function sixthCloudTree(steps: Steps = {}): string {
  const root = tempTree();
  cpSync(join(repoRoot, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(repoRoot, 'test/simulator'), join(root, 'test/simulator'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(root, 'package.json'));
  cpSync(join(repoRoot, 'package.nls.json'), join(root, 'package.nls.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  walkChecklist(root, steps);
  return root;
}

/** A temp copy of the whole repository (every file git knows or would add), with node_modules linked. */
function repositoryCopy(): string {
  const root = tempTree();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(root, file));
    } catch {
      // a file deleted but not yet staged: nothing to copy
    }
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const SIXTH_SIMULATED = { ...SIMULATED_CLOUDS, [ID]: { baseUrls: { base: `/${ID}` } } };

describe('a sixth cloud from docs/provider-template (the contributing checklist, walked)', function () {
  this.timeout(60_000);
  after(() => {
    for (const root of trees) rmSync(root, { recursive: true, force: true });
  });

  it('the checklist names every file of the template', () => {
    const checklist = readFileSync(CHECKLIST, 'utf8');
    const files = (dir: string): string[] =>
      readdirSync(join(TEMPLATE, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
      );
    for (const file of files(''))
      assert.ok(checklist.includes(`docs/provider-template/${file}`), `${file} is not in the checklist`);
  });

  describe('every step done: it passes every stage of `npm test`', function () {
    this.timeout(120_000);
    let root: string;
    let touched: string[];
    before(() => {
      root = repositoryCopy();
      touched = walkChecklist(root);
    });

    it('`npm run l10n` puts its key help and messages into the bundle, which was stale without it; no bare error message', async () => {
      const { exportStrings, bundleText } = await load<typeof L10nScript>('scripts/l10n.mjs');
      const fresh = await exportStrings(root);
      const bundleFile = join(root, 'l10n/bundle.l10n.json');
      const committed = JSON.parse(readFileSync(bundleFile, 'utf8')) as Record<string, string>;
      const missing = Object.keys(fresh).filter((m) => !(m in committed));
      assert.deepEqual(
        missing.sort(),
        [
          'Sixth Cloud console → API keys',
          'Sixth Cloud API key',
          '{0} cannot {1} a pod.',
          '{0}: creating pods is not written yet.',
        ].sort(),
      );
      writeFileSync(bundleFile, bundleText(fresh)); // the checklist's `npm run l10n`
      assert.deepEqual(bareErrorMessages(root), []);
    });

    it('type-checks as `npm run typecheck` does: the whole project, with every table keyed by CloudId', () => {
      const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
      const { options, fileNames } = ts.parseJsonConfigFileContent(config, ts.sys, root);
      assert.ok(fileNames.includes(join(root, `src/providers/${ID}/index.ts`)));
      const program = ts.createProgram({ rootNames: fileNames, options });
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map(
          (d) => `${d.file?.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        );
      assert.deepEqual(errors, []);
    });

    it("passes `npm run lint` on what it added: ESLint's layering rules, Prettier (after `npm run format` on the edited files), no import cycle, knip", async () => {
      const written = touched.filter((f) => f.includes(`/${ID}/`) || f.endsWith(`${ID}.test.ts`));
      const edited = touched.filter((f) => !written.includes(f));
      for (const file of edited) {
        const options = await prettier.resolveConfig(file);
        writeFileSync(file, await prettier.format(readFileSync(file, 'utf8'), { ...options, filepath: file }));
      }
      const tsFiles = touched.filter((f) => f.endsWith('.ts'));
      const results = await new ESLint({ cwd: root }).lintFiles(tsFiles);
      const problems = results.flatMap((r) =>
        r.messages.map((m) => `${r.filePath.slice(root.length + 1)}:${m.line}: ${m.message} (${m.ruleId})`),
      );
      assert.deepEqual(problems, []);
      for (const file of written) {
        const options = await prettier.resolveConfig(file);
        const text = readFileSync(file, 'utf8');
        assert.ok(
          await prettier.check(text, { ...options, filepath: file }),
          `${file} is not laid out as Prettier would`,
        );
      }
      const { importCycles } = await load<typeof ImportCyclesModule>('scripts/checks/importCycles.mjs');
      assert.deepEqual(importCycles(root), []);
      try {
        execFileSync(process.execPath, [join(root, 'node_modules/knip/bin/knip.js')], { cwd: root, stdio: 'pipe' });
      } catch (e) {
        assert.fail(`knip: ${String((e as { stdout?: Buffer }).stdout)}`);
      }
    });

    it('builds with its checks: the registry, the settings and the bundle guard; its own lazy bundle', async () => {
      const { buildAll } = await checks();
      const results = await buildAll(root, { write: false, sourcemap: false });
      const outputs = Object.assign({}, ...results.map((r) => r.metafile.outputs));
      assert.ok(`dist/clouds/${ID}.js` in outputs, 'the build derived the sixth bundle from the registry');
      assert.ok(`src/providers/${ID}/info.ts` in outputs['dist/gpuPods.js'].inputs, 'its info is in the main bundle');
      assert.ok(!(`src/providers/${ID}/index.ts` in outputs['dist/gpuPods.js'].inputs), 'its client is not');
    });

    it('passes its provider test against its simulator and the unit tests that read the repository (registry, palette facts, manifest, settings, structure)', () => {
      const run = (args: string[]) =>
        execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: 'pipe', env: { ...process.env } });
      run(['scripts/build-tests.mjs']);
      const tests = [
        `providers/${ID}.test.js`,
        'registry/registry.test.js',
        'registry/paletteFacts.test.js',
        'registry/structure.test.js',
        'core/manifest.test.js',
        'core/manifestNls.test.js',
        'core/manifestSettings.test.js',
        'core/settings.test.js',
      ].map((t) => `out/test/unit/${t}`);
      let output: string;
      try {
        output = run([
          join(root, 'node_modules/mocha/bin/mocha.js'),
          '--no-config',
          '--require',
          'out/test/unit/specCoverage.hooks.js',
          '--timeout',
          '20000',
          '--reporter',
          'spec',
          ...tests,
        ]);
      } catch (e) {
        const failed = e as { stdout?: string; stderr?: string };
        assert.fail(`the unit tests failed on the sixth cloud's tree:\n${failed.stdout}\n${failed.stderr}`);
      }
      assert.match(output, /Sixth Cloud provider, against its simulator/);
      assert.match(output, /sixth: the palette facts in info\.ts are what capabilitiesOf derives from the provider/);
      assert.doesNotMatch(output, /failing|pending/);
    });

    it('the integration setup points its base URL at the simulator', async () => {
      const { loadRegistry } = await checks();
      const registry = await loadRegistry(root);
      assert.equal(
        simulatorSettings('http://127.0.0.1:1', registry.clouds, SIXTH_SIMULATED)[`gpuPods.${ID}.baseUrl`],
        `http://127.0.0.1:1/${ID}`,
      );
    });
  });

  it('without its id in src/core/cloudIds.ts: the registry check and the build say where it goes', async () => {
    const { loadRegistry, checkRegistry, buildAll } = await checks();
    const root = sixthCloudTree({ cloudId: false });
    assert.deepEqual(checkRegistry(root, await loadRegistry(root)), [
      `src/providers/clouds.ts has a line for "${ID}" but src/core/cloudIds.ts does not list it (add '${ID}' to CLOUD_IDS)`,
    ]);
    await assert.rejects(buildAll(root, { write: false }), /does not list it \(add 'sixth' to CLOUD_IDS\)/);
  });

  it('without its registry line: the registry check and the build name the unregistered folder', async () => {
    const { loadRegistry, checkRegistry, buildAll } = await checks();
    const root = sixthCloudTree({ registryLine: false });
    const problems = checkRegistry(root, await loadRegistry(root));
    assert.deepEqual(problems, [
      `src/providers/${ID}/ is a cloud folder but src/providers/clouds.ts has no line for "${ID}" (add \`${ID}: { ...${ID}, load: … }\`)`,
      `src/core/cloudIds.ts lists "${ID}" but src/providers/clouds.ts has no line for it`,
    ]);
    await assert.rejects(buildAll(root, { write: false }), /src\/providers\/sixth\/ is a cloud folder but/);
  });

  it('without its settings: the manifest check and the build name the cloud and each setting', async () => {
    const { loadRegistry, checkManifest, buildAll } = await checks();
    const root = sixthCloudTree({ settings: false });
    const problems = checkManifest(
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')),
      await loadRegistry(root),
    );
    assert.deepEqual(problems, [
      `package.json has no setting gpuPods.${ID}.baseUrl for cloud "${ID}" (contributes.configuration)`,
      `package.json has no setting gpuPods.${ID}.pollInterval for cloud "${ID}" (contributes.configuration)`,
    ]);
    await assert.rejects(buildAll(root, { write: false }), /no setting gpuPods\.sixth\.baseUrl/);
  });

  it("importing the registry (and so every other cloud): the bundle guard fails the build, naming the other clouds' files", async () => {
    const { buildAll } = await checks();
    const root = sixthCloudTree({
      indexExtra: `\nimport { CLOUDS } from '../clouds';\nexport const everyCloud = CLOUDS;\n`,
    });
    await assert.rejects(buildAll(root, { write: false, sourcemap: false }), (e: Error) => {
      assert.match(
        e.message,
        /dist\/clouds\/sixth\.js carries src\/providers\/yotta\/index\.ts: cloud "yotta"'s code in the "sixth" bundle/,
      );
      assert.match(e.message, /dist\/clouds\/sixth\.js carries the registry src\/providers\/clouds\.ts/);
      return true;
    });
  });

  it('client code reached from info.ts: the bundle guard fails the build, naming the file in the main bundle', async () => {
    const { buildAll } = await checks();
    const root = sixthCloudTree({ infoExtra: `\nexport { createSixthProvider } from './index';\n` });
    await assert.rejects(
      buildAll(root, { write: false, sourcemap: false }),
      /dist\/gpuPods\.js carries src\/providers\/sixth\/index\.ts: cloud "sixth"'s code belongs in dist\/clouds\/sixth\.js/,
    );
  });

  it('without its simulator line: the integration setup throws, naming the cloud or its setting', async () => {
    const { loadRegistry } = await checks();
    const registry = await loadRegistry(sixthCloudTree());
    assert.throws(
      () => simulatorSettings('http://127.0.0.1:1', registry.clouds, SIMULATED_CLOUDS),
      /cloud "sixth" is registered but has no simulator: add it to test\/simulator\/clouds\.ts/,
    );
    assert.throws(
      () => simulatorSettings('http://127.0.0.1:1', registry.clouds, { ...SIMULATED_CLOUDS, [ID]: { baseUrls: {} } }),
      /the simulator has no address for gpuPods\.sixth\.baseUrl \(cloud "sixth"\)/,
    );
  });
});
