// @ts-check
// package.json's settings against the registry: every cloud contributes exactly the settings the extension reads
// for it (providers/cloudInfo.ts `cloudSettings`), with the registry's defaults, each in its category (a cloud's
// base URLs under Advanced, its poll interval and options under Clouds). VS Code refuses to write a setting it
// does not know, and a missing base URL setting cannot be pointed at the simulator.

/** The Settings editor's categories (`contributes.configuration` is an array of them) a cloud's settings go in. */
export const CLOUD_CATEGORY = 'gpuPods.clouds';
export const ADVANCED_CATEGORY = 'gpuPods.advanced';

/**
 * @typedef {{ default?: unknown, order?: number }} Setting
 * @typedef {{ id?: string, title?: string, order?: number, properties?: Record<string, Setting> }} Category
 * @typedef {{ contributes?: { configuration?: Category | Category[] } }} Manifest
 */

/**
 * The categories as declared: `contributes.configuration` is one object (one flat list) or an array.
 * @param {Manifest} manifest
 * @returns {Category[]}
 */
export function settingCategories(manifest) {
  const conf = manifest.contributes?.configuration;
  return Array.isArray(conf) ? conf : conf ? [conf] : [];
}

/**
 * Every contributed setting by name, whatever category holds it.
 * @param {Manifest} manifest
 * @returns {Record<string, Setting>}
 */
export function contributedSettings(manifest) {
  return Object.assign({}, ...settingCategories(manifest).map((c) => c.properties ?? {}));
}

/**
 * Problems, one sentence each naming the cloud and the setting; empty when the manifest matches.
 * @param {Manifest} manifest
 * @param {import('./registry.d.mts').Registry} registry
 * @returns {string[]}
 */
export function checkManifest(manifest, registry) {
  const properties = contributedSettings(manifest);
  const categoryOf = (/** @type {string} */ key) =>
    settingCategories(manifest).find((c) => c.properties && key in c.properties)?.id;
  const problems = [];
  const ids = Object.keys(registry.clouds);
  for (const id of ids) {
    const expected = registry.cloudSettings(registry.clouds[id]).map((s) => ({ ...s, key: `gpuPods.${id}.${s.name}` }));
    for (const setting of expected) {
      const declared = properties[setting.key];
      if (!declared) {
        problems.push(`package.json has no setting ${setting.key} for cloud "${id}" (contributes.configuration)`);
        continue;
      }
      if (setting.default !== undefined && declared.default !== setting.default) {
        problems.push(
          `package.json: ${setting.key} defaults to ${JSON.stringify(declared.default)}, the registry's cloud "${id}" to ${JSON.stringify(setting.default)}`,
        );
      }
      const wanted = /Url$/.test(setting.name) ? ADVANCED_CATEGORY : CLOUD_CATEGORY;
      if (categoryOf(setting.key) !== wanted)
        problems.push(`package.json: ${setting.key} belongs in the settings category ${wanted}`);
    }
    for (const key of Object.keys(properties)) {
      if (key.startsWith(`gpuPods.${id}.`) && !expected.some((s) => s.key === key))
        problems.push(`package.json declares ${key}, a setting cloud "${id}" does not read (not in its info.ts)`);
    }
  }
  for (const key of Object.keys(properties)) {
    const m = /^gpuPods\.([^.]+)\.(\w+Url|pollInterval)$/.exec(key);
    if (m && !ids.includes(m[1]))
      problems.push(`package.json declares ${key}, but no cloud "${m[1]}" is registered (src/providers/clouds.ts)`);
  }
  return problems;
}
