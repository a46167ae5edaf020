import type { RateLimit } from '../core/keyGate';
import type { CloudId } from '../core/model';
import type { Provider, ProviderConfig } from '../core/provider';
import { DEFAULT_BASE_URLS } from './baseUrls';
import type { ProviderDeps } from './deps';

/**
 * For clouds that publish no limits: Yotta's lowest plan (60/min, 5 operations), the only figures any of our
 * clouds documents. It is far above what the tree needs when pods are stable (a few requests a minute) and
 * keeps bursts while pods change state at a rate no cloud we know of refuses.
 */
const UNDOCUMENTED_LIMIT: RateLimit = { perMinute: 60, concurrentOperations: 5 };

/** An account setting asked for when the account is connected (NeevCloud's org and project). */
export interface AccountOption {
  id: string;
  title: string;
  prompt: string;
  required: boolean;
}

export interface CloudInfo {
  id: CloudId;
  displayName: string;
  /** Where the user gets a key; shown in the key prompt. */
  keyHelp: string;
  keyPlaceholder: string;
  /** Base URL names with their defaults; each is the setting `gpuPods.<cloud>.<name>Url`. */
  baseUrls: Record<string, string>;
  accountOptions: AccountOption[];
  /** Settings `gpuPods.<cloud>.<name>` passed to the provider as options (Yotta's apiVersion). */
  settingOptions: string[];
  /** The cloud's limits per API key; every request of an account waits for them (core/keyGate.ts). */
  rateLimit: RateLimit;
  /** Loaded on first use, not at activation. */
  load(): Promise<(config: ProviderConfig, deps: ProviderDeps) => Provider>;
}

export const CLOUDS: Record<CloudId, CloudInfo> = {
  yotta: {
    id: 'yotta',
    displayName: 'Yotta Labs',
    keyHelp: 'Yotta Console → Settings → Access Keys',
    keyPlaceholder: 'Yotta API key',
    baseUrls: DEFAULT_BASE_URLS.yotta,
    accountOptions: [],
    settingOptions: ['apiVersion'],
    // "Max Requests / Minute: 60–120 (depending on plan)", "Concurrent Pod Operations: up to 5 simultaneous per
    // API key" (Yotta API guide, Rate Limits & Best Practices). We cannot read the plan, so the lowest holds.
    rateLimit: { perMinute: 60, concurrentOperations: 5 },
    load: async () => (await import('./yotta')).createYottaProvider,
  },
  novita: {
    id: 'novita',
    displayName: 'Novita AI',
    keyHelp: 'Novita console → Key Management',
    keyPlaceholder: 'Novita API key',
    baseUrls: DEFAULT_BASE_URLS.novita,
    accountOptions: [],
    settingOptions: [],
    // Novita documents RATE_LIMIT_EXCEEDED (HTTP 429) for the GPU instance API but no figure.
    rateLimit: UNDOCUMENTED_LIMIT,
    load: async () => (await import('./novita')).createNovitaProvider,
  },
  gpugeek: {
    id: 'gpugeek',
    displayName: 'GPUGeek',
    keyHelp: 'GPUGeek Account Center → OpenAPI Key (enterprise accounts)',
    keyPlaceholder: 'GPUGeek API token',
    baseUrls: DEFAULT_BASE_URLS.gpugeek,
    accountOptions: [],
    settingOptions: [],
    // GPUGeek's OpenAPI document states no limits.
    rateLimit: UNDOCUMENTED_LIMIT,
    load: async () => (await import('./gpugeek')).createGpuGeekProvider,
  },
  neevcloud: {
    id: 'neevcloud',
    displayName: 'NeevCloud',
    keyHelp: 'NeevCloud console → personal access token (pat-nc-…)',
    keyPlaceholder: 'NeevCloud personal access token',
    baseUrls: DEFAULT_BASE_URLS.neevcloud,
    accountOptions: [
      {
        id: 'orgId',
        title: 'Organisation id',
        prompt: 'NeevCloud organisation id (from the console or `neev` CLI)',
        required: true,
      },
      { id: 'projectId', title: 'Project id', prompt: 'NeevCloud project id', required: true },
    ],
    settingOptions: [],
    // NeevCloud's API reference states no limits.
    rateLimit: UNDOCUMENTED_LIMIT,
    load: async () => (await import('./neevcloud')).createNeevCloudProvider,
  },
};

export const CLOUD_IDS = Object.keys(CLOUDS) as CloudId[];
