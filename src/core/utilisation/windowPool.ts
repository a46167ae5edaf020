import type { SshPool } from '../ssh/client/pool';

/**
 * The window's one pool of SSH connections for sampling, created on the first pod read over SSH (with the
 * SSH bundle). A connection never outlives its pod's running state or the window: `closeAllBut` after every
 * list change, `dispose` with the window.
 */
export type SamplingPool = Pick<SshPool, 'exec' | 'openKeys' | 'close' | 'dispose'>;

export interface WindowPool {
  get(): Promise<SamplingPool>;
  /** Closes every open connection whose key (`<cloud>:<pod id>`) is not in `keep`: the pod stopped or went. */
  closeAllBut(keep: ReadonlySet<string>): Promise<void>;
  /** Forgets a pod's connection and its failures: after the user accepted its new host key, it is tried afresh. */
  close(key: string): Promise<void>;
  dispose(): Promise<void>;
}

export function windowPool(create: () => Promise<SamplingPool>): WindowPool {
  let pool: Promise<SamplingPool> | undefined;
  let disposed = false;
  const ready = () => pool?.catch(() => undefined);
  return {
    get() {
      if (disposed) return Promise.reject(new Error('The window is closing.'));
      pool ??= create();
      return pool;
    },
    async closeAllBut(keep) {
      const p = await ready();
      for (const key of p?.openKeys() ?? []) if (!keep.has(key)) p!.close(key);
    },
    async close(key) {
      (await ready())?.close(key);
    },
    async dispose() {
      disposed = true;
      (await ready())?.dispose();
    },
  };
}
