import { CancelledError, CloudRefusal, ConfigError } from './errors';
import type { Pod } from './model';

/**
 * What one create request came to. Only a refusal the cloud documents as "nothing was done" (`CloudRefusal`)
 * proves there is no new pod; any other failure (a timeout, a lost or unreadable answer, an undocumented
 * business error that some clouds send after making the pod) leaves the outcome unknown, so the pod is
 * looked up by name before anything else: a second create is a second bill.
 */
export type CreateOutcome<P extends Pod = Pod> =
  /** The create answered with the pod. */
  | { kind: 'created'; pod: P }
  /** The create failed, but a pod with the name exists: carry on with it. */
  | { kind: 'found'; pod: P; error: unknown }
  /** The cloud said nothing was done, or we looked and no such pod exists: a retry cannot double-create. */
  | { kind: 'notCreated'; error: unknown; lookedUp: boolean }
  /** The create failed and looking for the pod failed too: it may exist; do not send the create again. */
  | { kind: 'unknown'; error: unknown; lookupError?: unknown };

export interface CreateAttempt<P extends Pod> {
  /** Sends the create request, once. */
  create(): Promise<P>;
  /** The name the pod was created with; without one there is no way to look it up. */
  name?: string;
  /** Pods (or VMs) with exactly this name, as the cloud lists them now. */
  findByName(name: string): Promise<P[]>;
  /** Ids of pods that existed before this create (the account's last list): a namesake among them is not ours. */
  known?: ReadonlySet<string>;
}

/** Runs the create once and settles what happened. Rejects only with CancelledError (nothing was sent). */
export async function settleCreate<P extends Pod>(attempt: CreateAttempt<P>): Promise<CreateOutcome<P>> {
  try {
    return { kind: 'created', pod: await attempt.create() };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    // A ConfigError is raised by our own checks before anything is sent (a missing choice, a bad setting).
    if (error instanceof CloudRefusal || error instanceof ConfigError)
      return { kind: 'notCreated', error, lookedUp: false };
    return lookForCreated(attempt, error);
  }
}

/** After a create failed with `error` that is not a documented refusal: does the pod exist after all? */
export async function lookForCreated<P extends Pod>(
  attempt: Omit<CreateAttempt<P>, 'create'>,
  error: unknown,
): Promise<CreateOutcome<P>> {
  if (!attempt.name) return { kind: 'unknown', error };
  let found: P[];
  try {
    found = await attempt.findByName(attempt.name);
  } catch (lookupError) {
    return { kind: 'unknown', error, lookupError };
  }
  const ours = found.filter((p) => p.status !== 'terminated' && !attempt.known?.has(p.id));
  const newest = ours.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
  return newest ? { kind: 'found', pod: newest, error } : { kind: 'notCreated', error, lookedUp: true };
}
