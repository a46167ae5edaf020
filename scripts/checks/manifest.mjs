// @ts-check
// package.json's per-cloud settings against the registry: every cloud contributes exactly the settings the
// extension reads for it (providers/cloudInfo.ts `cloudSettings`), with the registry's defaults. VS Code refuses
// to write a setting it does not know, and a missing base URL setting cannot be pointed at the simulator.

/**
 * Problems, one sentence each naming the cloud and the setting; empty when the manifest matches.
 * @param {{ contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } }} manifest
 * @param {import('./registry.d.mts').Registry} registry
 * @returns {string[]}
 */
export function checkManifest(manifest, registry) {
  const properties = manifest.contributes?.configuration?.properties ?? {};
  const problems = [];
  const ids = Object.keys(registry.clouds);
  for (const id of ids) {
    const expected = registry.cloudSettings(registry.clouds[id]).map((s) => ({ ...s, key: `gpuPods.${id}.${s.name}` }));
    for (const setting of expected) {
      const declared = properties[setting.key];
      if (!declared) {
        problems.push(`package.json has no setting ${setting.key} for cloud "${id}" (contributes.configuration)`);
      } else if (setting.default !== undefined && declared.default !== setting.default) {
        problems.push(
          `package.json: ${setting.key} defaults to ${JSON.stringify(declared.default)}, the registry's cloud "${id}" to ${JSON.stringify(setting.default)}`,
        );
      }
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
