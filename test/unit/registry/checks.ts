// The build's checks (scripts/checks/*.mjs, scripts/build.mjs) loaded from the repository: they are ES modules
// outside out/, so the compiled tests import them by absolute path.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as BundleGuardModule from '../../../scripts/checks/bundleGuard.mjs';
import type * as ManifestModule from '../../../scripts/checks/manifest.mjs';
import type * as RegistryModule from '../../../scripts/checks/registry.mjs';

export const repoRoot = join(__dirname, '../../../..');

type BundleGuard = typeof BundleGuardModule;
type ManifestCheck = typeof ManifestModule;
type RegistryCheck = typeof RegistryModule;

export interface Build {
  buildAll(root: string, overrides?: Record<string, unknown>): Promise<Array<{ metafile: Metafile }>>;
}
export interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

function load<T>(file: string): Promise<T> {
  return import(pathToFileURL(join(repoRoot, file)).href) as Promise<T>;
}

export const checks = async () => ({
  ...(await load<BundleGuard>('scripts/checks/bundleGuard.mjs')),
  ...(await load<ManifestCheck>('scripts/checks/manifest.mjs')),
  ...(await load<RegistryCheck>('scripts/checks/registry.mjs')),
  ...(await load<Build>('scripts/build.mjs')),
});
