/**
 * The ids of the clouds GPU Pods speaks to: the one list every layer may name, a leaf that imports nothing.
 * The registry (src/providers/clouds.ts) has exactly one line per id here: the type check (`satisfies` there)
 * and the build's registry check (scripts/checks/registry.mjs) fail, naming the cloud, when the two differ.
 * Adding a cloud: docs/contributing-providers.md.
 */
export const CLOUD_IDS = ['yotta', 'novita', 'gpugeek', 'neevcloud'] as const;

export type CloudId = (typeof CLOUD_IDS)[number];
