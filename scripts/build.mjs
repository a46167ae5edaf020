// Bundles the extension. `--production` minifies and drops source maps; `--watch` rebuilds on change.
//
//   dist/extension.js      activation only: view, command ids, status bar, idle-timer wake-up (src/startup.ts)
//   dist/gpuPods.js        services, tree, commands, UI, core, ky and zod, loaded on first use
//   dist/clouds/<id>.js    one cloud's client, loaded when its first account is used
//
// Cloud bundles take core modules (errors, http, zod …) from dist/gpuPods.js at run time instead of carrying
// copies: one copy of every class (instanceof holds across bundles). GPU Pods activates after every window's
// startup, so dist/extension.js stays small (`npm run bench` compares it with an empty extension).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
const production = isMain && process.argv.includes('--production');
const watch = isMain && process.argv.includes('--watch');
const CLOUDS = ['yotta', 'novita', 'gpugeek', 'neevcloud'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const coreDir = resolve(root, 'src/core');
const shared = new Set(
  [
    ...readFileSync(resolve(root, 'src/core/modules.ts'), 'utf8').matchAll(/^import \* as \w+ from '\.\/([\w/]+)';$/gm),
  ].map((m) => m[1]),
);

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
 * `import('./yotta')` in providers/clouds.ts loads dist/clouds/yotta.js at run time, and `import('./gpuPods')`
 * in startup.ts loads dist/gpuPods.js. `dir` is where those files are, seen from the bundle being built.
 */
export function lazyModules(dir = '.') {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^\\./(${CLOUDS.join('|')})$`) }, (args) =>
        args.importer.endsWith('clouds.ts')
          ? { path: `${dir}/clouds/${args.path.slice(2)}.js`, external: true }
          : undefined,
      );
      build.onResolve({ filter: /^\.\/gpuPods$/ }, (args) =>
        args.importer.endsWith('startup.ts') ? { path: `${dir}/gpuPods.js`, external: true } : undefined,
      );
    },
  };
}

/** In a cloud bundle, every import of src/core/<m> becomes the main bundle's copy of <m>. */
const sharedCore = {
  name: 'shared-core',
  setup(build) {
    build.onResolve({ filter: /(^|\/)core\// }, (args) => {
      const abs = resolve(args.resolveDir, args.path);
      if (!abs.startsWith(coreDir + '/')) return undefined;
      const key = relative(coreDir, abs).replace(/\.ts$/, '');
      if (!shared.has(key)) {
        return {
          errors: [{ text: `src/core/${key} is imported by cloud code but not shared: add it to src/core/modules.ts` }],
        };
      }
      return { path: key, namespace: 'shared-core' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-core' }, (args) => ({
      contents: `module.exports = require('../gpuPods.js').coreModules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyModules()] },
  { ...common, entryPoints: ['src/gpuPods.ts'], outfile: 'dist/gpuPods.js', plugins: [lazyModules()] },
  {
    ...common,
    entryPoints: Object.fromEntries(CLOUDS.map((c) => [`clouds/${c}`, `src/providers/${c}/index.ts`])),
    outdir: 'dist',
    external: ['vscode', '../gpuPods.js'],
    plugins: [sharedCore],
  },
];

if (!isMain) {
  // Imported (by the integration launcher, for lazyModules): build nothing.
} else if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js'))
        console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
    }
  }
}
