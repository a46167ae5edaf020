// Bundles the extension. `--production` minifies and drops source maps; `--watch` rebuilds on change.
//
//   dist/extension.js      activation only: view, command ids, status bar, idle-timer wake-up (src/startup.ts)
//   dist/gpuPods.js        services, tree, commands, UI, core, ky and zod, loaded on first use
//   dist/clouds/<id>.js    one cloud's client, loaded when its first account is used
//   dist/ssh.js            GPU Pods' own SSH client (ssh2), loaded on the first background SSH work
//
// The clouds are the registry's (src/providers/clouds.ts): one bundle per registered cloud, and the registry's
// `import('./<id>')` lines are what the lazy-modules plugin turns into dist/clouds/<id>.js. Before bundling,
// the registry is checked against the cloud folders and package.json's per-cloud settings; after, the bundle
// guard reads the metafile (scripts/checks/): any problem fails the build, naming the cloud and the file.
//
// Cloud bundles take core modules (errors, http, zod …) from dist/gpuPods.js at run time instead of carrying
// copies: one copy of every class (instanceof holds across bundles). GPU Pods activates after every window's
// startup, so dist/extension.js stays small (`npm run bench` compares it with an empty extension).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardBundles } from './checks/bundleGuard.mjs';
import { checkManifest } from './checks/manifest.mjs';
import { checkRegistry, loadRegistry, REGISTRY_FILE } from './checks/registry.mjs';

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
const production = isMain && process.argv.includes('--production');
const watch = isMain && process.argv.includes('--watch');
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** A file path with `/` separators, as the names below are written (esbuild hands Windows paths with `\`). */
const posix = (path) => path.split(sep).join('/');

export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  legalComments: 'none',
  charset: 'utf8',
  metafile: true,
  logLevel: 'warning',
  // Lazily loaded bundles are require()d like the entry itself (VS Code resolves `vscode` for require only).
  supported: { 'dynamic-import': false },
};

/**
 * The registry's `import('./<id>')` loads dist/clouds/<id>.js at run time, and `import('./gpuPods')` in
 * startup.ts loads dist/gpuPods.js. `dir` is where those files are, seen from the bundle being built.
 */
export function lazyModules(dir = '.') {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\/[\w-]+$/ }, (args) =>
        args.kind === 'dynamic-import' && posix(args.importer).endsWith(REGISTRY_FILE)
          ? { path: `${dir}/clouds/${args.path.slice(2)}.js`, external: true }
          : undefined,
      );
      build.onResolve({ filter: /^\.\/gpuPods$/ }, (args) =>
        args.importer.endsWith('startup.ts') ? { path: `${dir}/gpuPods.js`, external: true } : undefined,
      );
      build.onResolve({ filter: /^\.\.\/\.\.\/ssh$/ }, (args) =>
        args.kind === 'dynamic-import' && posix(args.importer).endsWith(SSH_LOADER)
          ? { path: `${dir}/ssh.js`, external: true }
          : undefined,
      );
    },
  };
}

/** The module whose `import('../../ssh')` loads dist/ssh.js. */
const SSH_LOADER = 'src/core/ssh/loadClient.ts';

/**
 * In a cloud bundle, every import of src/core/<m> becomes the main bundle's copy of <m>. The SSH bundle
 * (`ssh`) takes the shared ones the same way and carries the rest: its own client (src/core/ssh/client/) and
 * the pure helpers it uses (validation, file writes), which hold no class that must be one copy.
 */
function sharedCore(root, { ssh = false } = {}) {
  const coreDir = resolve(root, 'src/core');
  const shared = new Set(
    [
      ...readFileSync(resolve(root, 'src/core/modules.ts'), 'utf8').matchAll(
        /^import \* as \w+ from '\.\/([\w/]+)';$/gm,
      ),
    ].map((m) => m[1]),
  );
  return {
    name: 'shared-core',
    setup(build) {
      // cloud code reaches core through a `core/` path; the SSH client lives in core and imports it relatively
      build.onResolve({ filter: ssh ? /^\.\.?\// : /(^|\/)core\// }, (args) => {
        const abs = resolve(args.resolveDir, args.path);
        if (!abs.startsWith(coreDir + sep)) return undefined;
        const key = posix(relative(coreDir, abs)).replace(/\.ts$/, '');
        if (ssh && !shared.has(key)) return undefined;
        if (!shared.has(key)) {
          return {
            errors: [
              { text: `src/core/${key} is imported by cloud code but not shared: add it to src/core/modules.ts` },
            ],
          };
        }
        return { path: key, namespace: 'shared-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'shared-core' }, (args) => ({
        contents: `module.exports = require('${ssh ? './' : '../'}gpuPods.js').coreModules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

/**
 * ssh2's optional native add-ons (cpu-features, its sshcrypto binding) stay out: a .node file cannot be
 * bundled, and ssh2 requires both inside try/catch and falls back to JavaScript. The stand-in throws as a
 * missing add-on would.
 */
function withoutNativeAddons() {
  return {
    name: 'without-native-addons',
    setup(build) {
      build.onResolve({ filter: /^cpu-features$|\.node$/ }, (args) => ({
        path: args.path.replace(/^.*\//, '').replace(/\.node$/, ''),
        namespace: 'native-addon',
      }));
      build.onLoad({ filter: /.*/, namespace: 'native-addon' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path}: native add-on left out of the bundle`)});`,
        loader: 'js',
      }));
    },
  };
}

/** The builds of the tree at `root`: its two main bundles, the SSH client and one bundle per registered cloud. */
export function buildOptions(root, clouds, overrides = {}) {
  const base = { ...common, absWorkingDir: root, ...overrides };
  return [
    { ...base, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyModules()] },
    { ...base, entryPoints: ['src/gpuPods.ts'], outfile: 'dist/gpuPods.js', plugins: [lazyModules()] },
    {
      ...base,
      entryPoints: ['src/ssh.ts'],
      outfile: 'dist/ssh.js',
      external: ['vscode', './gpuPods.js'],
      plugins: [sharedCore(root, { ssh: true }), withoutNativeAddons()],
    },
    {
      ...base,
      entryPoints: Object.fromEntries(clouds.map((c) => [`clouds/${c}`, `src/providers/${c}/index.ts`])),
      outdir: 'dist',
      external: ['vscode', '../gpuPods.js'],
      plugins: [sharedCore(root)],
    },
  ];
}

/** Thrown with every problem the registry check or the bundle guard found, one per line. */
export class BuildCheckError extends Error {}

/**
 * Checks the registry, builds every bundle of the tree at `root` and guards them. `write: false` builds in
 * memory (the tests). Returns the esbuild results; throws BuildCheckError naming what is wrong.
 */
export async function buildAll(root, overrides = {}) {
  const registry = await loadRegistry(root);
  const clouds = Object.keys(registry.clouds);
  const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
  const registryProblems = [...checkRegistry(root, registry), ...checkManifest(manifest, registry)];
  if (registryProblems.length) throw new BuildCheckError(registryProblems.join('\n'));
  const results = await Promise.all(buildOptions(root, clouds, overrides).map((options) => esbuild.build(options)));
  const outputs = Object.assign({}, ...results.map((r) => r.metafile.outputs));
  const bundleProblems = guardBundles({ outputs }, clouds);
  if (bundleProblems.length) throw new BuildCheckError(bundleProblems.join('\n'));
  return results;
}

if (!isMain) {
  // Imported (by the integration launcher for lazyModules, by tests for buildAll): build nothing.
} else if (watch) {
  const registry = await loadRegistry(repoRoot);
  for (const options of buildOptions(repoRoot, Object.keys(registry.clouds)))
    await (await esbuild.context(options)).watch();
} else {
  try {
    const results = await buildAll(repoRoot);
    for (const result of results) {
      for (const [file, output] of Object.entries(result.metafile.outputs)) {
        if (file.endsWith('.js'))
          console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
      }
    }
  } catch (e) {
    if (!(e instanceof BuildCheckError)) throw e;
    console.error(`build refused:\n${e.message.replace(/^/gm, '  ')}`);
    process.exit(1);
  }
}
