// @ts-check
// The bundle guard: read from esbuild's metafile, after every build (scripts/build.mjs).
//   - a cloud bundle (dist/clouds/<id>.js) holds no other cloud's code, and not the registry (which loads them all);
//   - the main bundles hold no cloud code but each cloud's static info.ts (cloud code is loaded on first use);
//   - the main bundles hold no ssh2 (GPU Pods' own SSH client is dist/ssh.js, loaded on the first SSH work), and
//     no bundle holds a native add-on (.node, cpu-features): every bundle is plain JavaScript;
//   - the activation bundle (dist/extension.js) holds no zod: the schemas load with dist/gpuPods.js on first use.
// Each cloud is loaded only when one of its accounts is used; a bundle that carries another cloud's client
// loads it for nothing, and a main bundle that carries one loads it at activation.

export const MAIN_OUTPUTS = ['dist/extension.js', 'dist/gpuPods.js'];
export const SSH_OUTPUT = 'dist/ssh.js';
export const ACTIVATION_OUTPUT = 'dist/extension.js';
/** A package in node_modules (wherever the folder is linked from) as the metafile names its files. */
const inPackage = (/** @type {string} */ input, /** @type {string} */ name) =>
  new RegExp(`(^|/)node_modules/${name}/`).test(input);
export const cloudOutput = (/** @type {string} */ id) => `dist/clouds/${id}.js`;
const REGISTRY_INPUT = 'src/providers/clouds.ts';

/** `src/providers/<cloud>/<file>` → [cloud, file]; anything else → undefined. */
function cloudInput(/** @type {string} */ input) {
  const m = /^src\/providers\/([^/]+)\/(.+)$/.exec(input);
  return m ? [m[1], m[2]] : undefined;
}

/**
 * Problems, one sentence each naming the bundle and the offending file; empty when the bundles are clean.
 * @param {{ outputs: Record<string, { inputs: Record<string, unknown> }> }} metafile  every build's outputs (paths relative to the repo)
 * @param {string[]} clouds  the registered clouds
 * @returns {string[]}
 */
export function guardBundles(metafile, clouds) {
  const problems = [];
  for (const id of clouds) {
    const file = cloudOutput(id);
    const output = metafile.outputs[file];
    if (!output) {
      problems.push(`cloud "${id}" is registered but the build wrote no ${file}`);
      continue;
    }
    for (const input of Object.keys(output.inputs)) {
      const owner = cloudInput(input)?.[0];
      if (owner && owner !== id)
        problems.push(`${file} carries ${input}: cloud "${owner}"'s code in the "${id}" bundle`);
      if (input === REGISTRY_INPUT) problems.push(`${file} carries the registry ${input}, and with it every cloud`);
    }
  }
  for (const file of MAIN_OUTPUTS) {
    const output = metafile.outputs[file];
    if (!output) {
      problems.push(`the build wrote no ${file}`);
      continue;
    }
    for (const input of Object.keys(output.inputs)) {
      const [owner, rest] = cloudInput(input) ?? [];
      if (owner && rest !== 'info.ts')
        problems.push(
          `${file} carries ${input}: cloud "${owner}"'s code belongs in ${cloudOutput(owner)} (only its info.ts may be in the main bundles)`,
        );
    }
  }
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      if (MAIN_OUTPUTS.includes(file) && inPackage(input, 'ssh2'))
        problems.push(`${file} carries ${input}: ssh2 belongs in ${SSH_OUTPUT}, loaded on the first SSH use`);
      if (file === ACTIVATION_OUTPUT && (inPackage(input, 'zod') || input === 'src/core/zod.ts'))
        problems.push(`${file} carries ${input}: zod loads with dist/gpuPods.js, on first use, not at activation`);
      if (input.endsWith('.node') || inPackage(input, 'cpu-features'))
        problems.push(`${file} carries the native add-on ${input}: every bundle must be plain JavaScript`);
    }
  }
  return problems;
}
