import type { Simulator } from '../server';

/** Registers the simulated NeevCloud API on the simulator (placeholder until the cloud is built). */
export function installNeevCloud(_sim: Simulator): void {}
