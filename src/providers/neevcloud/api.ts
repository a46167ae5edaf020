import { validateBaseUrl } from '../../core/baseUrl';
import {
  AuthError,
  CloudError,
  CloudRefusal,
  ConfigError,
  NotFoundError,
  type GpuPodsError,
  UnexpectedResponseError,
} from '../../core/errors';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../core/http';
import type { Logger } from '../../core/logger';
import { fetchAllPages } from '../../core/paging';
import type { ProviderConfig } from '../../core/provider';
import { describeIssues, parseWith } from '../../core/schema';
import type * as z from '../../core/zod';
import { neevcloud } from './info';
import type { ProviderDeps } from '../deps';
import {
  zGpuConfig,
  zInventoryItem,
  zMetricsBody,
  zPage,
  zRuntime,
  zTemplate,
  zTemplatePage,
  zAlert,
  type RawAlert,
  type RawGpuConfig,
  type RawInventoryItem,
  type RawRuntime,
  type RawTemplate,
} from './schemas';
import { l10n } from '../../core/l10n';

const CLOUD = 'NeevCloud';
const V = '/api/v1beta1';
/** The docs cap `limit` at 100; asking for the maximum keeps a full listing to few requests. */
const PAGE_LIMIT = 100;
/** A cloud that keeps saying "more pages" must not keep us looping forever. */
const MAX_PAGES = 50;

export interface InventoryFilter {
  region?: string;
  gpuModel?: string;
  gpuVendor?: string;
  vramMin?: number;
  vramMax?: number;
}

/**
 * The create body the official CLI sends (neev-cli examples/airuntime.sh): `planId` is "a plan you can access",
 * `gpuConfigID` the inventory's config id; `storage` is left to the cloud's default (a free 100 GB network volume).
 */
export interface CreateRuntimeBody {
  name: string;
  region: string;
  templateID: string;
  gpuConfigID: string;
  gpuCount: number;
  planId: string;
  sshKeys: string[];
}

/** One method per endpoint of the GPU AI Service; raw shapes out, core errors thrown. */
export class NeevCloudApi {
  private readonly gpu: HttpClient;
  private readonly inventory: HttpClient;
  private readonly logger: Logger;

  constructor(
    private readonly config: ProviderConfig,
    deps: ProviderDeps,
  ) {
    this.logger = deps.logger;
    const defaults = neevcloud.baseUrls;
    const client = (name: 'base' | 'inventory') =>
      new HttpClient({
        baseUrl: validateBaseUrl(config.baseUrls[name] ?? defaults[name], `gpuPods.neevcloud.${name}Url`),
        cloudName: CLOUD,
        headers: { Authorization: `Bearer ${config.apiKey.trim()}` },
        logger: deps.logger,
        limiter: deps.limiter,
        fetch: deps.fetch,
        backoffMs: deps.backoffMs,
        timeoutMs: deps.timeoutMs,
        mapError: mapNeevError,
      });
    this.gpu = client('base');
    this.inventory = client('inventory');
  }

  /** Org and project come from the account settings; without them every runtime call would 404. */
  scope(): { org: string; project: string } {
    const org = this.config.options.orgId?.trim();
    const project = this.config.options.projectId?.trim();
    if (!org && !project)
      throw new ConfigError(l10n.t('Set the NeevCloud organisation id and project id for this account.'));
    if (!org) throw new ConfigError(l10n.t('Set the NeevCloud organisation id for this account.'));
    if (!project) throw new ConfigError(l10n.t('Set the NeevCloud project id for this account.'));
    return { org, project };
  }

  private runtimesPath(suffix = ''): string {
    const { org, project } = this.scope();
    return `${V}/orgs/${encodeURIComponent(org)}/projects/${encodeURIComponent(project)}/airuntimes${suffix}`;
  }

  async listInventory(filter: InventoryFilter = {}, signal?: AbortSignal): Promise<RawInventoryItem[]> {
    const query = {
      type: 'GPU',
      region: filter.region,
      gpu_model: filter.gpuModel,
      gpu_vendor: filter.gpuVendor,
      vram_min: filter.vramMin,
      vram_max: filter.vramMax,
    };
    return this.allPages(
      this.inventory,
      `${V}/inventory`,
      query,
      zInventoryItem,
      l10n.t('list GPU inventory'),
      l10n.t('GPU inventory items'),
      signal,
    );
  }

  async getGpuConfig(configId: string, signal?: AbortSignal): Promise<RawGpuConfig> {
    const body = await this.send(this.inventory, {
      method: 'GET',
      path: `${V}/inventory/gpuconfig`,
      query: { config_id: configId },
      what: l10n.t('get GPU config'),
      signal,
    });
    return parseWith(zGpuConfig, unwrap(body), l10n.t('get GPU config'));
  }

  async registerAlert(regionId: string, configId: string, signal?: AbortSignal): Promise<void> {
    await this.send(this.inventory, {
      method: 'POST',
      path: `${V}/inventory/gpu/notify-availability`,
      body: { region_id: regionId, config_id: configId },
      what: l10n.t('register an availability alert'),
      // Registering twice is harmless (the cloud answers "already registered" at worst).
      idempotent: true,
      signal,
    });
  }

  /**
   * The account's availability alerts (GPUNotifyAvailabilityRequest[]): the documented answer is a bare array; an
   * array under `data` is read too. An item without its region or config is skipped, not the list.
   */
  async listAlerts(signal?: AbortSignal): Promise<RawAlert[]> {
    const what = l10n.t('list availability alerts');
    const body = await this.send(this.inventory, {
      method: 'GET',
      path: `${V}/inventory/gpu/notify-availability`,
      what,
      signal,
    });
    const list = Array.isArray(body) ? body : (body as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(list))
      throw new UnexpectedResponseError(
        l10n.t('{0} sent an unreadable answer for {1}.', CLOUD, what),
        JSON.stringify(body ?? '').slice(0, 200),
      );
    const out: RawAlert[] = [];
    list.forEach((raw, i) => {
      const item = zAlert.safeParse(raw);
      if (item.success) out.push(item.data);
      else
        this.logger.warn(
          `${CLOUD}: skipped availability alert ${i} that could not be read (${describeIssues(item.error)}).`,
        );
    });
    return out;
  }

  async listRuntimes(signal?: AbortSignal): Promise<RawRuntime[]> {
    return this.allPages(
      this.gpu,
      this.runtimesPath(),
      {},
      zRuntime,
      l10n.t('list AI runtimes'),
      l10n.t('AI runtimes'),
      signal,
      (r) => r.id,
    );
  }

  async getRuntime(id: string, signal?: AbortSignal): Promise<RawRuntime> {
    const body = await this.send(this.gpu, {
      method: 'GET',
      path: this.runtimesPath(`/${encodeURIComponent(id)}`),
      what: l10n.t('get an AI runtime'),
      signal,
    });
    return parseWith(zRuntime, unwrap(body), l10n.t('get an AI runtime'));
  }

  /** Sent once (POST is never retried): returns the raw answer, whose shape is not documented. */
  async createRuntime(body: CreateRuntimeBody, signal?: AbortSignal): Promise<unknown> {
    const answer = await this.send(this.gpu, {
      method: 'POST',
      path: this.runtimesPath(),
      body,
      what: l10n.t('create an AI runtime'),
      signal,
    });
    return unwrap(answer);
  }

  async deleteRuntime(id: string, signal?: AbortSignal): Promise<void> {
    await this.send(this.gpu, {
      method: 'DELETE',
      path: this.runtimesPath(`/${encodeURIComponent(id)}`),
      what: l10n.t('delete an AI runtime'),
      signal,
    });
  }

  async getMetrics(id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const body = await this.send(this.gpu, {
      method: 'GET',
      path: this.runtimesPath(`/${encodeURIComponent(id)}/metrics`),
      what: l10n.t('get runtime metrics'),
      signal,
    });
    return parseWith(zMetricsBody, unwrap(body), l10n.t('get runtime metrics'));
  }

  /**
   * The template catalogue. The reference documents no query parameter for it (no page/limit), so it is asked
   * once; if the cloud says there are more pages than the one it sent, that is logged (there is no documented
   * way to ask for them), and a catalogue is not a bill. Per item, only the documented-required fields must be
   * readable: an item that is not is skipped and logged, never the whole list.
   */
  async listTemplates(signal?: AbortSignal): Promise<RawTemplate[]> {
    const what = l10n.t('list runtime templates');
    const body = parseWith(
      zTemplatePage,
      await this.send(this.gpu, { method: 'GET', path: `${V}/airuntime-templates`, what, signal }),
      what,
    );
    const out: RawTemplate[] = [];
    body.data.forEach((raw, i) => {
      const item = zTemplate.safeParse(raw);
      if (item.success) out.push(item.data);
      else
        this.logger.warn(
          `${CLOUD}: skipped runtime template ${i} that could not be read (${describeIssues(item.error)}).`,
        );
    });
    const pages = body.pagination?.total_pages;
    if (pages !== undefined && pages > 1) {
      this.logger.warn(
        `${CLOUD}: the template catalogue has ${pages} pages but no documented way to ask for the next; showing the first.`,
      );
    }
    return out;
  }

  async getTemplate(id: string, signal?: AbortSignal): Promise<RawTemplate> {
    const body = await this.send(this.gpu, {
      method: 'GET',
      path: `${V}/airuntime-templates/${encodeURIComponent(id)}`,
      what: l10n.t('get a runtime template'),
      signal,
    });
    return parseWith(zTemplate, unwrap(body), l10n.t('get a runtime template'));
  }

  private async send(client: HttpClient, req: HttpRequest): Promise<unknown> {
    // Inference keys look similar but are refused by this API; say so before a request is wasted.
    if (this.config.apiKey.trim().startsWith('sk-nc-')) {
      throw new ConfigError(
        l10n.t('This is a NeevCloud inference key (sk-nc-…); GPU Pods needs a personal access token (pat-nc-…).'),
      );
    }
    return (await client.request(req)).body;
  }

  /** Every page of a documented paged listing (`page`, `limit`), followed to the end the cloud states. */
  private async allPages<T>(
    client: HttpClient,
    path: string,
    query: HttpRequest['query'],
    item: z.ZodMiniType<T>,
    what: string,
    items: string,
    signal?: AbortSignal,
    key?: (item: T) => string,
  ): Promise<T[]> {
    const schema = zPage(item);
    return fetchAllPages(
      async (page) => {
        const body = await this.send(client, {
          method: 'GET',
          path,
          query: { ...query, page, limit: PAGE_LIMIT },
          what,
          signal,
        });
        const parsed = parseWith(schema, body, page > 1 ? `${what} (page ${page})` : what) as {
          data: T[];
          pagination?: { total_pages?: number; total_items?: number } | null;
        };
        return { items: parsed.data, pages: parsed.pagination?.total_pages, total: parsed.pagination?.total_items };
      },
      { cloudName: CLOUD, what: items, pageSize: PAGE_LIMIT, maxPages: MAX_PAGES, key },
    );
  }
}

/** Single objects may come bare or as `{ data: {...} }`. */
function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const data = (body as { data?: unknown }).data;
    if (data && typeof data === 'object' && !Array.isArray(data)) return data;
  }
  return body;
}

/** NeevCloud error bodies: `{"code":"unauthorized","message":"missing authorization header"}`. */
export function mapNeevError(response: HttpResponse, req: HttpRequest): GpuPodsError | undefined {
  const body = response.body as { code?: unknown; message?: unknown; error?: unknown } | undefined;
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const rawMessage =
    typeof body?.message === 'string' ? body.message : typeof body?.error === 'string' ? body.error : '';
  const message = sentence(rawMessage);
  const details = `HTTP ${response.status} for ${req.method} ${req.path}: ${JSON.stringify(body ?? '').slice(0, 500)}`;
  if (response.status === 401 || code === 'unauthorized') {
    return new AuthError(l10n.t('{0} refused the access token{1}.', CLOUD, message ? `: ${message}` : ''), details);
  }
  if (response.status === 403) {
    return new AuthError(
      l10n.t('{0} does not allow this token to {1}{2}.', CLOUD, req.what, message ? `: ${message}` : ''),
      details,
    );
  }
  if (response.status === 404) {
    return new NotFoundError(
      l10n.t('{0} could not find what was asked for ({1}){2}.', CLOUD, req.what, message ? `: ${message}` : ''),
      details,
    );
  }
  if (response.status === 429 || (!code && !message)) return undefined; // generic mapping (Retry-After, HTTP status)
  // A refused argument is NeevCloud's documented "nothing was done" (400 invalid_argument); a create may be retried
  // after it. Any other failure leaves a create's outcome unknown.
  const Kind = response.status === 400 && code === 'invalid_argument' ? CloudRefusal : CloudError;
  return new Kind(
    `${CLOUD} could not ${req.what}${message ? `: ${message}` : ` (HTTP ${response.status})`}.`,
    code ?? `HTTP_${response.status}`,
    response.status,
    details,
  );
}

/** The cloud's text is untrusted: one short line, no trailing full stop (we add ours). */
function sentence(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .replace(/[.\s]+$/, '');
}
