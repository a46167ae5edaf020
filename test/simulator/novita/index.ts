import type { Simulator } from '../server';

/** Registers the simulated Novita API on the simulator (placeholder until the cloud is built). */
export function installNovita(_sim: Simulator): void {}
