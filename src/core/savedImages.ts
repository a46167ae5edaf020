import { type Clock, sleepOn } from './clock';
import { CancelledError, CloudError, TimeoutError } from './errors';
import { l10n } from './l10n';
import type { Pod } from './model';

/** An image GPU Pods asked a cloud to save from a pod (Novita's save-image job). */
export interface SavedImage {
  /** The full reference it was saved as: registry, repository and tag. */
  image: string;
  /** The registry credential it was pushed with; the same one pulls it. */
  credentialId?: string;
  /** The cloud's job id, to ask how the save went. */
  jobId: string;
  /** The pod it came from, for the label. */
  podName?: string;
  /** Epoch ms. */
  savedAt: number;
  /** The job was seen to succeed; until then the image may not exist yet. */
  done: boolean;
}

/** A save job as the cloud reports it. */
export interface ImageSaveJob {
  state: 'running' | 'done' | 'failed';
  /** The cloud's own word (shown while following it). */
  rawState: string;
  /** Why it failed, as the cloud said it. */
  message?: string;
}

/** Saving a pod's container as an image (Novita's job/save/image). */
export interface ImageSaveOps {
  /** Starts the save; resolves with the job id. Never retried: a second job would push twice. */
  save(podId: string, image: string, credentialId?: string, signal?: AbortSignal): Promise<string>;
  /** The job now; undefined when the cloud does not list it (yet). */
  job(jobId: string, signal?: AbortSignal): Promise<ImageSaveJob | undefined>;
  /** Whether the pod's state allows a save (the menu offers only these). */
  allows(pod: Pod): boolean;
}

/** Longest image reference the save accepts (Novita's SaveImageRequest: 1–4095). */
const MAX_REFERENCE = 4095;

/** A full reference with a tag, as the save needs it ("registry, repository, and tag"). */
export function validateSaveTarget(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter where to save the image, e.g. registry.example.com/team/image:v1.');
  if (v.length > MAX_REFERENCE) return l10n.t('At most {0} characters.', MAX_REFERENCE);
  if (/\s/.test(v)) return l10n.t('The image reference must not contain spaces.');
  const last = v.slice(v.lastIndexOf('/') + 1);
  if (!/^[a-z0-9][a-z0-9._-]*:[\w][\w.-]{0,127}$/.test(last))
    return l10n.t('End the reference with a lowercase name and a tag, e.g. my-env:v1.');
  return undefined;
}

export interface FollowOptions {
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onUpdate?(job: ImageSaveJob | undefined): void;
}

/**
 * Asks how the save goes until it ends. A failed job ends with the cloud's reason; running out of time ends with
 * a TimeoutError that says the save carries on; a job the cloud stops listing is taken as still starting.
 */
export async function followSaveJob(
  ops: Pick<ImageSaveOps, 'job'>,
  jobId: string,
  options: FollowOptions,
): Promise<ImageSaveJob> {
  let waited = 0;
  for (;;) {
    if (options.signal?.aborted) throw new CancelledError();
    const lookedAt = options.clock.now();
    const job = await ops.job(jobId, options.signal);
    options.onUpdate?.(job);
    if (job?.state === 'done') return job;
    if (job?.state === 'failed')
      throw new CloudError(
        l10n.t('The image could not be saved{0}', job.message ? `: ${job.message}` : ` (${job.rawState}).`),
        'SAVE_IMAGE_FAILED',
      );
    if (waited >= options.timeoutMs)
      throw new TimeoutError(
        l10n.t(
          'The save is still under way after {0} min; it carries on in the cloud.',
          Math.round(options.timeoutMs / 60000),
        ),
      );
    try {
      await sleepOn(options.clock, options.intervalMs, options.signal);
    } catch {
      throw new CancelledError();
    }
    waited += Math.max(options.intervalMs, options.clock.now() - lookedAt);
  }
}
