import { RateLimitError } from './errors';
import { type Endpoint, isTransitional, isVolumeTransitional, type Pod, type Volume } from './model';

/**
 * Loading one account's lists for the tree. Pods are the account's reason to exist; volumes, serverless
 * endpoints and VMs are extra groups, each loaded and failing on its own: one broken list (a 500 on volumes)
 * must not hide the pods, and a failing list keeps its last good content next to its error.
 */

export type OptionalGroup = 'volumes' | 'endpoints' | 'vms';
/** Every list of an account. */
export type ListName = 'pods' | OptionalGroup;

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

/**
 * Volumes and serverless endpoints change only when the user acts on them (and every action refreshes the
 * account in full), and they cost more to list than pods (Yotta requires a `storageType`: one request per
 * type). A background poll reads them at most this often; pods and VMs, which bill and change state on
 * their own, are read every poll.
 */
export const SLOW_GROUPS: readonly OptionalGroup[] = ['volumes', 'endpoints'];
export const SLOW_GROUP_MAX_AGE_MS = 5 * 60_000;

/**
 * The groups a refresh skips (keeping their last lists): slow groups on a background poll, while still fresh
 * and while nothing in them is changing state (a volume being created is followed to its end like a pod).
 */
export function groupsToKeep(
  background: boolean,
  slowListedAt: number | undefined,
  now: number,
  previous?: Partial<AccountLists>,
): OptionalGroup[] {
  if (!background || slowListedAt === undefined || now - slowListedAt >= SLOW_GROUP_MAX_AGE_MS) return [];
  return SLOW_GROUPS.filter((g) => !changingGroups(previous ?? {}).includes(g));
}

/**
 * The lists that hold something the tree shows as changing (spinning): a pod or VM starting, stopping or with
 * an operation pending, a volume creating or resizing, a serverless endpoint starting or stopping. While any
 * does, the account is polled fast, until each has reached its end state.
 */
export function changingGroups(lists: Partial<AccountLists>): ListName[] {
  const machine = (p: Pod) => isTransitional(p.status) || !!p.pending;
  const out: ListName[] = [];
  if (lists.pods?.some(machine)) out.push('pods');
  if (lists.vms?.some(machine)) out.push('vms');
  if (lists.volumes?.some((v) => isVolumeTransitional(v.status))) out.push('volumes');
  if (lists.endpoints?.some((e) => isTransitional(e.status))) out.push('endpoints');
  return out;
}

/** When each list was last read successfully: this load's good lists at `now`, the others as they were. */
export function listedTimes(
  lists: AccountLists,
  keep: readonly OptionalGroup[],
  before: Partial<Record<ListName, number>> | undefined,
  now: number,
): Partial<Record<ListName, number>> {
  const out = { ...before };
  if (lists.error === undefined) out.pods = now;
  for (const g of GROUPS)
    if (g in lists && !keep.includes(g) && !(lists.groupErrors && g in lists.groupErrors)) out[g] = now;
  return out;
}

/** What the tree needs to know whether a list it shows is out of date. */
export interface ListState {
  /** The pods list failed (`errorScope` 'pods') or the whole account did ('account': no list was read). */
  error?: unknown;
  errorScope?: 'pods' | 'account';
  groupErrors?: Partial<Record<OptionalGroup, unknown>>;
  listedAt?: Partial<Record<ListName, number>>;
}

/** The list's latest read failed, on its own or with the whole account: what it shows is not known to be current. */
export function listFailed(state: ListState, list: ListName): boolean {
  if (list === 'pods') return state.error !== undefined;
  return (
    (state.error !== undefined && state.errorScope === 'account') || (!!state.groupErrors && list in state.groupErrors)
  );
}

/**
 * When the shown content of a list was read, if its latest read failed and an older good list is kept; undefined
 * when the list is current or nothing was ever read (then there is nothing stale to mark).
 */
export function staleSince(state: ListState, list: ListName): number | undefined {
  return listFailed(state, list) ? state.listedAt?.[list] : undefined;
}

/**
 * Runs every loader at once; each failure stays with its own list. Never rejects. Groups in `keep` are not
 * asked for: their last list and error stay as they were.
 */
export async function loadAccountLists(
  load: ListLoaders,
  previous?: Partial<AccountLists>,
  keep: readonly OptionalGroup[] = [],
): Promise<AccountLists> {
  const asked = (g: OptionalGroup) => !keep.includes(g) && load[g];
  const [pods, ...groups] = await Promise.allSettled([
    load.pods(),
    ...GROUPS.map((g) => (asked(g) ? load[g]!() : undefined)),
  ]);
  const out: AccountLists =
    pods.status === 'fulfilled' ? { pods: pods.value } : { pods: previous?.pods ?? [], error: pods.reason };
  GROUPS.forEach((group, i) => {
    const result = groups[i];
    if (!load[group]) return;
    if (keep.includes(group)) {
      (out as Record<OptionalGroup, unknown>)[group] = previous?.[group];
      const kept = previous?.groupErrors?.[group];
      if (kept !== undefined) out.groupErrors = { ...out.groupErrors, [group]: kept };
      return;
    }
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
  return [
    ...(lists.error !== undefined ? [lists.error] : []),
    ...GROUPS.flatMap((g) => (lists.groupErrors && g in lists.groupErrors ? [lists.groupErrors[g]] : [])),
  ];
}

/** The cloud said "slow down" on any list: the whole account backs off (the lists share one rate limit). */
export function rateLimitOf(lists: AccountLists): RateLimitError | undefined {
  return listErrors(lists).find((e): e is RateLimitError => e instanceof RateLimitError);
}
