// The proof that adding a cloud is the checklist in docs/contributing-providers.md, and that each step left out
// fails loudly: a throwaway sixth cloud is built from docs/provider-template/ in a temp copy of the repository,
// registered with its one line, and run through the same checks the build and the integration tests run.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import ts from 'typescript';
import type { Semaphore as SemaphoreType } from '../../../src/core/concurrency';
import type { Logger } from '../../../src/core/logger';
import type { Provider, ProviderConfig } from '../../../src/core/provider';
import type { ProviderDeps } from '../../../src/providers/deps';
import { SIMULATED_CLOUDS, simulatorSettings } from '../../simulator/clouds';
import type { Simulator as SimulatorType } from '../../simulator/server';
import { checks, repoRoot } from './checks';

const TEMPLATE = join(repoRoot, 'docs/provider-template');
const CHECKLIST = join(repoRoot, 'docs/contributing-providers.md');
const ID = 'sixth';

/** The template's placeholder names, as the checklist tells a contributor to replace them. */
const named = (text: string) =>
  text
    .replace(/mycloud/g, ID)
    .replace(/MyCloud/g, 'Sixth')
    .replace(/My Cloud/g, 'Sixth Cloud');

/** A line the checklist tells the contributor to add, as it shows it (named for the sixth cloud). */
function checklistLine(pattern: RegExp, what: string): string {
  const m = pattern.exec(readFileSync(CHECKLIST, 'utf8'));
  if (!m) throw new Error(`docs/contributing-providers.md no longer shows ${what}`);
  return named(m[1]);
}

interface Steps {
  registryLine?: boolean;
  settings?: boolean;
  simulatorLine?: boolean;
  /** Text appended to the cloud's index.ts / info.ts: a mistake to be caught. */
  indexExtra?: string;
  infoExtra?: string;
}

const trees: string[] = [];

/** A temp copy of what the build reads (src/, package.json, test/simulator/), with the sixth cloud added. */
function sixthCloudTree(steps: Steps = {}): string {
  const { registryLine = true, settings = true, simulatorLine = true } = steps;
  const root = mkdtempSync(join(tmpdir(), 'gpupods-sixth-'));
  trees.push(root);
  cpSync(join(repoRoot, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(repoRoot, 'test/simulator'), join(root, 'test/simulator'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));

  // 1. The cloud's folder: info.ts (static facts) and its client.
  const folder = join(root, 'src/providers', ID);
  cpSync(TEMPLATE, folder, { recursive: true, filter: (src) => !/simulator|settings\.json/.test(src) });
  for (const file of readdirSync(folder))
    writeFileSync(join(folder, file), named(readFileSync(join(folder, file), 'utf8')));
  if (steps.indexExtra)
    writeFileSync(join(folder, 'index.ts'), readFileSync(join(folder, 'index.ts'), 'utf8') + steps.indexExtra);
  if (steps.infoExtra)
    writeFileSync(join(folder, 'info.ts'), readFileSync(join(folder, 'info.ts'), 'utf8') + steps.infoExtra);

  // 2. The one registry line (and its import).
  if (registryLine) {
    const file = join(root, 'src/providers/clouds.ts');
    const importLine =
      checklistLine(/^ *(import \{ mycloud \} from '\.\/mycloud\/info';)$/m, 'the registry import') + '\n';
    const entryLine = `  ${checklistLine(/^ *(mycloud: \{ \.\.\.mycloud, load: .*\},)$/m, 'the registry line')}\n`;
    const after = readFileSync(file, 'utf8')
      .replace(/(import \{ \w+ \} from '\.\/\w+\/info';\n)(?!import \{ \w+ \} from '\.\/\w+\/info')/, `$1${importLine}`)
      .replace(/(export const CLOUDS = \{\n(?:.*\n)*?)(\};)/, `$1${entryLine}$2`);
    assert.ok(
      after.includes(importLine) && after.includes(entryLine),
      'the registry line went in (clouds.ts changed shape?)',
    );
    writeFileSync(file, after);
  }

  // 3. Its settings in package.json.
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  if (settings) {
    // As docs/contributing-providers.md step 8 says: base URLs under Advanced, the rest under Clouds.
    const categories = manifest.contributes.configuration as Array<{ id: string; properties: object }>;
    const template = JSON.parse(named(readFileSync(join(TEMPLATE, 'settings.json'), 'utf8'))) as object;
    for (const [key, value] of Object.entries(template)) {
      const category = categories.find((c) => c.id === (key.endsWith('Url') ? 'gpuPods.advanced' : 'gpuPods.clouds'));
      Object.assign(category!.properties, { [key]: value });
    }
  }
  writeFileSync(join(root, 'package.json'), JSON.stringify(manifest, null, 2));

  // 4. Its simulator folder and its line in test/simulator/clouds.ts (compiled here only by the type check;
  // the other tests hand simulatorSettings that line as data).
  const simFolder = join(root, 'test/simulator', ID);
  cpSync(join(TEMPLATE, 'simulator'), simFolder, { recursive: true });
  for (const file of readdirSync(simFolder))
    writeFileSync(join(simFolder, file), named(readFileSync(join(simFolder, file), 'utf8')));
  if (simulatorLine) {
    const file = join(root, 'test/simulator/clouds.ts');
    const importLine =
      checklistLine(/^ *(import \{ installMyCloud \} from '\.\/mycloud';)$/m, 'the simulator import') + '\n';
    const entryLine = `  ${checklistLine(/^ *(mycloud: \{ install: installMyCloud, .*\},)$/m, 'the simulator line')}\n`;
    const after = readFileSync(file, 'utf8')
      .replace(/(import type \{ Simulator \} from '\.\/server';\n)/, `${importLine}$1`)
      .replace(/(export const SIMULATED_CLOUDS = \{\n(?:.*\n)*?)(\})/, `$1${entryLine}$2`);
    assert.ok(
      after.includes(importLine) && after.includes(entryLine),
      'the simulator line went in (clouds.ts changed shape?)',
    );
    writeFileSync(file, after);
  }
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

  it('registered in one place, it passes the registry check, the manifest check, the build with its guard and the simulator settings', async () => {
    const { loadRegistry, checkRegistry, checkManifest, buildAll } = await checks();
    const root = sixthCloudTree();
    const registry = await loadRegistry(root);
    assert.ok(ID in registry.clouds);
    assert.deepEqual(checkRegistry(root, registry), []);
    assert.deepEqual(checkManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), registry), []);
    const results = await buildAll(root, { write: false, sourcemap: false });
    const outputs = Object.assign({}, ...results.map((r) => r.metafile.outputs));
    assert.ok(`dist/clouds/${ID}.js` in outputs, 'the build derived the sixth bundle from the registry');
    assert.ok('src/providers/sixth/info.ts' in outputs['dist/gpuPods.js'].inputs, 'its info is in the main bundle');
    assert.ok(!('src/providers/sixth/index.ts' in outputs['dist/gpuPods.js'].inputs), 'its client is not');
    assert.equal(
      simulatorSettings('http://127.0.0.1:1', registry.clouds, SIXTH_SIMULATED)[`gpuPods.${ID}.baseUrl`],
      `http://127.0.0.1:1/${ID}`,
    );
  });

  it("the template's provider lists the template simulator's pods", async () => {
    const root = sixthCloudTree();
    const bundle = await esbuild.build({
      stdin: {
        contents: [
          `export { createSixthProvider } from './src/providers/${ID}/index';`,
          `export { installSixth } from './test/simulator/${ID}/index';`,
          `export { Simulator } from './test/simulator/server';`,
          `export { Semaphore } from './src/core/concurrency';`,
          `export { silentLogger } from './src/core/logger';`,
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      absWorkingDir: root,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
    // The copy's own modules, typed as the repository's (the copy adds the sixth cloud to them).
    const module = { exports: {} };
    new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(module, module.exports, require);
    const { createSixthProvider, installSixth, Simulator, Semaphore, silentLogger } = module.exports as {
      createSixthProvider(config: ProviderConfig, deps: ProviderDeps): Provider;
      installSixth(sim: SimulatorType): { addPod(name: string): string };
      Simulator: typeof SimulatorType;
      Semaphore: typeof SemaphoreType;
      silentLogger: Logger;
    };
    const sim = new Simulator({ ledger: false });
    installSixth(sim).addPod('first');
    const url = await sim.start();
    try {
      const provider = createSixthProvider(
        { apiKey: 'k', baseUrls: { base: `${url}/${ID}` }, options: {} },
        { logger: silentLogger, limiter: new Semaphore(5) },
      );
      const pods = await provider.listPods();
      assert.deepEqual(
        pods.map((p) => [p.cloud, p.name, p.status]),
        [[ID, 'first', 'running']],
      );
    } finally {
      await sim.stop();
    }
  });

  it('type-checks with the project settings: the template follows the Provider interface and the registry types', () => {
    const root = sixthCloudTree();
    const { config } = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
    const roots = ['src/providers/clouds.ts', `src/providers/${ID}/index.ts`, 'test/simulator/clouds.ts'];
    const program = ts.createProgram({ rootNames: roots.map((f) => join(root, f)), options });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(errors, []);
  });

  it('without its registry line: the registry check and the build name the unregistered folder', async () => {
    const { loadRegistry, checkRegistry, buildAll } = await checks();
    const root = sixthCloudTree({ registryLine: false });
    const problems = checkRegistry(root, await loadRegistry(root));
    assert.deepEqual(problems, [
      `src/providers/${ID}/ is a cloud folder but src/providers/clouds.ts has no line for "${ID}" (add \`${ID}: { ...${ID}, load: … }\`)`,
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
