// Bundles the extension. `--production` minifies and drops source maps; `--watch` rebuilds on change.
//
//   dist/extension.js      activation, UI, core, ky and zod
//   dist/clouds/<id>.js    one cloud's client, loaded when its first account is used
//
// Cloud bundles take core modules (errors, http, zod …) from the main bundle at run time instead of carrying
// copies: one copy of every class (instanceof holds across bundles) and a smaller activation bundle.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const CLOUDS = ['yotta', 'novita', 'gpugeek', 'neevcloud'];
const coreDir = resolve('src/core');
const shared = new Set([...readFileSync('src/core/modules.ts', 'utf8').matchAll(/^import \* as \w+ from '\.\/([\w/]+)';$/gm)].map((m) => m[1]));

const common = {
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
};

/** In the main bundle, `import('./yotta')` in providers/clouds.ts loads dist/clouds/yotta.js at run time. */
const lazyClouds = {
  name: 'lazy-clouds',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${CLOUDS.join('|')})$`) }, (args) =>
      args.importer.endsWith('clouds.ts') ? { path: `./clouds/${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};

/** In a cloud bundle, every import of src/core/<m> becomes the main bundle's copy of <m>. */
const sharedCore = {
  name: 'shared-core',
  setup(build) {
    build.onResolve({ filter: /(^|\/)core\// }, (args) => {
      const abs = resolve(args.resolveDir, args.path);
      if (!abs.startsWith(coreDir + '/')) return undefined;
      const key = relative(coreDir, abs).replace(/\.ts$/, '');
      if (!shared.has(key)) {
        return { errors: [{ text: `src/core/${key} is imported by cloud code but not shared: add it to src/core/modules.ts` }] };
      }
      return { path: key, namespace: 'shared-core' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-core' }, (args) => ({
      contents: `module.exports = require('../extension.js').coreModules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [lazyClouds] },
  {
    ...common,
    entryPoints: Object.fromEntries(CLOUDS.map((c) => [`clouds/${c}`, `src/providers/${c}/index.ts`])),
    outdir: 'dist',
    external: ['vscode', '../extension.js'],
    plugins: [sharedCore],
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (file.endsWith('.js')) console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
    }
  }
}
