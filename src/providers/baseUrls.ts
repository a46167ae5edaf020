import type { CloudId } from '../core/model';

/** The real clouds' API base URLs: the settings' defaults. Kept apart so cloud code can read them without loading the registry. */
export const DEFAULT_BASE_URLS: Record<CloudId, Record<string, string>> = {
  yotta: { base: 'https://api.yottalabs.ai' },
  novita: { base: 'https://api.novita.ai/gpu-instance/openapi/v1' },
  gpugeek: { base: 'https://api-cloud.gpugeek.com' },
  neevcloud: { base: 'https://api.ai.neevcloud.com/gpu', inventory: 'https://api.ai.neevcloud.com/inventory' },
};
