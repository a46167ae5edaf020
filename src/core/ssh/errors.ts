import { GpuPodsError } from '../errors';

/**
 * Errors of the SSH layer that do not fit the cloud errors. Config problems (bad markers, symlinked or
 * read-only files, values that fail validation) use ConfigError from core/errors.
 */

/** The pod has no SSH address yet: the UI says "not reachable yet" instead of writing a broken entry. */
export class PodNotReachableError extends GpuPodsError {
  readonly kind = 'notFound';
}

/** `ssh`/`ssh-keygen` failed; the message carries the tool's own stderr (never a password). */
export class SshError extends GpuPodsError {
  readonly kind = 'network';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message, stderr);
  }
}
