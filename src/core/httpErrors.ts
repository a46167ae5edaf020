import {
  AuthError,
  CancelledError,
  CloudError,
  GpuPodsError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from './errors';
import { systemClock } from './clock';
import { redact } from './redact';
import { l10n } from './l10n';

/** What the generic mappings need to know about the request that failed. */
interface Failed {
  method: string;
  path: string;
  what: string;
  signal?: AbortSignal;
}

/** A non-2xx answer no provider mapping claimed, by status. */
export function errorForStatus(
  cloud: string,
  response: { status: number; headers: Headers; body: unknown },
  req: Failed,
): GpuPodsError {
  const details = `HTTP ${response.status} for ${req.method} ${req.path}: ${JSON.stringify(redact(response.body) ?? '').slice(0, 500)}`;
  switch (response.status) {
    case 401:
    case 403:
      return new AuthError(l10n.t('{0} refused the API key (HTTP {1}).', cloud, response.status), details);
    case 404:
      return new NotFoundError(l10n.t('{0} could not find what was asked for ({1}).', cloud, req.what), details);
    case 429:
      return new RateLimitError(
        l10n.t('{0} is rate limiting requests.', cloud),
        retryAfterMs(response.headers),
        details,
      );
    default:
      return new CloudError(
        l10n.t('{0} answered HTTP {1} to {2}.', cloud, response.status, req.what),
        `HTTP_${response.status}`,
        response.status,
        details,
      );
  }
}

/** A request that got no answer: cancelled by the caller, timed out (ky's TimeoutError), or never connected. */
export function errorForTransport(cloud: string, e: unknown, req: Failed, idempotent: boolean): GpuPodsError {
  if (e instanceof GpuPodsError) return e;
  const name = e instanceof Error ? e.name : '';
  const detail = e instanceof Error ? `${e.name}: ${e.message}${e.cause ? ` (${String(e.cause)})` : ''}` : String(e);
  if (req.signal?.aborted) return new CancelledError();
  if (name === 'TimeoutError') {
    const note = idempotent ? '' : l10n.t(' It may still have been carried out.');
    return new TimeoutError(l10n.t('{0} did not answer {1} in time.{2}', cloud, req.what, note), detail);
  }
  return new NetworkError(l10n.t('Could not reach {0} ({1}): {2}.', cloud, req.what, networkReason(e)), detail);
}

/** Retry-After as seconds or an HTTP date, in milliseconds (a date is the server's, read against the system clock). */
export function retryAfterMs(headers: Headers, now = systemClock.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkReason(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return l10n.t('connection refused');
    case 'ENOTFOUND':
      return l10n.t('host not found');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return l10n.t('the connection was dropped');
    default:
      return l10n.t('the connection failed');
  }
}
