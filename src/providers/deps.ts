import type { Semaphore } from '../core/concurrency';
import type { KeyGate } from '../core/keyGate';
import type { Logger } from '../core/logger';
import type { Provider, ProviderConfig } from '../core/provider';
import { scrubbingErrors } from '../core/scrubbedErrors';
import type { SecretValues } from '../core/secretRedactor';

/** What a provider gets from the extension besides its config: shared, injectable for tests. */
export interface ProviderDeps {
  logger: Logger;
  /**
   * One per API key: caps concurrent requests. ProviderManager passes a KeyGate (core/keyGate.ts), which also
   * carries the key's request budget, operation cap and secret values into every HttpClient built with it.
   */
  limiter: Semaphore;
  /**
   * The account's secret values: a pod password or Jupyter token the provider learns outside a
   * password/token-named response field goes here, and is then scrubbed from every log line and error.
   */
  secrets?: SecretValues;
  fetch?: typeof fetch;
  /** For clouds with asynchronous operations (GPUGeek): how often and how long to wait. */
  operationPollMs?: number;
  operationTimeoutMs?: number;
  /** Retry backoff base in ms (tests shorten it); ky waits it out between attempts. */
  backoffMs?: number;
  timeoutMs?: number;
  /** Waits a provider makes itself (GPUGeek's operation polling); tests make them instant. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * How ProviderManager builds an account's provider: on the account's KeyGate (its limits and secret values),
 * with a logger that scrubs those values, and with every error the provider raises scrubbed of them too.
 */
export function buildAccountProvider(
  factory: (config: ProviderConfig, deps: ProviderDeps) => Provider,
  config: ProviderConfig,
  gate: KeyGate,
  logger: Logger,
  extra: Partial<ProviderDeps> = {},
): Provider {
  gate.secrets.add(config.apiKey);
  const deps: ProviderDeps = { logger: gate.secrets.logger(logger), limiter: gate, secrets: gate.secrets, ...extra };
  return scrubbingErrors(factory(config, deps), gate.secrets);
}
