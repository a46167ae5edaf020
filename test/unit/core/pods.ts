import type { Pod } from '../../../src/core/model';

/** A running GPUGeek pod with nothing listed beyond its id: the fields a test cares about are given. */
export function gpuGeekPod(id: string, fields: Partial<Pod> = {}): Pod {
  return {
    cloud: 'gpugeek',
    kind: 'pod',
    id,
    name: id,
    status: 'running',
    rawStatus: 'running',
    ports: [],
    details: [],
    ...fields,
  };
}
