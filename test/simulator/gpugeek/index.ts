import type { Simulator } from '../server';

/** Registers the simulated GpuGeek API on the simulator (placeholder until the cloud is built). */
export function installGpuGeek(_sim: Simulator): void {}
