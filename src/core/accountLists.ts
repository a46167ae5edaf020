import { RateLimitError } from './errors';
import type { Endpoint, Pod, Volume } from './model';

/**
 * Loading one account's lists for the tree. Pods are the account's reason to exist; volumes, serverless
 * endpoints and VMs are extra groups, each loaded and failing on its own: one broken list (a 500 on volumes)
 * must not hide the pods, and a failing list keeps its last good content next to its error.
 */

export type OptionalGroup = 'volumes' | 'endpoints' | 'vms';

export interface ListLoaders {
  pods(): Promise<Pod[]>;
  volumes?(): Promise<Volume[]>;
  endpoints?(): Promise<Endpoint[]>;
  vms?(): Promise<Pod[]>;
}

export interface AccountLists {
  pods: Pod[];
  volumes?: Volume[];
  endpoints?: Endpoint[];
  vms?: Pod[];
  /** The pods list failed (`pods` is then the last good list): only a refresh without it is complete. */
  error?: unknown;
  /** Extra groups whose list failed this time; their lists are the last good ones, if any. */
  groupErrors?: Partial<Record<OptionalGroup, unknown>>;
}

const GROUPS: OptionalGroup[] = ['volumes', 'endpoints', 'vms'];

/** Runs every loader at once; each failure stays with its own list. Never rejects. */
export async function loadAccountLists(load: ListLoaders, previous?: Partial<AccountLists>): Promise<AccountLists> {
  const [pods, ...groups] = await Promise.allSettled([load.pods(), ...GROUPS.map((g) => load[g]?.())]);
  const out: AccountLists = pods.status === 'fulfilled' ? { pods: pods.value } : { pods: previous?.pods ?? [], error: pods.reason };
  GROUPS.forEach((group, i) => {
    const result = groups[i];
    if (!load[group]) return;
    if (result.status === 'fulfilled') {
      (out as Record<OptionalGroup, unknown>)[group] = result.value;
      return;
    }
    (out as Record<OptionalGroup, unknown>)[group] = previous?.[group];
    out.groupErrors = { ...out.groupErrors, [group]: result.reason };
  });
  return out;
}

/** Every error of a load, pods first. */
export function listErrors(lists: AccountLists): unknown[] {
  return [...(lists.error !== undefined ? [lists.error] : []), ...GROUPS.flatMap((g) => (lists.groupErrors && g in lists.groupErrors ? [lists.groupErrors[g]] : []))];
}

/** The cloud said "slow down" on any list: the whole account backs off (the lists share one rate limit). */
export function rateLimitOf(lists: AccountLists): RateLimitError | undefined {
  return listErrors(lists).find((e): e is RateLimitError => e instanceof RateLimitError);
}
