import * as z from '../../core/zod';
import type { Endpoint, GpuOffer, Volume } from '../../core/model';
import type { RegistryCredential } from '../../core/registryCredentials';
import { fetchAllPages } from '../../core/paging';
import { CLOUD_NAME, type YottaApi } from './api';
import { toEndpoint, toOffer, toVolume } from './mapping';
import { zEndpointList, zRegistryAuthList, zVmTypes, zVolume, zVolumePage } from './schemas';
import { l10n } from '../../core/l10n';

const zAny = z.unknown();

/** Large pages so a refresh of a few hundred volumes is one request per storage type; paging follows `pages`. */
export const VOLUME_PAGE_SIZE = 500;

/**
 * `GET /v2/volumes` requires one `storageType` (OpenAPI and the volume guide). Every type is storage the user
 * pays for and our volume form creates, so all four are listed: one request each for most accounts.
 */
export const STORAGE_TYPES = ['CEPH', 'VENDOR', 'S3', 'R2'] as const;

export interface NewVolume {
  name: string;
  storageType: string;
  region?: string;
  sizeInGb?: number;
  vendorVolumeType?: string;
}

export class YottaResources {
  constructor(private readonly api: YottaApi) {}

  async listVolumes(signal?: AbortSignal): Promise<Volume[]> {
    const out: Volume[] = [];
    for (const storageType of STORAGE_TYPES) out.push(...(await this.listVolumesOf(storageType, signal)));
    return out;
  }

  private async listVolumesOf(storageType: string, signal?: AbortSignal): Promise<Volume[]> {
    const raw = await fetchAllPages(
      async (page) => {
        const data = await this.api.call(
          {
            method: 'GET',
            path: '/v2/volumes',
            query: { page, size: VOLUME_PAGE_SIZE, storageType },
            what: l10n.t('list {0} volumes', storageType),
            signal,
          },
          zVolumePage,
        );
        return { items: data.items ?? [], total: data.total ?? undefined, pages: data.pages ?? undefined };
      },
      // a volume created between two pages shifts the rest by one: the key keeps each once
      { cloudName: CLOUD_NAME, what: l10n.t('{0} volumes', storageType), pageSize: VOLUME_PAGE_SIZE, key: (v) => v.id },
    );
    return raw.map(toVolume);
  }

  async createVolume(spec: NewVolume, signal?: AbortSignal): Promise<Volume> {
    const raw = await this.api.call(
      { method: 'POST', path: '/v2/volumes', body: spec, what: l10n.t('create the volume'), signal },
      zVolume,
    );
    return toVolume(raw);
  }

  async renameVolume(id: string, name: string): Promise<void> {
    // Setting a name is safe to repeat, so a 429 or a lost answer may be retried.
    await this.api.call(
      {
        method: 'POST',
        path: `/v2/volumes/${enc(id)}/name`,
        body: { name },
        what: l10n.t('rename the volume'),
        idempotent: true,
      },
      zAny,
    );
  }

  async resizeVolume(id: string, sizeInGb: number): Promise<void> {
    await this.api.call(
      { method: 'POST', path: `/v2/volumes/${enc(id)}/resize`, body: { sizeInGb }, what: l10n.t('resize the volume') },
      zAny,
    );
  }

  async deleteVolume(id: string): Promise<void> {
    await this.api.call({ method: 'DELETE', path: `/v2/volumes/${enc(id)}`, what: l10n.t('delete the volume') }, zAny);
  }

  async listOffers(signal?: AbortSignal): Promise<GpuOffer[]> {
    const raw = await this.api.call(
      { method: 'GET', path: '/v2/vms/types', what: l10n.t('list GPU types'), signal },
      zVmTypes,
    );
    return raw.map(toOffer);
  }

  async listEndpoints(signal?: AbortSignal): Promise<Endpoint[]> {
    const raw = await this.api.call(
      { method: 'GET', path: '/v2/serverless', what: l10n.t('list endpoints'), signal },
      zEndpointList,
    );
    return raw.map(toEndpoint);
  }

  async startEndpoint(id: string): Promise<void> {
    await this.api.call(
      { method: 'POST', path: `/v2/serverless/${enc(id)}/start`, what: l10n.t('start the endpoint') },
      zAny,
    );
  }

  async stopEndpoint(id: string): Promise<void> {
    await this.api.call(
      { method: 'POST', path: `/v2/serverless/${enc(id)}/stop`, what: l10n.t('stop the endpoint') },
      zAny,
    );
  }

  async listRegistryCredentials(signal?: AbortSignal): Promise<RegistryCredential[]> {
    const raw = await this.api.call(
      { method: 'GET', path: '/v2/container-registry-auths', what: l10n.t('list registry credentials'), signal },
      zRegistryAuthList,
    );
    return raw.map((c) => ({ id: c.id, name: c.name || c.id, detail: c.type ?? undefined }));
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}
