import ky, { isHTTPError, type RetryOptions } from 'ky';
import { systemClock } from './clock';
import { Semaphore } from './concurrency';
import {
  CloudError,
  type GpuPodsError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from './errors';
import { parseJsonExact } from './exactJson';
import { errorForStatus, errorForTransport } from './httpErrors';
import { KeyGate } from './keyGate';
import type { Logger } from './logger';
import type { RateBudget } from './rateBudget';
import { redact, redactUrl } from './redact';
import { headerSecrets, SecretRedactor } from './secretRedactor';
import { l10n } from './l10n';

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
  /** Retries after the first attempt, for idempotent requests (ky does them). */
  maxRetries?: number;
  /** First backoff step; doubled each retry (1 s → 2 s → 4 s). */
  backoffMs?: number;
  /** Longest Retry-After we honour before giving up with a RateLimitError (without waiting). */
  maxRetryAfterMs?: number;
  /**
   * Turns a non-2xx answer into an error. Providers read their own error bodies here; what they
   * do not handle falls back to the generic mapping by status.
   */
  mapError?(response: HttpResponse, request: HttpRequest): GpuPodsError | undefined;
  fetch?: typeof fetch;
  /** Serialises a JSON body (GPUGeek writes ids beyond 2^53 as bare integers); JSON.stringify by default. */
  stringifyJson?: (body: unknown) => string;
}

export { retryAfterMs } from './httpErrors';

/** Answers worth another try of an idempotent request. */
const RETRY_STATUSES = [429, 500, 502, 503, 504];
/** ky retries only the methods it is given: all of ours, since `idempotent` (the retry limit) decides. */
const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Requests to one cloud through ky. ky retries idempotent requests (429/5xx, dropped connections, timeouts),
 * waits a 429's Retry-After or backs off 1 s → 2 s → 4 s, and times each attempt out. Around it we keep what
 * ky cannot know: the key's gate (every attempt waits for an in-flight slot and the request budget, and a 429
 * rests the whole key), the providers' error mappings, the retry log, and secrets kept out of logs and errors.
 */
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
      if (operation && this.operations) return await this.operations.run(() => this.send(req), req.signal);
      return await this.send(req);
    } catch (e) {
      // Whatever a cloud echoed (the key in an error body, a password) stays out of messages and details.
      throw this.secrets.scrubError(e);
    }
  }

  private async send(req: HttpRequest): Promise<HttpResponse> {
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const url = this.url(req);
    const fetchOnce = this.options.fetch ?? globalThis.fetch;
    let attempt = 0; // ky's retry count of the attempt under way
    let sentAt = 0;
    let answer: HttpResponse | undefined; // the last attempt's answer, read while its slot was held
    let releaseSlot: (() => void) | undefined;
    const free = () => {
      releaseSlot?.();
      releaseSlot = undefined;
    };
    const failures = new WeakMap<object, GpuPodsError>();
    /** The error a failed attempt stands for; a 429 rests the key whether or not the request is tried again. */
    const failure = (e: unknown): GpuPodsError => {
      const known = e instanceof Object ? failures.get(e) : undefined;
      if (known) return known;
      const mapped =
        isHTTPError(e) && answer
          ? this.toError(answer, req)
          : errorForTransport(this.options.cloudName, e, req, idempotent);
      if (isHTTPError(e)) {
        void e.response.body?.cancel().catch(() => undefined); // read already, from the copy ky handed the hook
        if (mapped instanceof RateLimitError) this.budget?.pauseFor(mapped.retryAfterMs ?? this.backoff(attempt + 1));
      }
      if (e instanceof Object) failures.set(e, mapped);
      return mapped;
    };
    try {
      const response = await ky(url, {
        method: req.method,
        headers: { Accept: 'application/json', ...this.options.headers },
        json: req.body,
        stringifyJson: this.options.stringifyJson,
        timeout: req.timeoutMs ?? this.options.timeoutMs ?? 30_000,
        signal: req.signal,
        // An attempt that gets no answer gives its slot back here; one that does, once its body is read.
        fetch: (input, init) =>
          fetchOnce(input, init).catch((e: unknown) => {
            free();
            throw e;
          }),
        retry: this.retryOptions(req, idempotent, failure),
        hooks: {
          beforeRequest: [
            async (_request, _options, state) => {
              attempt = state.retryCount;
              answer = undefined;
              free();
              releaseSlot = await this.limiter.hold(req.signal);
              try {
                if (this.budget) await this.waitForBudget(this.budget, req);
              } catch (e) {
                free();
                throw e;
              }
              sentAt = systemClock.now();
              this.traceRequest(req, url);
            },
          ],
          afterResponse: [
            async (_request, _options, response) => {
              try {
                answer = await this.read(response, req, url, sentAt);
              } finally {
                free();
              }
            },
          ],
        },
      });
      void response.body?.cancel().catch(() => undefined); // read already, from the copy ky handed the hook
      if (!answer)
        throw new UnexpectedResponseError(l10n.t('{0} sent no answer for {1}.', this.options.cloudName, req.what));
      return answer;
    } catch (e) {
      throw failure(e);
    } finally {
      free();
    }
  }

  /** What ky retries, and how long it waits: a create (not idempotent) is sent exactly once. */
  private retryOptions(req: HttpRequest, idempotent: boolean, failure: (e: unknown) => GpuPodsError): RetryOptions {
    return {
      limit: idempotent ? (this.options.maxRetries ?? 3) : 0,
      methods: ALL_METHODS,
      statusCodes: RETRY_STATUSES,
      afterStatusCodes: [429],
      maxRetryAfter: this.maxRetryAfterMs(),
      retryOnTimeout: true,
      delay: (n) => this.backoff(n),
      shouldRetry: ({ error, retryCount }) => this.retryVerdict(error, failure(error), req, retryCount),
    };
  }

  /**
   * ky asks before each retry. Our reading of the failure decides whether another try is worth it (a provider
   * may map a 5xx to a final error; a Retry-After beyond our limit is not waited for). Where ky's own rules
   * give the same wait (Retry-After on a 429, else the backoff) `undefined` leaves the wait to them; a retry
   * they would refuse or time differently (a status outside the list, a 429 without a Retry-After we can read)
   * is forced, which makes ky back off.
   */
  private retryVerdict(error: Error, failure: GpuPodsError, req: HttpRequest, retryCount: number): boolean | undefined {
    const status = isHTTPError(error) ? error.response.status : undefined;
    const wait = this.retryDelay(failure, retryCount, status);
    if (wait === undefined || req.signal?.aborted) return false;
    this.log.warn(`${req.what}: ${failure.message} Retrying in ${wait} ms (attempt ${retryCount + 1}).`);
    if (status === undefined) return undefined;
    if (status === 429)
      return failure instanceof RateLimitError && failure.retryAfterMs !== undefined ? undefined : true;
    return RETRY_STATUSES.includes(status) ? undefined : true;
  }

  /** Milliseconds ky will wait before retry number `retryCount`, or undefined when this failure is final. */
  private retryDelay(failure: GpuPodsError, retryCount: number, status: number | undefined): number | undefined {
    const backoff = this.backoff(retryCount);
    if (failure instanceof RateLimitError) {
      if (failure.retryAfterMs === undefined) return backoff;
      if (failure.retryAfterMs > this.maxRetryAfterMs()) return undefined;
      return status === 429 ? failure.retryAfterMs : backoff;
    }
    if (
      failure instanceof CloudError &&
      failure.httpStatus !== undefined &&
      RETRY_STATUSES.includes(failure.httpStatus)
    )
      return backoff;
    if (failure instanceof NetworkError || failure instanceof TimeoutError) return backoff;
    return undefined;
  }

  /** The wait before retry `n` (from 1): backoffMs, doubled each time. */
  private backoff(n: number): number {
    return (this.options.backoffMs ?? 1000) * 2 ** (n - 1);
  }

  private maxRetryAfterMs(): number {
    return this.options.maxRetryAfterMs ?? 60_000;
  }

  private traceRequest(req: HttpRequest, url: string): void {
    this.secrets.learn(req.body);
    const body = req.body === undefined ? '' : ' ' + JSON.stringify(redact(req.body));
    this.log.trace(`→ ${req.method} ${redactUrl(url)}${body}`);
  }

  /** One answer, read whole: logged, its secrets learnt, the key scrubbed from it, parsed with exact ids. */
  private async read(res: Response, req: HttpRequest, url: string, sentAt: number): Promise<HttpResponse> {
    const text = await res.text();
    const log = this.log;
    log.trace(
      `← ${res.status} ${req.method} ${redactUrl(url)} (${systemClock.now() - sentAt} ms, ${text.length} bytes)`,
    );
    let body: unknown;
    if (text.trim() !== '') {
      try {
        body = parseJsonExact(text);
      } catch {
        const excerpt = text.length > 200 ? `${text.slice(0, 200)}…` : text;
        if (res.status >= 200 && res.status < 300) {
          throw new UnexpectedResponseError(
            l10n.t('{0} sent a response that is not valid JSON for {1}.', this.options.cloudName, req.what),
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
    if (rest > this.maxRetryAfterMs()) {
      throw new RateLimitError(
        l10n.t(
          '{0} asked for a pause of {1} s before the next request.',
          this.options.cloudName,
          Math.ceil(rest / 1000),
        ),
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
    return this.options.mapError?.(response, req) ?? errorForStatus(this.options.cloudName, response, req);
  }
}
