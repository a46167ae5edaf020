// The simulated clouds, one line per registered cloud (src/providers/clouds.ts): how to install it, and where
// each of its base URLs lives below the simulator's URL. A registered cloud missing here does not compile
// (Record<CloudId, …>), and the checks below throw at run time for a tree the compiler did not see.
import type { CloudId } from '../../src/core/model';
import { baseUrlSetting, type CloudInfo } from '../../src/providers/cloudInfo';
import { CLOUDS } from '../../src/providers/clouds';
import { installGpuGeek } from './gpugeek';
import { installNeevCloud } from './neevcloud';
import { installNovita } from './novita';
import type { Simulator } from './server';
import { installYotta } from './yotta';

interface SimulatedCloud {
  install(sim: Simulator): unknown;
  /** Path below the simulator's URL for each of the cloud's base URLs (the names of its info.ts `baseUrls`). */
  baseUrls: Record<string, string>;
}

export const SIMULATED_CLOUDS = {
  yotta: { install: installYotta, baseUrls: { base: '/yotta' } },
  novita: { install: installNovita, baseUrls: { base: '/novita' } },
  gpugeek: { install: installGpuGeek, baseUrls: { base: '/gpugeek' } },
  neevcloud: { install: installNeevCloud, baseUrls: { base: '/neevcloud/gpu', inventory: '/neevcloud/inventory' } },
} satisfies Record<CloudId, SimulatedCloud>;

/**
 * The extension's base URL settings for a simulator at `url`: one for every base URL of every registered
 * cloud. Throws, naming the cloud and the setting, when a registered cloud has no simulator or the simulator
 * gives one of its base URLs no address: a test would otherwise send that cloud's requests to the real API.
 */
export function simulatorSettings(
  url: string,
  registered: Record<string, Pick<CloudInfo, 'baseUrls'>> = CLOUDS,
  simulated: Record<string, Pick<SimulatedCloud, 'baseUrls'>> = SIMULATED_CLOUDS,
): Record<string, string> {
  checkSimulated(registered, simulated);
  const settings: Record<string, string> = {};
  for (const [id, info] of Object.entries(registered)) {
    for (const name of Object.keys(info.baseUrls)) {
      const setting = `gpuPods.${id}.${baseUrlSetting(name)}`;
      const path = simulated[id].baseUrls[name];
      if (path === undefined)
        throw new Error(
          `the simulator has no address for ${setting} (cloud "${id}"): add it in test/simulator/clouds.ts`,
        );
      settings[setting] = url + path;
    }
  }
  return settings;
}

/** Throws when a registered cloud has no simulator, or a simulated cloud is not registered. */
export function checkSimulated(registered: Record<string, unknown>, simulated: Record<string, unknown>): void {
  for (const id of Object.keys(registered)) {
    if (!(id in simulated))
      throw new Error(`cloud "${id}" is registered but has no simulator: add it to test/simulator/clouds.ts`);
  }
  for (const id of Object.keys(simulated)) {
    if (!(id in registered))
      throw new Error(`the simulator speaks cloud "${id}", which is not registered (src/providers/clouds.ts)`);
  }
}
