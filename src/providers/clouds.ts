// The cloud registry: ONE line per cloud, its static facts (./<cloud>/info.ts) and how its code is loaded.
// Everything else is derived from it or checked against it: the ids in src/core/cloudIds.ts (the `satisfies`
// below and scripts/checks/registry.mjs), the build's cloud bundles and the lazy-module plugin
// (scripts/build.mjs), the per-cloud settings in package.json (scripts/checks/manifest.mjs), the simulator's clouds and the integration tests' settings (test/simulator/clouds.ts), the packaged files.
// Adding a cloud: docs/contributing-providers.md.
import type { CloudId } from '../core/cloudIds';
import type { Provider, ProviderConfig } from '../core/provider';
import type { CloudInfo } from './cloudInfo';
import type { ProviderDeps } from './deps';
import { gpugeek } from './gpugeek/info';
import { neevcloud } from './neevcloud/info';
import { novita } from './novita/info';
import { yotta } from './yotta/info';

/** A registered cloud: its static facts, and its client, loaded on first use (dist/clouds/<id>.js). */
export interface Cloud<Id extends string = string> extends CloudInfo<Id> {
  load(): Promise<(config: ProviderConfig, deps: ProviderDeps) => Provider>;
}

export const CLOUDS = {
  yotta: { ...yotta, load: async () => (await import('./yotta')).createYottaProvider },
  novita: { ...novita, load: async () => (await import('./novita')).createNovitaProvider },
  gpugeek: { ...gpugeek, load: async () => (await import('./gpugeek')).createGpuGeekProvider },
  neevcloud: { ...neevcloud, load: async () => (await import('./neevcloud')).createNeevCloudProvider },
} satisfies { [Id in CloudId]: Cloud<Id> };
