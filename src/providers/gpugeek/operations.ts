import { sleep as defaultSleep } from '../../core/concurrency';
import { CancelledError, CloudError, TimeoutError } from '../../core/errors';
import type { ActionOptions } from '../../core/provider';
import type { ProviderDeps } from '../deps';
import { cleanMessage, type GpuGeekApi } from './api';
import { flag, type RawOperation } from './schemas';
import { l10n } from '../../core/l10n';

export const DEFAULT_POLL_MS = 2000;
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

// Operation states: 1 running, 2 success, 3 failure.
export const OP_SUCCESS = 2;
export const OP_FAILURE = 3;

/** Code on the CloudError for an operation that GPUGeek accepted and then reported as failed. */
export const OPERATION_FAILED = 'OPERATION_FAILED';

export interface WaitOptions extends ActionOptions {
  /** "stop instance 123", for messages. */
  what: string;
  instanceId: string;
}

/**
 * Polls op/result until the operation completes. Success resolves; failure (status 3) is a CloudError
 * with the operation's own outcome; running past the timeout is a TimeoutError that says the operation
 * is still pending on GPUGeek's side (it may yet finish: nothing here pretends it is done).
 */
export async function waitForOperation(
  api: GpuGeekApi,
  deps: ProviderDeps,
  operationId: string,
  options: WaitOptions,
): Promise<RawOperation> {
  const pollMs = Math.max(1, deps.operationPollMs ?? DEFAULT_POLL_MS);
  const timeoutMs = deps.operationTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const wait = deps.sleep ?? defaultSleep;
  const started = Date.now();
  let slept = 0; // counts injected (possibly instant) sleeps too, so a fake clock still times out
  for (;;) {
    if (options.signal?.aborted) throw new CancelledError();
    const ops = await api.operations([operationId], options.signal);
    const op = ops.find((o) => o.operationId === operationId) ?? (ops.length === 1 ? ops[0] : undefined);
    if (op) {
      if (op.status === OP_FAILURE) throw failure(op, operationId, options);
      if (op.status === OP_SUCCESS && flag(op.isCompleted) !== false) return op;
    }
    const elapsed = Math.max(Date.now() - started, slept);
    if (elapsed + pollMs > timeoutMs) {
      throw new TimeoutError(
        l10n.t(
          'GPUGeek has not finished the request to {0} after {1}; operation {2} is still pending and may yet complete.',
          options.what,
          describeMs(timeoutMs),
          operationId,
        ),
        `instance ${options.instanceId}, last state ${op ? `status ${op.status}, isCompleted ${String(op.isCompleted)}` : 'unknown to op/result'}`,
      );
    }
    options.onProgress?.(l10n.t('Waiting for GPUGeek operation {0} ({1})…', operationId, options.what));
    try {
      await wait(pollMs, options.signal);
    } catch {
      throw new CancelledError();
    }
    slept += pollMs;
  }
}

function failure(op: RawOperation, operationId: string, options: WaitOptions): CloudError {
  const reason = cleanMessage(op.message ?? op.reason);
  const action = cleanMessage(op.action) || options.what;
  return new CloudError(
    l10n.t(
      'GPUGeek reports that the operation "{0}" failed{1}. The instance was left as it was.',
      action,
      reason ? `: ${reason}` : '',
    ),
    OPERATION_FAILED,
    undefined,
    `instance ${options.instanceId}, operation ${operationId}, started ${op.startTime ?? '?'}, completed ${op.completeTime ?? '?'}`,
  );
}

function describeMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  if (ms >= 1000) return `${Math.round(ms / 1000)} s`;
  return `${ms} ms`;
}
