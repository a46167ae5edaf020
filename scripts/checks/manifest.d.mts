import type { Registry } from './registry.d.mts';

export declare function checkManifest(
  manifest: { contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } },
  registry: Registry,
): string[];
