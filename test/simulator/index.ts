import { checkSimulated, SIMULATED_CLOUDS } from './clouds';
import { Simulator, type SimulatorOptions } from './server';
import { CLOUDS } from '../../src/providers/clouds';

export { Simulator } from './server';

type Simulated = typeof SIMULATED_CLOUDS;

/** Each simulated cloud's control object for tests (seed pods, force failures …). */
export type SimControls = { [Id in keyof Simulated]: ReturnType<Simulated[Id]['install']> };

/** A simulator speaking every registered cloud, with each cloud's control object for tests. */
export function createSimulator(options: SimulatorOptions = {}): Simulator & { controls: SimControls } {
  checkSimulated(CLOUDS, SIMULATED_CLOUDS);
  const sim = new Simulator(options);
  const controls = Object.fromEntries(
    Object.entries(SIMULATED_CLOUDS).map(([id, cloud]) => [id, cloud.install(sim)]),
  ) as SimControls;
  return Object.assign(sim, { controls });
}
