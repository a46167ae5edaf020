import type { Logger } from '../logger';
import type { Pod } from '../model';
import type { HostEntry } from './hostEntries';

/**
 * A list that leaves a pod out is not proof that the pod is gone: a cloud's list endpoint can answer a
 * truncated or empty page that still parses. Before an entry is removed, the cloud is asked about that
 * one pod; only "not found" (or terminated) removes it. An error keeps the entry: we could not tell.
 */

export type PodLookup = (entry: HostEntry) => Promise<Pod | undefined>;

export async function confirmGone(
  candidates: readonly HostEntry[],
  lookup: PodLookup,
  logger: Logger,
): Promise<HostEntry[]> {
  const gone: HostEntry[] = [];
  for (const entry of candidates) {
    try {
      const pod = await lookup(entry);
      if (!pod || pod.status === 'terminated') gone.push(entry);
      else
        logger.info(
          `Keeping the SSH entry ${entry.alias}: the list left its pod out, but the cloud still has it (${pod.status}).`,
        );
    } catch (e) {
      logger.warn(
        `Keeping the SSH entry ${entry.alias}: could not confirm its pod is gone (${(e as Error)?.message ?? e}).`,
      );
    }
  }
  return gone;
}
