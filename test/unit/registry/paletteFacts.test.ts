import assert from 'node:assert/strict';
import { join } from 'node:path';
import { capabilitiesOf, paletteFactsOf } from '../../../src/core/capabilities';
import { Semaphore } from '../../../src/core/concurrency';
import { silentLogger } from '../../../src/core/logger';
import type { Provider, ProviderConfig } from '../../../src/core/provider';
import { CLOUD_IDS } from '../../../src/core/cloudIds';
import { CLOUDS } from '../../../src/providers/clouds';
import type { ProviderDeps } from '../../../src/providers/deps';

type Factory = (config: ProviderConfig, deps: ProviderDeps) => Provider;

/**
 * The cloud's `create…Provider` from its folder. The registry's `load()` is a dynamic import, which the
 * file-by-file test build leaves to Node's ES module loader (no folder imports there).
 */
function providerFactory(id: string): Factory {
  const mod = require(join(__dirname, '../../../src/providers', id)) as Record<string, unknown>;
  const factories = Object.entries(mod).filter(
    ([name, v]) => /^create\w+Provider$/.test(name) && typeof v === 'function',
  );
  assert.equal(factories.length, 1, `src/providers/${id} exports one create…Provider`);
  return factories[0][1] as Factory;
}

describe("each cloud's palette facts (info.ts) and its provider's operations", () => {
  for (const id of CLOUD_IDS) {
    it(`${id}: the palette facts in info.ts are what capabilitiesOf derives from the provider`, async () => {
      const cloud = CLOUDS[id];
      const create = providerFactory(id);
      // Building a provider sends no request; only its facts and operations are read here.
      const options = Object.fromEntries(cloud.accountOptions.map((o) => [o.id, 'x']));
      const provider = create(
        { apiKey: 'k', baseUrls: { ...cloud.baseUrls }, options },
        { logger: silentLogger, limiter: new Semaphore(1) },
      );
      assert.deepEqual(cloud.palette, paletteFactsOf(capabilitiesOf(provider)));
    });
  }
});
