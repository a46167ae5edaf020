import * as z from '../../core/zod';
import { CloudError, NotFoundError } from '../../core/errors';
import type { Pod } from '../../core/model';
import { fetchAllPages, type Page } from '../../core/paging';
import { CLOUD_NAME, cleanMessage, type YottaApi } from './api';
import type { ApiVersion } from './pods';
import { type RawVmType, zVmTypes } from './schemas';
import { toVm } from './vmsMapping';
import { type RawVm, zVm, zVmCreatedV1, zVmListV1, zVmPage } from './vmsSchemas';
import { l10n } from '../../core/l10n';

const zAny = z.unknown();

/** Large pages so a refresh is one request for most accounts; paging still follows `pages`. */
export const VM_PAGE_SIZE = 500;

/** What the VM create wizard decided. */
export interface VmSpec {
  name: string;
  vmTypeId: string;
  region: string;
  spot: boolean;
  /** Volume id → mount path. */
  volumeMountPaths: Record<string, string>;
}

/**
 * Yotta VM calls. v2 is documented in full (`/v2/vms`). Yotta's v1 reference (`api-reference-v1/vms.md`) lists
 * `POST /openapi/v1/vms/create`, `POST /openapi/v1/vms/list`, `GET /openapi/v1/vms/{vmId}`,
 * `GET /openapi/v1/vms/type` and `DELETE /openapi/v1/vms/{vmId}/terminate`, without bodies or answers: for a v1
 * account we use those paths and infer the shapes from v2 (same VM model; list body `{page, pageSize}` as the v1
 * spec names paging; create answering the new id like v1 pod create, or the VM). v1 has no rename, so rename
 * goes to v2's `PATCH /v2/vms/{id}`; VM types come from `/v2/vms/types` for both (as the GPU offers do).
 */
export class YottaVms {
  constructor(
    private readonly api: YottaApi,
    readonly version: ApiVersion,
  ) {}

  /** Every VM, all pages (a VM created between two pages shifts the rest: duplicates are dropped). */
  async list(signal?: AbortSignal, status?: string): Promise<Pod[]> {
    const raw = await fetchAllPages((page) => this.page(page, status, signal), {
      cloudName: CLOUD_NAME,
      what: l10n.t('VMs'),
      pageSize: VM_PAGE_SIZE,
      key: (v) => v.id,
    });
    return raw.map(toVm);
  }

  private async page(page: number, status: string | undefined, signal?: AbortSignal): Promise<Page<RawVm>> {
    if (this.version === 'v1') {
      const body = { page, pageSize: VM_PAGE_SIZE, status };
      const data = await this.api.call(
        { method: 'POST', path: '/openapi/v1/vms/list', body, what: l10n.t('list VMs'), signal, idempotent: true },
        zVmListV1,
      );
      // a bare array is the whole list
      if (Array.isArray(data)) return { items: data, total: data.length };
      return { items: data.items ?? [], total: data.total ?? undefined, pages: data.pages ?? undefined };
    }
    const data = await this.api.call(
      { method: 'GET', path: '/v2/vms', query: { page, size: VM_PAGE_SIZE, status }, what: l10n.t('list VMs'), signal },
      zVmPage,
    );
    return { items: data.items ?? [], total: data.total ?? undefined, pages: data.pages ?? undefined };
  }

  /** NotFoundError (11000) when the cloud does not know the VM. */
  async get(id: string, signal?: AbortSignal): Promise<Pod> {
    const path = this.version === 'v1' ? `/openapi/v1/vms/${enc(id)}` : `/v2/vms/${enc(id)}`;
    return toVm(await this.api.call({ method: 'GET', path, what: l10n.t('get the VM'), signal }, zVm));
  }

  async types(signal?: AbortSignal): Promise<RawVmType[]> {
    return this.api.call({ method: 'GET', path: '/v2/vms/types', what: l10n.t('list VM types'), signal }, zVmTypes);
  }

  /** Sends exactly one create request (POST: never retried). */
  async create(spec: VmSpec, signal?: AbortSignal): Promise<Pod> {
    const body = {
      vmTypeId: idValue(spec.vmTypeId),
      region: spec.region,
      name: spec.name,
      isSpot: spec.spot ? 1 : 0,
      volumeMountPaths: Object.keys(spec.volumeMountPaths).length ? spec.volumeMountPaths : undefined,
    };
    if (this.version === 'v2') {
      return toVm(
        await this.api.call({ method: 'POST', path: '/v2/vms', body, what: l10n.t('create the VM'), signal }, zVm),
      );
    }
    const created = await this.api.call(
      { method: 'POST', path: '/openapi/v1/vms/create', body, what: l10n.t('create the VM'), signal },
      zVmCreatedV1,
    );
    if (typeof created !== 'string') return toVm(created);
    try {
      return await this.get(created, signal);
    } catch {
      // The VM exists; a failed follow-up read must not look like a failed create (the user would retry).
      return toVm({
        id: created,
        name: spec.name,
        status: 'initializing',
        region: spec.region,
        isSpot: spec.spot ? 1 : 0,
      } as RawVm);
    }
  }

  async rename(id: string, name: string, signal?: AbortSignal): Promise<void> {
    // Setting a name is safe to repeat, so a lost answer may be retried.
    const req = {
      method: 'PATCH' as const,
      path: `/v2/vms/${enc(id)}`,
      body: { name },
      what: l10n.t('rename the VM'),
      signal,
      idempotent: true,
    };
    await this.withState(id, 'rename', () => this.api.call(req, zAny), signal);
  }

  async terminate(id: string, signal?: AbortSignal): Promise<void> {
    const path = this.version === 'v1' ? `/openapi/v1/vms/${enc(id)}/terminate` : `/v2/vms/${enc(id)}`;
    await this.withState(
      id,
      'terminate',
      () => this.api.call({ method: 'DELETE', path, what: l10n.t('terminate the VM'), signal }, zAny),
      signal,
    );
  }

  /** 11001 "VM status invalid": say which state the VM is in, as the cloud reports it now, next to its reason. */
  private async withState(
    id: string,
    action: string,
    run: () => Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (!(e instanceof CloudError) || e.code !== '11001') throw e;
      const vm = await this.get(id, signal).catch((x: unknown) => (x instanceof NotFoundError ? undefined : null));
      const state = vm ? vm.rawStatus || 'unknown' : vm === undefined ? 'gone' : l10n.t('in a state it did not report');
      const label = vm ? `"${vm.name}"` : id;
      const reason = cleanMessage(e.details?.replace(/^code \d+(, HTTP \d+)?: /, '')) || 'VM status invalid';
      throw new CloudError(
        l10n.t('{0} refused to {1} the VM {2}: it is {3} ({4}, code 11001).', CLOUD_NAME, action, label, state, reason),
        e.code,
        e.httpStatus,
        `state ${state}; ${e.details ?? ''}`,
      );
    }
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** Ids Yotta documents as integers go back as numbers when safe; beyond 2^53 a string is all we can send exactly. */
function idValue(id: string): number | string {
  return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}
