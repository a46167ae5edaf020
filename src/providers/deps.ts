import type { Semaphore } from '../core/concurrency';
import type { Logger } from '../core/logger';

/** What a provider gets from the extension besides its config: shared, injectable for tests. */
export interface ProviderDeps {
  logger: Logger;
  /** One per API key: caps concurrent requests. */
  limiter: Semaphore;
  fetch?: typeof fetch;
  /** For clouds with asynchronous operations (GPUGeek): how often and how long to wait. */
  operationPollMs?: number;
  operationTimeoutMs?: number;
  /** Retry backoff base in ms (tests shorten it). */
  backoffMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}
