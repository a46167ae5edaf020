import { type Clock, sleepOn } from './clock';
import { CancelledError, CloudRefusal, ConfigError } from './errors';
import type { Pod } from './model';

/**
 * What one create request came to. Only a refusal the cloud documents as "nothing was done" (`CloudRefusal`)
 * proves there is no new pod; any other failure (a timeout, a lost or unreadable answer, an undocumented
 * business error that some clouds send after making the pod) leaves the outcome unknown, so the pod is
 * looked for by name, several times over a couple of minutes (a cloud may still be making it, or its list
 * may lag behind its create): a second create is a second bill. Not finding it in that time proves nothing
 * either: the outcome stays unknown, and only a documented refusal ever offers a retry.
 */
export type CreateOutcome<P extends Pod = Pod> =
  /** The create answered with the pod. */
  | { kind: 'created'; pod: P }
  /** The create failed (or an earlier attempt was refused), but a pod with the name exists: carry on with it. */
  | { kind: 'found'; pod: P; error: unknown }
  /** The cloud documented that nothing was done: the only outcome a retry may follow. */
  | { kind: 'notCreated'; error: unknown }
  /**
   * The create failed and the pod was not found: it may exist (or appear later); do not send the create
   * again. `lookupError`: the last look failed too; `looks`: how many looks were made (0 without a name).
   */
  | { kind: 'unknown'; error: unknown; lookupError?: unknown; looks: number };

export interface CreateAttempt<P extends Pod> {
  /** Sends the create request, once. */
  create(): Promise<P>;
  /** The name the pod was created with; without one there is no way to look it up. */
  name?: string;
  /** Pods (or VMs) with exactly this name, as the cloud lists them now. */
  findByName(name: string): Promise<P[]>;
  /** Ids of pods that existed before this create (the account's last list): a namesake among them is not ours. */
  known?: ReadonlySet<string>;
  /**
   * Names of earlier attempts the cloud refused (Edit and Retry): each is looked for once more before this
   * attempt is sent, so a refusal that made the pod after all is never followed by a second one.
   */
  refusedBefore?: readonly string[];
}

/**
 * When an unclear create is looked for, counted from the failure: at once, then spread over two minutes,
 * long enough for a cloud's list to show a pod it is still making.
 */
export const LOOKS_AFTER_MS: readonly number[] = [0, 5_000, 15_000, 30_000, 60_000, 120_000];

export interface SettleOptions {
  /** The waits between looks are on this clock. */
  clock: Clock;
  /** Offsets of the looks from the failure (default LOOKS_AFTER_MS). */
  looksAfterMs?: readonly number[];
  /** Told before each look after the first answer failed (1-based), so the user knows it is still being checked. */
  onLook?(look: number, of: number): void;
  /** Ends the looking early (the user cancelled); the outcome is then unknown. */
  signal?: AbortSignal;
}

/** Runs the create once and settles what happened. Rejects only with CancelledError (nothing was sent). */
export async function settleCreate<P extends Pod>(
  attempt: CreateAttempt<P>,
  options: SettleOptions,
): Promise<CreateOutcome<P>> {
  const earlier = await lookForEarlier(attempt);
  if (earlier) return earlier;
  try {
    return { kind: 'created', pod: await attempt.create() };
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    // A ConfigError is raised by our own checks before anything is sent (a missing choice, a bad setting).
    if (error instanceof CloudRefusal || error instanceof ConfigError) return { kind: 'notCreated', error };
    return lookForCreated(attempt, error, options);
  }
}

/** After a create failed with `error` that is not a documented refusal: does the pod exist after all? */
export async function lookForCreated<P extends Pod>(
  attempt: Omit<CreateAttempt<P>, 'create'>,
  error: unknown,
  options: SettleOptions,
): Promise<CreateOutcome<P>> {
  const name = attempt.name;
  if (!name) return { kind: 'unknown', error, looks: 0 };
  const schedule = options.looksAfterMs ?? LOOKS_AFTER_MS;
  let lookupError: unknown;
  let waited = 0;
  for (const [i, at] of schedule.entries()) {
    try {
      if (at > waited) await sleepOn(options.clock, at - waited, options.signal);
    } catch {
      return { kind: 'unknown', error, lookupError, looks: i };
    }
    waited = Math.max(waited, at);
    options.onLook?.(i + 1, schedule.length);
    try {
      const pod = newest(await attempt.findByName(name), attempt.known);
      if (pod) return { kind: 'found', pod, error };
      lookupError = undefined;
    } catch (e) {
      // A failed look is one look: the next may get through.
      lookupError = e;
    }
  }
  return { kind: 'unknown', error, lookupError, looks: schedule.length };
}

/** A pod an earlier, refused attempt made after all: looked for once per name before anything is sent. */
async function lookForEarlier<P extends Pod>(attempt: CreateAttempt<P>): Promise<CreateOutcome<P> | undefined> {
  for (const name of new Set(attempt.refusedBefore ?? [])) {
    let found: P[];
    try {
      found = await attempt.findByName(name);
    } catch (lookupError) {
      // Not knowing is not sending: the earlier refusal may have made a pod we cannot see.
      return { kind: 'unknown', error: lookupError, lookupError, looks: 1 };
    }
    const pod = newest(found, attempt.known);
    if (pod) return { kind: 'found', pod, error: undefined };
  }
  return undefined;
}

/** The newest pod of these that is not terminated and was not there before the create. */
function newest<P extends Pod>(found: readonly P[], known: ReadonlySet<string> | undefined): P | undefined {
  const ours = found.filter((p) => p.status !== 'terminated' && !known?.has(p.id));
  return ours.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))[0];
}
