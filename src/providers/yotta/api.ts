import type * as z from '../../core/zod';
import {
  AuthError,
  CloudError,
  CloudRefusal,
  type GpuPodsError,
  NotFoundError,
  RateLimitError,
  UnexpectedResponseError,
} from '../../core/errors';
import { HttpClient, type HttpRequest, type HttpResponse, retryAfterMs } from '../../core/http';
import { parseWith } from '../../core/schema';
import type { ProviderDeps } from '../deps';
import { zEnvelope } from './schemas';
import { l10n } from '../../core/l10n';

export const CLOUD_NAME = 'Yotta Labs';
export const SUCCESS = 10000;

/** Business codes that mean "no such thing"; the rest of the documented codes are refusals with a reason. */
const NOT_FOUND_CODES = new Set([10007, 11000, 13000, 14000, 24001, 24011]);
/**
 * 10001 "Invalid request parameters" (API guides, Standard Response Format): the request was refused as asked,
 * so nothing was done, the one code that proves it. After a create, every other code leaves the outcome unknown.
 */
const INVALID_PARAMS = 10001;

/** The cloud's message is untrusted text: one line, no control characters, bounded length. */
export function cleanMessage(message: string | null | undefined): string {
  const text = (message ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return short.replace(/[.。]+$/, '');
}

/** An envelope code other than success, as a core error. */
export function envelopeError(
  code: number,
  message: string | null | undefined,
  what: string,
  httpStatus?: number,
): GpuPodsError {
  const said = cleanMessage(message);
  const details = `code ${code}${httpStatus ? `, HTTP ${httpStatus}` : ''}: ${said}`;
  if (NOT_FOUND_CODES.has(code)) {
    return new NotFoundError(
      l10n.t('{0} could not find it ({1}): {2} (code {3}).', CLOUD_NAME, what, said || 'record not found', code),
      details,
    );
  }
  const reason = said || l10n.t('no reason given');
  const Kind = code === INVALID_PARAMS ? CloudRefusal : CloudError;
  return new Kind(
    l10n.t('{0} refused to {1}: {2} (code {3}).', CLOUD_NAME, what, reason, code),
    String(code),
    httpStatus,
    details,
  );
}

function readEnvelope(body: unknown) {
  const r = zEnvelope.safeParse(body);
  return r.success ? r.data : undefined;
}

/** Non-2xx answers: Yotta wraps most of them in its envelope too. */
function mapHttpError(response: HttpResponse, request: HttpRequest): GpuPodsError | undefined {
  const env = readEnvelope(response.body);
  const said = env ? cleanMessage(env.message) : '';
  if (response.status === 401 || response.status === 403) {
    return new AuthError(l10n.t('{0} refused the API key (HTTP {1}).', CLOUD_NAME, response.status), said);
  }
  if (response.status === 429) {
    return new RateLimitError(
      l10n.t('{0} is rate limiting requests.', CLOUD_NAME),
      retryAfterMs(response.headers),
      said,
    );
  }
  if (env && env.code !== SUCCESS) return envelopeError(env.code, env.message, request.what, response.status);
  return undefined;
}

/** One method per call shape; endpoint knowledge lives in pods.ts / resources.ts. */
export class YottaApi {
  readonly http: HttpClient;

  constructor(baseUrl: string, apiKey: string, deps: ProviderDeps) {
    this.http = new HttpClient({
      baseUrl,
      cloudName: CLOUD_NAME,
      headers: { 'X-Api-Key': apiKey },
      logger: deps.logger,
      limiter: deps.limiter,
      timeoutMs: deps.timeoutMs,
      backoffMs: deps.backoffMs,
      fetch: deps.fetch,
      mapError: mapHttpError,
    });
  }

  /** Sends, unwraps the envelope, turns a business code into an error, validates `data`. */
  async call<T>(req: HttpRequest, schema: z.ZodMiniType<T>): Promise<T> {
    const res = await this.http.request(req);
    if (res.body === undefined) {
      throw new UnexpectedResponseError(
        l10n.t('{0} sent an empty response for {1}.', CLOUD_NAME, req.what),
        `HTTP ${res.status}`,
      );
    }
    const env = parseWith(zEnvelope, res.body, req.what);
    if (env.code !== SUCCESS) throw envelopeError(env.code, env.message, req.what, res.status);
    return parseWith(schema, env.data, req.what);
  }
}
