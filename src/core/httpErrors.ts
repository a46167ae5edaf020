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
import { redact } from './redact';

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
      return new AuthError(`${cloud} refused the API key (HTTP ${response.status}).`, details);
    case 404:
      return new NotFoundError(`${cloud} could not find what was asked for (${req.what}).`, details);
    case 429:
      return new RateLimitError(`${cloud} is rate limiting requests.`, retryAfterMs(response.headers), details);
    default:
      return new CloudError(
        `${cloud} answered HTTP ${response.status} to ${req.what}.`,
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
    const note = idempotent ? '' : ' It may still have been carried out.';
    return new TimeoutError(`${cloud} did not answer ${req.what} in time.${note}`, detail);
  }
  return new NetworkError(`Could not reach ${cloud} (${req.what}): ${networkReason(e)}.`, detail);
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
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
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was dropped';
    default:
      return 'the connection failed';
  }
}
