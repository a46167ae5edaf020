import type * as z from '../../core/zod';
import { UnexpectedResponseError } from '../../core/errors';
import { fetchAllPages } from '../../core/paging';
import { HttpClient, type HttpRequest } from '../../core/http';
import { parseWith } from '../../core/schema';
import type { ProviderConfig } from '../../core/provider';
import type { ProviderDeps } from '../deps';
import {
  type RawBalanceDetail,
  type RawCluster,
  type RawInstance,
  type RawInstanceMetrics,
  type RawProduct,
  type RawStorage,
  type RawTemplate,
  zBalanceDetail,
  zClusterList,
  zCreated,
  zInstance,
  zInstanceList,
  zInstanceMetrics,
  zProductList,
  zStorageList,
  zTemplateList,
  zTemplateOne,
} from './schemas';
import { l10n } from '../../core/l10n';
import { CLOUD, CREATE_PATH, mapNovitaError, scrubbingLogger } from './errors';

export const NOVITA_DEFAULT_BASE = 'https://api.novita.ai/gpu-instance/openapi/v1';
const PAGE_SIZE = 50;
/** A cloud that keeps saying "more" must not keep us paging forever. */
const MAX_PAGES = 100;

export interface CreateInstanceBody {
  name: string;
  productId: string;
  gpuNum: number;
  rootfsSize: number;
  diskSize: number;
  imageUrl: string;
  /** A registry credential Novita keeps (repository auth id), for a private image. */
  imageAuthId?: string;
  ports: string;
  command: string;
  kind: 'gpu';
  clusterId?: string;
  tools?: Array<{ name: string; port: string; type: string }>;
  envs?: Array<{ key: string; value: string }>;
  entrypoint?: string;
  localStorageMountPoint?: string;
  networkStorages?: Array<{ Id: string; mountPoint: string }>;
  /** gpu-instance-create-instance `billingMode`: onDemand | monthly | spot (monthly is not offered here). */
  billingMode?: 'onDemand' | 'spot';
}

export interface ProductQuery {
  clusterId?: string;
  gpuNum?: number;
  productName?: string;
  billingMethod?: string;
}

/** Novita answers errors with an UPPER_SNAKE name (in `reason`, sometimes `code`) and a sentence. */
/**
 * Where the metrics endpoint lives. Novita serves it from its platform root (https://api.novita.ai/openapi/v1),
 * not from the GPU instance API's base, so the documented production base maps to that root. Any other base
 * (a proxy or a stand-in set in settings) serves the whole API itself: the same base, rather than a second
 * setting or a guessed host.
 */
export function metricsBaseOf(base: string): string {
  return base.replace(/\/gpu-instance(\/openapi\/v1\/?)$/, '$1').replace(/\/$/, '');
}

/** One method per Novita endpoint; bare JSON in and out. */
export class NovitaApi {
  private readonly http: HttpClient;
  private readonly metricsHttp: HttpClient;

  constructor(config: ProviderConfig, deps: ProviderDeps) {
    const base = config.baseUrls.base || NOVITA_DEFAULT_BASE;
    const common = {
      cloudName: CLOUD,
      headers: { Authorization: `Bearer ${config.apiKey}` },
      logger: scrubbingLogger(deps.logger),
      limiter: deps.limiter,
      fetch: deps.fetch,
      backoffMs: deps.backoffMs,
      timeoutMs: deps.timeoutMs,
      mapError: mapNovitaError,
    };
    this.http = new HttpClient({ ...common, baseUrl: base });
    const metricsBase = metricsBaseOf(base);
    this.metricsHttp = metricsBase === base ? this.http : new HttpClient({ ...common, baseUrl: metricsBase });
  }

  /** The last five minutes of the instance's metrics, one point a minute (the cloud samples with about a minute's delay). */
  async getInstanceMetrics(instanceId: string, signal?: AbortSignal): Promise<RawInstanceMetrics> {
    const endTime = Math.floor(Date.now() / 1000);
    const res = await this.metricsHttp.request({
      method: 'GET',
      path: '/metrics/gpu/instance',
      query: { instanceId, startTime: endTime - 300, endTime, interval: 60 },
      what: l10n.t('read GPU metrics'),
      signal,
    });
    if (res.body === undefined || res.body === null) {
      throw new UnexpectedResponseError(
        l10n.t('{0} sent an empty answer for {1}.', CLOUD, l10n.t('read GPU metrics')),
        `HTTP ${res.status}`,
      );
    }
    return parseWith(zInstanceMetrics, res.body, l10n.t('read GPU metrics'));
  }

  /** A request to Novita's platform root (where the metrics, balance and bills live), answer unparsed. */
  platformRequest(req: HttpRequest) {
    return this.metricsHttp.request(req);
  }

  /** A request whose answer is not read (Novita answers `{}` or nothing). */
  async send(req: HttpRequest): Promise<void> {
    await this.http.request(req);
  }

  /** The account's balance (basic-get-user-balance), on the platform root like the metrics; amounts in 1/10000 USD. */
  async getBalanceDetail(signal?: AbortSignal): Promise<RawBalanceDetail> {
    const what = l10n.t('read the account balance');
    const res = await this.metricsHttp.request({ method: 'GET', path: '/billing/balance/detail', what, signal });
    if (res.body === undefined || res.body === null)
      throw new UnexpectedResponseError(l10n.t('{0} sent an empty answer for {1}.', CLOUD, what), `HTTP ${res.status}`);
    return parseWith(zBalanceDetail, res.body, what);
  }

  /** An empty 2xx body is no answer: it must not read as an empty object (or an empty list). */
  async call<T>(schema: z.ZodMiniType<T>, req: HttpRequest): Promise<T> {
    const res = await this.http.request(req);
    if (res.body === undefined || res.body === null) {
      throw new UnexpectedResponseError(
        l10n.t('{0} sent an empty answer for {1}.', CLOUD, req.what),
        `HTTP ${res.status}, body ${res.body === null ? 'null' : 'empty'}`,
      );
    }
    return parseWith(schema, res.body, req.what);
  }

  /**
   * Every page: the tree must show every instance that costs money. Pages are 1-based (the official MCP
   * server starts at 1); `total` decides the end, so a server that caps the page size below ours
   * does not cut the list short.
   */
  async listInstances(filter: { name?: string } = {}, signal?: AbortSignal): Promise<RawInstance[]> {
    return fetchAllPages(
      async (pageNum) => {
        const page = await this.call(zInstanceList, {
          method: 'GET',
          path: '/gpu/instances',
          query: { pageSize: PAGE_SIZE, pageNum, name: filter.name },
          what: l10n.t('list instances'),
          signal,
        });
        return { items: page.instances, total: page.total ?? undefined };
      },
      { cloudName: CLOUD, what: l10n.t('instances'), pageSize: PAGE_SIZE, maxPages: MAX_PAGES, key: (i) => i.id },
    );
  }

  async getInstance(instanceId: string, signal?: AbortSignal): Promise<RawInstance> {
    return this.call(zInstance, {
      method: 'GET',
      path: '/gpu/instance',
      query: { instanceId },
      what: l10n.t('get the instance'),
      signal,
    });
  }

  /** Never retried: a second POST could rent a second instance. */
  async createInstance(body: CreateInstanceBody, signal?: AbortSignal): Promise<string> {
    const res = await this.call(zCreated, {
      method: 'POST',
      path: CREATE_PATH,
      body,
      what: l10n.t('create the instance'),
      idempotent: false,
      signal,
    });
    return res.id;
  }

  async instanceAction(
    action: 'start' | 'stop' | 'restart' | 'delete',
    instanceId: string,
    signal?: AbortSignal,
  ): Promise<void> {
    const verb = action === 'delete' ? l10n.t('delete the instance') : l10n.t('{0} the instance', action);
    // Only delete is safe to repeat: a retried stop/start after a lost answer fails with "cannot stop" or restarts twice.
    const idempotent = action === 'delete';
    await this.http.request({
      method: 'POST',
      path: `/gpu/instance/${action}`,
      body: { instanceId },
      what: verb,
      idempotent,
      signal,
    });
  }

  async editInstance(
    instanceId: string,
    ports: Array<{ port: number; type: 'tcp' | 'http' }>,
    expandRootDisk?: number,
  ): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/gpu/instance/edit',
      body: { instanceId, ports, ...(expandRootDisk ? { expandRootDisk } : {}) },
      what: l10n.t('edit the instance'),
      idempotent: true,
    });
  }

  async listProducts(query: ProductQuery = {}, signal?: AbortSignal): Promise<RawProduct[]> {
    const res = await this.call(zProductList, {
      method: 'GET',
      path: '/products',
      query: {
        clusterId: query.clusterId,
        gpuNum: query.gpuNum,
        productName: query.productName,
        billingMethod: query.billingMethod,
      },
      what: l10n.t('list GPU products'),
      signal,
    });
    return res.data;
  }

  async listClusters(signal?: AbortSignal): Promise<RawCluster[]> {
    const res = await this.call(zClusterList, {
      method: 'GET',
      path: '/clusters',
      what: l10n.t('list clusters'),
      signal,
    });
    return res.data;
  }

  async listStorages(filter: { storageName?: string } = {}, signal?: AbortSignal): Promise<RawStorage[]> {
    return fetchAllPages(
      async (pageNo) => {
        const page = await this.call(zStorageList, {
          method: 'GET',
          path: '/networkstorages/list',
          query: { pageNo, pageSize: PAGE_SIZE, storageName: filter.storageName },
          what: l10n.t('list network storage'),
          signal,
        });
        return { items: page.data ?? [], total: page.total ?? undefined };
      },
      {
        cloudName: CLOUD,
        what: l10n.t('network storage'),
        pageSize: PAGE_SIZE,
        maxPages: MAX_PAGES,
        key: (s) => s.storageId,
      },
    );
  }

  /**
   * The reference-derived schema gives the answer as a bare string ("identifier or status confirmation"),
   * so it is not trusted as an id: callers find the new storage by name in the list.
   */
  async createStorage(body: { clusterId: string; storageName: string; storageSize: number }): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/networkstorage/create',
      body,
      what: l10n.t('create network storage'),
      idempotent: false,
    });
  }

  async updateStorage(body: { storageId: string; storageName?: string; storageSize?: number }): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/networkstorage/update',
      body,
      what: l10n.t('update network storage'),
      idempotent: true,
    });
  }

  async deleteStorage(storageId: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: '/networkstorage/delete',
      body: { storageId },
      what: l10n.t('delete network storage'),
      idempotent: true,
    });
  }

  /**
   * The reference requires `channel` and `isMyCommunity`: false for official/community, true for private
   * (one's own) templates. Paged like instances (pageSize/pageNum, 1-based per the MCP server, `total`).
   */
  async listTemplates(channel: 'official' | 'community' | 'private', signal?: AbortSignal): Promise<RawTemplate[]> {
    const all = await fetchAllPages(
      async (pageNum) => {
        const res = await this.call(zTemplateList, {
          method: 'GET',
          path: '/templates',
          query: { channel, isMyCommunity: channel === 'private', pageSize: PAGE_SIZE, pageNum },
          what: l10n.t('list {0} templates', channel),
          signal,
        });
        return { items: res.template, total: res.total ?? undefined };
      },
      {
        cloudName: CLOUD,
        what: l10n.t('{0} templates', channel),
        pageSize: PAGE_SIZE,
        maxPages: MAX_PAGES,
        key: (t) => t.id,
      },
    );
    return all.filter((t) => t.id !== '');
  }

  async getTemplate(templateId: string, signal?: AbortSignal): Promise<RawTemplate> {
    const res = await this.call(zTemplateOne, {
      method: 'GET',
      path: '/template',
      query: { templateId },
      what: l10n.t('get the template'),
      signal,
    });
    return res.template;
  }
}
