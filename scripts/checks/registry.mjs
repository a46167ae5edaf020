// @ts-check
// The cloud registry (src/providers/clouds.ts) read as data, and checked against the cloud folders and the
// cloud ids every layer names (src/core/cloudIds.ts).
// The build derives its cloud bundles from it; tests call these on any tree (a temp copy with a sixth cloud).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

export const REGISTRY_FILE = 'src/providers/clouds.ts';
export const PROVIDERS_DIR = 'src/providers';
export const CLOUD_IDS_FILE = 'src/core/cloudIds.ts';

/**
 * Bundles the registry without its clouds' code (every dynamic import is left out and recorded) and runs it:
 * the registered clouds' static facts, the setting names the extension derives from them, the registry's
 * `import('./<cloud>')` specifiers, and the cloud ids of src/core/cloudIds.ts.
 * @param {string} root
 * @returns {Promise<import('./registry.d.mts').Registry>}
 */
export async function loadRegistry(root) {
  /** @type {string[]} */
  const imports = [];
  const result = await esbuild.build({
    stdin: {
      contents: [
        `export { CLOUDS } from './${REGISTRY_FILE}';`,
        `export { cloudSettings } from './${PROVIDERS_DIR}/cloudInfo';`,
        `export { CLOUD_IDS } from './${CLOUD_IDS_FILE}';`,
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
    plugins: [
      {
        name: 'registry-imports',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind !== 'dynamic-import') return undefined;
            if (relative(root, args.importer).split(sep).join('/') === REGISTRY_FILE) imports.push(args.path);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const module = { exports: /** @type {Record<string, any>} */ ({}) };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(join(root, REGISTRY_FILE)),
  );
  return {
    clouds: module.exports.CLOUDS,
    cloudSettings: module.exports.cloudSettings,
    imports,
    ids: [...module.exports.CLOUD_IDS],
  };
}

/** The folders under src/providers/: each one is a cloud. */
export function cloudFolders(root) {
  return readdirSync(join(root, PROVIDERS_DIR), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/**
 * What is wrong between the registry, the cloud ids and the cloud folders, one sentence each naming the cloud
 * and the fix.
 * @param {string} root
 * @param {import('./registry.d.mts').Registry} registry
 * @returns {string[]}
 */
export function checkRegistry(root, registry) {
  const problems = [];
  const ids = Object.keys(registry.clouds);
  for (const folder of cloudFolders(root)) {
    if (!ids.includes(folder))
      problems.push(
        `${PROVIDERS_DIR}/${folder}/ is a cloud folder but ${REGISTRY_FILE} has no line for "${folder}" (add \`${folder}: { ...${folder}, load: … }\`)`,
      );
  }
  for (const id of registry.ids) {
    if (!ids.includes(id)) problems.push(`${CLOUD_IDS_FILE} lists "${id}" but ${REGISTRY_FILE} has no line for it`);
  }
  for (const id of ids) {
    if (!registry.ids.includes(id))
      problems.push(
        `${REGISTRY_FILE} has a line for "${id}" but ${CLOUD_IDS_FILE} does not list it (add '${id}' to CLOUD_IDS)`,
      );
    const cloud = registry.clouds[id];
    if (cloud.id !== id) problems.push(`${REGISTRY_FILE}: the line "${id}" carries the info of "${cloud.id}"`);
    for (const file of ['info.ts', 'index.ts']) {
      if (!existsSync(join(root, PROVIDERS_DIR, id, file)))
        problems.push(`cloud "${id}" is registered but ${PROVIDERS_DIR}/${id}/${file} does not exist`);
    }
    if (!registry.imports.includes(`./${id}`))
      problems.push(`${REGISTRY_FILE}: the line "${id}" does not load its own folder with import('./${id}')`);
  }
  for (const path of registry.imports) {
    if (!ids.includes(path.slice(2)))
      problems.push(`${REGISTRY_FILE} loads import('${path}'), which is no registered cloud's folder`);
  }
  return problems;
}
