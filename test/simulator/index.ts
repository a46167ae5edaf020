import { installGpuGeek } from './gpugeek';
import { installNeevCloud } from './neevcloud';
import { installNovita } from './novita';
import { Simulator, type SimulatorOptions } from './server';
import { installYotta } from './yotta';

export { Simulator } from './server';

/** A simulator speaking all four clouds. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const sim = new Simulator(options);
  installYotta(sim);
  installNovita(sim);
  installGpuGeek(sim);
  installNeevCloud(sim);
  return sim;
}
