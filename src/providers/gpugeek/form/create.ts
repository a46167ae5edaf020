import type { Answers, CreateContext } from '../../../core/createForm';
import { CloudError, TimeoutError } from '../../../core/errors';
import { resolveEnvironment } from '../../../core/formSteps/environment';
import type { Pod } from '../../../core/model';
import type { GpuGeekApi } from '../api';
import { createBody } from './createBody';
import { GPUGEEK_ENV, gpuGeekEnvFields } from './envStep';
import type { GpuGeekLookups } from './lookups';
import { l10n } from '../../../core/l10n';

export interface CreateFormDeps {
  api: GpuGeekApi;
  /** Waits for the create operation; throws on failure/timeout. */
  waitForCreate(instanceId: string, operationId: string, ctx: CreateContext): Promise<void>;
  getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined>;
}

/**
 * POSTs once (never retried), waits for the create operation, returns the instance with the price the summary
 * quoted for this very body (GPUGeek's pod list carries none).
 */
export async function create(
  { api, waitForCreate, getPod }: CreateFormDeps,
  answers: Answers,
  ctx: CreateContext,
  look?: GpuGeekLookups,
): Promise<Pod> {
  const body = createBody(answers);
  const quote = look?.quoteFor(body);
  // The environment goes with the create alone: the dry run only prices a machine, and secret values are read
  // for the request that needs them, nowhere else.
  const env = gpuGeekEnvFields(await resolveEnvironment(answers, ctx, GPUGEEK_ENV));
  const result = await api.create({ ...body, ...env }, false, ctx.signal);
  const id = result.instanceId;
  if (!id || id === '0') {
    throw new CloudError(
      l10n.t('GPUGeek accepted the create request but returned no instance id; check the console before trying again.'),
      'NO_INSTANCE_ID',
    );
  }
  if (result.operationId && result.operationId !== '0') await waitForCreate(id, result.operationId, ctx);
  const pod = await getPod(id, ctx.signal);
  if (!pod) {
    throw new TimeoutError(
      l10n.t('GPUGeek created instance {0}, but it does not appear in the instance list yet; it is still pending.', id),
    );
  }
  return quote && pod.pricePerHour === undefined ? { ...pod, quotedPrice: quote } : pod;
}
