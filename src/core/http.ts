import ky from 'ky';
import { Semaphore, sleep } from './concurrency';
import {
  AuthError,
  CancelledError,
  CloudError,
  GpuPodsError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from './errors';
import { parseJsonExact } from './exactJson';
import { KeyGate } from './keyGate';
import type { Logger } from './logger';
import type { RateBudget } from './rateBudget';
import { redact, redactUrl } from './redact';
import { headerSecrets, SecretRedactor } from './secretRedactor';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with '/'. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Names the request in messages: "list pods". */
  what: string;
  /**
   * Safe to send again after a 429/5xx/timeout. Defaults to true for GET/PUT/DELETE and false for POST:
   * a create is never retried automatically — a duplicate pod costs the user money.
   */
  idempotent?: boolean;
  /**
   * Changes something in the account (create, pause, resume, delete …): counts against the cloud's limit on
   * concurrent operations. Defaults to true for every method but GET.
   */
  operation?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON with unsafe integers kept as strings; undefined for an empty body. */
  body: unknown;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** The cloud's display name for messages ("Yotta Labs"). */
  cloudName: string;
  /** Auth headers: values never reach the log. */
  headers: Record<string, string>;
  logger: Logger;
  /**
   * Shared by every client using the same key. A KeyGate also brings the key's request budget, its cap on
   * concurrent operations and its secret values, so providers pass `deps.limiter` and get all of them.
   */
  limiter?: Semaphore;
  timeoutMs?: number;
  /** Retries after the first attempt, for idempotent requests. */
  maxRetries?: number;
  /** First backoff step; doubled each retry (1 s → 2 s → 4 s). */
  backoffMs?: number;
  /** Longest Retry-After we honour before giving up with a RateLimitError. */
  maxRetryAfterMs?: number;
  /**
   * Turns a non-2xx answer into an error. Providers read their own error bodies here; what they
   * do not handle falls back to the generic mapping by status.
   */
  mapError?(response: HttpResponse, request: HttpRequest): GpuPodsError | undefined;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

export class HttpClient {
  private readonly limiter: Semaphore;
  private readonly budget?: RateBudget;
  private readonly operations?: Semaphore;
  /** The account's secret values (its key, pod passwords): scrubbed from every log line and error. */
  private readonly secrets: SecretRedactor;
  /** The key alone: scrubbed from response bodies too, since nothing we read may carry it on. */
  private readonly key = new SecretRedactor();
  private readonly log: Logger;

  constructor(private readonly options: HttpClientOptions) {
    this.limiter = options.limiter ?? new Semaphore(5);
    const gate = options.limiter instanceof KeyGate ? options.limiter : undefined;
    this.budget = gate?.budget;
    this.operations = gate?.operations;
    this.secrets = gate?.secrets ?? new SecretRedactor();
    for (const value of headerSecrets(options.headers)) {
      this.secrets.add(value);
      this.key.add(value);
    }
    this.log = this.secrets.logger(options.logger);
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const operation = req.operation ?? req.method !== 'GET';
    try {
      if (operation && this.operations) return await this.operations.run(() => this.attempts(req), req.signal);
      return await this.attempts(req);
    } catch (e) {
      // Whatever a cloud echoed (the key in an error body, a password) stays out of messages and details.
      throw this.secrets.scrubError(e);
    }
  }

  private async attempts(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const maxRetries = idempotent ? (this.options.maxRetries ?? 3) : 0;
    const wait = this.options.sleep ?? sleep;
    let attempt = 0;
    for (;;) {
      try {
        const response = await this.limiter.run(() => this.once(req), req.signal);
        if (response.status >= 200 && response.status < 300) return response;
        throw this.toError(response, req);
      } catch (e) {
        const error = this.normalise(e, req, idempotent);
        const delay = this.retryDelay(error, attempt);
        // The whole key rests as long as the cloud asked, whether or not this request is tried again.
        if (error instanceof RateLimitError) this.budget?.pauseFor(error.retryAfterMs ?? delay ?? 0);
        if (attempt >= maxRetries || delay === undefined) throw error;
        attempt++;
        this.log.warn(`${req.what}: ${error.message} Retrying in ${delay} ms (attempt ${attempt + 1}).`);
        try {
          await wait(delay, req.signal);
        } catch {
          throw new CancelledError();
        }
      }
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse> {
    const url = this.url(req);
    if (this.budget) await this.waitForBudget(this.budget, req);
    const started = Date.now();
    const log = this.log;
    this.secrets.learn(req.body);
    log.trace(
      `→ ${req.method} ${redactUrl(url)}${req.body === undefined ? '' : ' ' + JSON.stringify(redact(req.body))}`,
    );
    const res = await ky(url, {
      method: req.method,
      headers: { Accept: 'application/json', ...this.options.headers },
      json: req.body,
      timeout: req.timeoutMs ?? this.options.timeoutMs ?? 30_000,
      retry: 0,
      throwHttpErrors: false,
      signal: req.signal,
      fetch: this.options.fetch,
    });
    const text = await res.text();
    log.trace(`← ${res.status} ${req.method} ${redactUrl(url)} (${Date.now() - started} ms, ${text.length} bytes)`);
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = parseJsonExact(text);
      } catch {
        const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        if (res.status >= 200 && res.status < 300) {
          throw new UnexpectedResponseError(
            `${this.options.cloudName} sent a response that is not valid JSON for ${req.what}.`,
            `HTTP ${res.status}, body starts: ${JSON.stringify(excerpt)}`,
          );
        }
        body = text;
      }
    }
    this.secrets.learn(body);
    if (body !== undefined && this.key.appearsIn(text)) body = this.key.scrubValue(body);
    if (body !== undefined) log.trace(`  body ${JSON.stringify(redact(body)).slice(0, 2000)}`);
    return { status: res.status, headers: res.headers, body };
  }

  /** Waits for the key's budget; a rest after 429 longer than we would wait for one request fails at once. */
  private async waitForBudget(budget: RateBudget, req: HttpRequest): Promise<void> {
    const rest = budget.pausedFor();
    if (rest > (this.options.maxRetryAfterMs ?? 60_000)) {
      throw new RateLimitError(
        `${this.options.cloudName} asked for a pause of ${Math.ceil(rest / 1000)} s before the next request.`,
        rest,
        `${req.method} ${req.path} not sent: the key rests after a 429.`,
      );
    }
    await budget.take(req.signal);
  }

  private url(req: HttpRequest): string {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    return url.toString();
  }

  private toError(response: HttpResponse, req: HttpRequest): GpuPodsError {
    const mapped = this.options.mapError?.(response, req);
    if (mapped) return mapped;
    const cloud = this.options.cloudName;
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

  private normalise(e: unknown, req: HttpRequest, idempotent: boolean): GpuPodsError {
    if (e instanceof GpuPodsError) return e;
    const cloud = this.options.cloudName;
    const name = e instanceof Error ? e.name : '';
    const detail = e instanceof Error ? `${e.name}: ${e.message}${e.cause ? ` (${String(e.cause)})` : ''}` : String(e);
    if (req.signal?.aborted) return new CancelledError();
    if (name === 'TimeoutError') {
      const note = idempotent ? '' : ' It may still have been carried out.';
      return new TimeoutError(`${cloud} did not answer ${req.what} in time.${note}`, detail);
    }
    return new NetworkError(`Could not reach ${cloud} (${req.what}): ${networkReason(e)}.`, detail);
  }

  /** Milliseconds to wait before the next attempt, or undefined when this error is not worth retrying. */
  private retryDelay(error: GpuPodsError, attempt: number): number | undefined {
    const backoff = (this.options.backoffMs ?? 1000) * 2 ** attempt;
    if (error instanceof RateLimitError) {
      if (error.retryAfterMs === undefined) return backoff;
      return error.retryAfterMs <= (this.options.maxRetryAfterMs ?? 60_000) ? error.retryAfterMs : undefined;
    }
    if (error instanceof CloudError && error.httpStatus !== undefined && RETRY_STATUSES.has(error.httpStatus))
      return backoff;
    if (error instanceof NetworkError || error instanceof TimeoutError) return backoff;
    return undefined;
  }
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
