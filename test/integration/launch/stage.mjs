// @ts-check
// The extension folders the launchers hand to VS Code (as extensionDevelopmentPath), built under
// out/test/ — never part of the .vsix:
//
//   out/test/extension        GPU Pods for the integration suites: the real manifest, `main` = main.js, a
//                             bundle of test/integration/support/testExtension.ts (src/startup.ts plus a
//                             handle for the tests); it loads the shipped dist/gpuPods.js and dist/clouds/*.js.
//   out/test/installed-driver the installed-artifact suite's host: an extension of its own id that contributes
//                             nothing; GPU Pods itself is the .vsix installed into the run's extensions folder.
// and, for the bench, extensions that do nothing (its yardstick for activation time), installed straight
// into the run's extensions folder (code-server loads one development extension only).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { common, lazyModules } from '../../../scripts/build.mjs';
import { repoRoot } from './codeServer.mjs';

/**
 * @param {{ activationEvents?: string[], minify?: boolean }} [o] `activationEvents` replaces the manifest's
 *   (the bench keeps GPU Pods from activating before it measures); `minify` bundles like `--production`.
 * @returns {Promise<string>} the folder
 */
export async function stageTestExtension(o = {}) {
  const dir = join(repoRoot, 'out/test/extension');
  if (!existsSync(join(repoRoot, 'dist/gpuPods.js')))
    throw new Error('dist/gpuPods.js is missing: run npm run build first');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  manifest.main = './main.js';
  if (o.activationEvents) manifest.activationEvents = o.activationEvents;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  symlinkSync(relative(dir, join(repoRoot, 'media')), join(dir, 'media'));
  // The manifest's %key% strings and the code's translations, as the .vsix carries them.
  copyFileSync(join(repoRoot, 'package.nls.json'), join(dir, 'package.nls.json'));
  symlinkSync(relative(dir, join(repoRoot, 'l10n')), join(dir, 'l10n'));
  await esbuild.build({
    ...common,
    absWorkingDir: repoRoot,
    entryPoints: [join(repoRoot, 'test/integration/support/testExtension.ts')],
    outfile: join(dir, 'main.js'),
    minify: !!o.minify,
    sourcemap: !o.minify,
    plugins: [lazyModules(relative(dir, join(repoRoot, 'dist')))],
  });
  return dir;
}

/**
 * Installs `gpu-pods-bench.<name>` into `extensionsDir`: an empty activate(), activated only when asked
 * for. VS Code picks up extension folders it finds there when it first scans a fresh extensions folder.
 */
export function installEmptyExtension(extensionsDir, name) {
  return emptyExtension(join(extensionsDir, `gpu-pods-bench.${name}-0.0.1`), 'gpu-pods-bench', name);
}

/**
 * The development extension that carries the installed-artifact suite (code-server runs tests only from a
 * development extension): its own id, no contributions, so everything GPU Pods shows comes from the .vsix.
 * @returns {string} the folder
 */
export function stageDriverExtension() {
  return emptyExtension(join(repoRoot, 'out/test/installed-driver'), 'gpu-pods-test', 'installed-driver');
}

/** An extension in `dir` whose activate() does nothing and that activates only when asked for. */
function emptyExtension(dir, publisher, name) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    publisher,
    version: '0.0.1',
    engines: { vscode: '^1.95.0' },
    main: './extension.js',
    activationEvents: [],
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(
    join(dir, 'extension.js'),
    "'use strict';\nexports.activate = function activate() {};\nexports.deactivate = function deactivate() {};\n",
  );
  return dir;
}
