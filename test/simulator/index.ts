import { type GpuGeekSimControl, installGpuGeek } from './gpugeek';
import { installNeevCloud, type NeevCloudSimControl } from './neevcloud';
import { installNovita, type NovitaSimControl } from './novita';
import { Simulator, type SimulatorOptions } from './server';
import { installYotta, type YottaSimControl } from './yotta';

export { Simulator } from './server';

export interface SimControls {
  yotta: YottaSimControl;
  novita: NovitaSimControl;
  gpugeek: GpuGeekSimControl;
  neevcloud: NeevCloudSimControl;
}

/** A simulator speaking all four clouds, with each cloud's control object for tests. */
export function createSimulator(options: SimulatorOptions = {}): Simulator & { controls: SimControls } {
  const sim = new Simulator(options);
  const controls: SimControls = {
    yotta: installYotta(sim),
    novita: installNovita(sim),
    gpugeek: installGpuGeek(sim),
    neevcloud: installNeevCloud(sim),
  };
  return Object.assign(sim, { controls });
}
