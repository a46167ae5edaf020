import type { Simulator } from '../server';

/** Registers the simulated Yotta API on the simulator (placeholder until the cloud is built). */
export function installYotta(_sim: Simulator): void {}
