import type * as z from '../../core/zod';
import { validateBaseUrl } from '../../core/baseUrl';
import {
  AuthError,
  CloudError,
  CloudRefusal,
  ConfigError,
  NotFoundError,
  UnexpectedResponseError,
  type GpuPodsError,
} from '../../core/errors';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../core/http';
import { fetchAllPages } from '../../core/paging';
import type { ProviderConfig } from '../../core/provider';
import { parseWith } from '../../core/schema';
import type { ProviderDeps } from '../deps';
import {
  actionResultSchema,
  createResultSchema,
  datacenterListSchema,
  envelopeSchema,
  gpuListSchema,
  imageListSchema,
  instanceQuerySchema,
  operationResultSchema,
  type Envelope,
  type RawDatacenter,
  type RawImage,
  type RawInstance,
  type RawOperation,
  type RawSpec,
} from './schemas';
import { int64, int64Json } from './int64';
import { scrubbingLogger } from './log';
import { l10n } from '../../core/l10n';

export const CLOUD_NAME = 'GPUGeek';
const PREFIX = '/api/v1/openapi';
export const PAGE_SIZE = 50;
/** A safety stop for paging: a cloud that keeps saying "more" must not keep us looping. */
const MAX_PAGES = 200;

export type GpuGeekAction = 'stop' | 'start' | 'restart' | 'release' | 'set_port';
export type SkuName = 'payg' | 'bidding' | 'daily' | 'weekly' | 'monthly';

export interface CreateBody {
  gpuName: string;
  skuName: SkuName;
  gpuNum: number;
  imageId: string;
  dcId?: string;
  name?: string;
  systemDiskSize?: number;
  dataDiskSize?: number;
  servicePort?: number[];
  httpServicePort?: number[];
  /** One KEY=VALUE per line (form/envStep.ts); sent with the create only, never with the dry run. */
  env?: string;
  cmd?: string;
}

export interface CreateResult {
  /** Undefined (or '0') for a dry run. */
  instanceId?: string;
  operationId?: string;
  spec?: RawSpec;
}

/** Cloud text is untrusted: one line, bounded. */
export function cleanMessage(text: string | null | undefined): string {
  const t = (text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

/**
 * Turns a non-zero envelope code into the matching core error. The traceid goes to details only.
 * Only 10005 ("Parameter validation error") is documented as a check made before anything is done, so only
 * it is a CloudRefusal. 10135 ("Instance operation error", details in the message) says nothing about what was
 * already done, and other codes are undocumented: after a create, the instance may exist.
 */
export function envelopeError(env: Envelope, what: string, httpStatus?: number): GpuPodsError {
  const code = String(env.code ?? 'unknown');
  const msg = cleanMessage(env.message);
  const details = `GPUGeek code ${code} for ${what}, traceid ${env.traceid || '(none)'}${msg ? `: ${msg}` : ''}`;
  switch (code) {
    case '10002':
      return new AuthError(
        l10n.t('GPUGeek refused the API token (not logged in, or the token expired or was revoked).'),
        details,
      );
    case '10005':
      return new CloudRefusal(
        l10n.t('GPUGeek rejected the parameters to {0}{1}', what, msg ? `: ${msg}` : '.'),
        code,
        httpStatus,
        details,
      );
    case '10135':
      return new CloudError(
        l10n.t('GPUGeek could not {0}{1}', what, msg ? `: ${msg}` : '.'),
        code,
        httpStatus,
        details,
      );
    case '10001':
      return new CloudError(
        l10n.t('GPUGeek had an internal error while trying to {0}.', what),
        code,
        httpStatus,
        details,
      );
    default:
      return new CloudError(
        l10n.t('GPUGeek refused to {0} (code {1}){2}', what, code, msg ? `: ${msg}` : '.'),
        code,
        httpStatus,
        details,
      );
  }
}

function mapHttpError(response: HttpResponse, req: HttpRequest): GpuPodsError | undefined {
  const env = envelopeSchema.safeParse(response.body);
  const traceid = env.success ? env.data.traceid : undefined;
  const suffix = `HTTP ${response.status} for ${req.method} ${req.path}, traceid ${traceid || '(none)'}`;
  if (response.status === 401 || response.status === 403) {
    return new AuthError(l10n.t('GPUGeek refused the API token (HTTP {0}).', response.status), suffix);
  }
  if (response.status === 404) {
    return new NotFoundError(l10n.t('GPUGeek could not find what was asked for ({0}).', req.what), suffix);
  }
  if (env.success && env.data.code !== undefined && env.data.code !== 0)
    return envelopeError(env.data, req.what, response.status);
  return undefined; // generic mapping by status (5xx stays retryable for idempotent requests)
}

export class GpuGeekApi {
  private readonly http: HttpClient;

  constructor(config: ProviderConfig, deps: ProviderDeps) {
    const base = config.baseUrls.base;
    if (!base)
      throw new ConfigError(l10n.t('The GPUGeek base URL setting is empty.'), { setting: 'gpuPods.gpugeek.baseUrl' });
    if (!config.apiKey) throw new ConfigError(l10n.t('The GPUGeek account has no API token.'));
    this.http = new HttpClient({
      baseUrl: validateBaseUrl(base, 'gpuPods.gpugeek.baseUrl'),
      cloudName: CLOUD_NAME,
      headers: { 'gz-api-token': config.apiKey },
      logger: scrubbingLogger(deps.logger),
      limiter: deps.limiter,
      timeoutMs: deps.timeoutMs,
      backoffMs: deps.backoffMs,
      fetch: deps.fetch,
      stringifyJson: int64Json,
      mapError: mapHttpError,
    });
  }

  /** One request: unwrap the envelope, map its code, validate `data`. */
  private async call<T>(req: HttpRequest, schema: z.ZodMiniType<T>): Promise<T> {
    const res = await this.http.request(req);
    const env = parseWith(envelopeSchema, res.body, req.what);
    if (env.code !== 0) throw envelopeError(env, req.what);
    return parseWith(schema, env.data, req.what);
  }

  async gpus(signal?: AbortSignal): Promise<string[]> {
    const data = await this.call(
      { method: 'GET', path: `${PREFIX}/gpu/list`, what: l10n.t('list GPU types'), signal },
      gpuListSchema,
    );
    return data.gpus;
  }

  async datacenters(signal?: AbortSignal): Promise<RawDatacenter[]> {
    const req = { method: 'GET', path: `${PREFIX}/datacenter/list`, what: l10n.t('list datacenters'), signal } as const;
    return (await this.call(req, datacenterListSchema)).datacenters;
  }

  async images(signal?: AbortSignal): Promise<RawImage[]> {
    const req = { method: 'GET', path: `${PREFIX}/image/list`, what: l10n.t('list images'), signal } as const;
    return (await this.call(req, imageListSchema)).images;
  }

  /**
   * A dry run only picks a machine and quotes a price, so it may be retried; a real create never is
   * (a duplicate instance costs money).
   */
  async create(body: CreateBody, dryRun: boolean, signal?: AbortSignal): Promise<CreateResult> {
    const data = await this.call(
      {
        method: 'POST',
        path: `${PREFIX}/instance/create`,
        body: { type: 2, ...body, dryRun },
        what: dryRun ? l10n.t('price the instance') : l10n.t('create the instance'),
        idempotent: dryRun,
        signal,
      },
      createResultSchema,
    );
    return {
      instanceId: data.InstanceId ?? data.instanceId ?? undefined,
      operationId: data.operationId ?? undefined,
      spec: data.spec ?? undefined,
    };
  }

  async queryPage(pn: number, ps: number, filter: { instanceId?: string } = {}, signal?: AbortSignal) {
    const what = l10n.t('list instances');
    const data = await this.call(
      {
        method: 'GET',
        path: `${PREFIX}/instance/query`,
        query: { pn, ps, instanceId: filter.instanceId },
        what,
        signal,
      },
      instanceQuerySchema,
    );
    // A Go server may write an empty list as null; with a non-zero total that is a list we cannot read.
    if (data.instances === null && data.total !== 0) {
      throw new UnexpectedResponseError(
        l10n.t('GPUGeek sent no instance list but a total of {0} for {1}.', data.total, what),
        `pn ${pn}: instances null, total ${data.total}`,
      );
    }
    return { items: data.instances ?? [], total: data.total };
  }

  /**
   * Every page, until `total` instances were seen. A short page proves nothing: the server may cap `ps`
   * below ours (the doc names a default of 20 and no maximum), and stopping there would hide billing pods.
   */
  async queryAll(filter: { instanceId?: string } = {}, signal?: AbortSignal): Promise<RawInstance[]> {
    return fetchAllPages((pn) => this.queryPage(pn, PAGE_SIZE, filter, signal), {
      cloudName: CLOUD_NAME,
      what: l10n.t('instances'),
      pageSize: PAGE_SIZE,
      maxPages: MAX_PAGES,
      key: (inst) => inst.instanceId, // instances move between pages while we page: keep the first sighting
    });
  }

  /** Sends an action; returns its operation id. Never retried: a repeated release/start is not harmless. */
  async action(
    instanceId: string,
    action: GpuGeekAction,
    extra: { ports?: number[]; httpPorts?: number[] } = {},
    signal?: AbortSignal,
  ): Promise<string> {
    const data = await this.call(
      {
        method: 'POST',
        path: `${PREFIX}/instance/action`,
        body: { instanceId: int64(instanceId), action, ...extra },
        what: ACTION_WHAT[action],
        signal,
      },
      actionResultSchema,
    );
    return data.operationId;
  }

  /** Reading an operation's state is safe to retry. */
  async operations(ids: string[], signal?: AbortSignal): Promise<RawOperation[]> {
    const data = await this.call(
      {
        method: 'POST',
        path: `${PREFIX}/instance/op/result`,
        body: { ids: ids.map(int64) },
        what: l10n.t('read the operation result'),
        idempotent: true,
        signal,
      },
      operationResultSchema,
    );
    return data.operations;
  }
}

export const ACTION_WHAT: Record<GpuGeekAction, string> = {
  stop: l10n.t('stop the instance'),
  start: l10n.t('start the instance'),
  restart: l10n.t('restart the instance'),
  release: l10n.t('release the instance'),
  set_port: l10n.t('set the instance ports'),
};
