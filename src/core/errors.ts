import { l10n } from './l10n';
/**
 * The errors a user can meet. Every provider turns its cloud's failures into one of these,
 * so the UI can react by kind (offer "Update API Key" for AuthError, back off on RateLimitError).
 * Messages are one plain sentence and never contain a secret.
 */

export type CloudErrorKind =
  'auth' | 'rateLimited' | 'notFound' | 'unexpectedResponse' | 'network' | 'timeout' | 'cloud' | 'config' | 'cancelled';

export abstract class GpuPodsError extends Error {
  abstract readonly kind: CloudErrorKind;
  /** Extra text for the log only (schema issues, body excerpt); never shown in a toast. */
  readonly details?: string;
  constructor(message: string, details?: string) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The key was refused (401/403, or the cloud's own "not logged in" code). */
export class AuthError extends GpuPodsError {
  readonly kind = 'auth';
}

export class RateLimitError extends GpuPodsError {
  readonly kind = 'rateLimited';
  constructor(
    message: string,
    /** Milliseconds the cloud asked us to wait, when it said so. */
    readonly retryAfterMs?: number,
    details?: string,
  ) {
    super(message, details);
  }
}

export class NotFoundError extends GpuPodsError {
  readonly kind = 'notFound';
}

/** The cloud answered, but not in a shape we understand (schema mismatch, invalid JSON, truncated body). */
export class UnexpectedResponseError extends GpuPodsError {
  readonly kind = 'unexpectedResponse';
}

export class NetworkError extends GpuPodsError {
  readonly kind = 'network';
}

export class TimeoutError extends GpuPodsError {
  readonly kind = 'timeout';
}

/** The cloud refused the request and said why (balance, stock, invalid parameter …). */
export class CloudError extends GpuPodsError {
  readonly kind = 'cloud';
  constructor(
    message: string,
    /** The cloud's own code: Yotta 10001, Novita BALANCE_NOT_ENOUGH, GPUGeek 10135 … */
    readonly code: string,
    readonly httpStatus?: number,
    details?: string,
  ) {
    super(message, details);
  }
}

/**
 * A refusal the cloud documents as "nothing was done" (invalid parameter, sold out, balance too low).
 * Only this kind of answer to a create may reopen the wizard for a retry; any other failure leaves the
 * outcome unknown, and the pod is looked up by name first (a second pod is a second bill).
 */
export class CloudRefusal extends CloudError {}

/** Our own configuration is wrong (a base URL that is not https, a missing project id). */
export class ConfigError extends GpuPodsError {
  readonly kind = 'config';
  /** The setting that fixes it (`gpuPods.yotta.baseUrl`), when one does: the UI offers to open exactly it. */
  readonly setting?: string;
  constructor(message: string, options: { details?: string; setting?: string } = {}) {
    super(message, options.details);
    this.setting = options.setting;
  }
}

export class CancelledError extends GpuPodsError {
  readonly kind = 'cancelled';
  constructor() {
    super('Cancelled.');
  }
}

/** One sentence for the user, whatever was thrown. */
export function userMessage(e: unknown): string {
  if (e instanceof GpuPodsError) return e.message;
  if (e instanceof Error && e.name === 'AbortError') return 'Cancelled.';
  return l10n.t('Something went wrong; see the GPU Pods log for details.');
}
