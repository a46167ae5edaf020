import * as z from '../../core/zod';
import type { Pod } from '../../core/model';
import type { YottaApi } from './api';
import { splitImage } from './images';
import { toPod } from './mapping';
import { type RawPodV1, type RawPodV2, zNewPodIdV1, zPodListV1, zPodListV2, zPodV1, zPodV2 } from './schemas';
import { l10n } from '../../core/l10n';

export type ApiVersion = 'v1' | 'v2';

/** What the create wizard decided, independent of the API version that sends it. */
export interface PodSpec {
  name: string;
  image: string;
  gpuType: string;
  gpuCount: number;
  regions: string[];
  containerVolumeInGb?: number;
  containerRegistryAuthId?: string;
  environmentVars: Array<{ key: string; value: string }>;
  /**
   * The user's public key. Yotta has no key API; its official images' start script appends the environment
   * variable PUBLIC_KEY to ~/.ssh/authorized_keys (yottalabsai/container start.sh), so it travels as that.
   */
  publicKey?: string;
  expose: Array<{ port: number; protocol: string }>;
  /** v2 only: an existing volume or a new one of this size, mounted at `mountPath`. */
  volumeId?: string;
  newVolumeGb?: number;
  mountPath?: string;
}

const zAny = z.unknown();

/** Pod calls for both API versions; v1 is kept for accounts that have not moved to v2. */
export class YottaPods {
  constructor(
    private readonly api: YottaApi,
    readonly version: ApiVersion,
  ) {}

  async list(signal?: AbortSignal): Promise<Pod[]> {
    if (this.version === 'v1') {
      const raw = await this.api.call(
        { method: 'GET', path: '/openapi/v1/pods/list', what: l10n.t('list pods'), signal },
        zPodListV1,
      );
      return raw.map((p) => toPod(p, 'v1'));
    }
    const raw = await this.api.call({ method: 'GET', path: '/v2/pods', what: l10n.t('list pods'), signal }, zPodListV2);
    return raw.map((p) => toPod(p, 'v2'));
  }

  async get(id: string, signal?: AbortSignal): Promise<Pod> {
    return toPod(await this.getRaw(id, signal), this.version);
  }

  /** The pod's answer as Yotta sent it (Create Pod Like This reads its settings from it). */
  async getRaw(id: string, signal?: AbortSignal): Promise<RawPodV1 | RawPodV2> {
    const path = this.version === 'v1' ? `/openapi/v1/pods/${enc(id)}` : `/v2/pods/${enc(id)}`;
    const what = l10n.t('get pod');
    if (this.version === 'v1') return this.api.call({ method: 'GET', path, what, signal }, zPodV1);
    return this.api.call({ method: 'GET', path, what, signal }, zPodV2);
  }

  async pause(id: string): Promise<void> {
    const path = this.version === 'v1' ? `/openapi/v1/pods/pause/${enc(id)}` : `/v2/pods/${enc(id)}/pause`;
    await this.api.call({ method: 'POST', path, what: l10n.t('pause the pod') }, zAny);
  }

  async resume(id: string): Promise<void> {
    const path = this.version === 'v1' ? `/openapi/v1/pods/resume/${enc(id)}` : `/v2/pods/${enc(id)}/resume`;
    await this.api.call({ method: 'POST', path, what: l10n.t('resume the pod') }, zAny);
  }

  /**
   * Yotta's v1 reference has no pod delete (create, get, list, pause, resume only), so v1 accounts terminate
   * through the documented v2 `DELETE /v2/pods/{id}`: the same key and the same pod ids.
   */
  async delete(id: string): Promise<void> {
    await this.api.call({ method: 'DELETE', path: `/v2/pods/${enc(id)}`, what: l10n.t('terminate the pod') }, zAny);
  }

  /** Sends exactly one create request (POST: never retried by HttpClient). */
  async create(spec: PodSpec, signal?: AbortSignal): Promise<Pod> {
    if (this.version === 'v1') return this.createV1(spec, signal);
    const { registry, image } = splitImage(spec.image);
    const body = {
      name: spec.name,
      image,
      // Docker Hub is the documented default; any other registry goes in its own field
      imageRegistry: registry,
      gpuType: spec.gpuType,
      gpuCount: spec.gpuCount,
      regions: spec.regions.length ? spec.regions : undefined,
      containerVolumeInGb: spec.containerVolumeInGb,
      containerRegistryAuthId: spec.containerRegistryAuthId ? idValue(spec.containerRegistryAuthId) : undefined,
      imagePublicType: spec.containerRegistryAuthId ? 'PRIVATE' : undefined,
      environmentVars: withPublicKey(spec),
      expose: spec.expose,
      persistentVolumes: spec.volumeId
        ? [{ volumeId: idValue(spec.volumeId), mountPath: spec.mountPath ?? '/workspace', needBackup: false }]
        : undefined,
      persistentVolumeInGb: spec.newVolumeGb,
      persistentMountPath: spec.newVolumeGb ? (spec.mountPath ?? '/workspace') : undefined,
    };
    return toPod(
      await this.api.call({ method: 'POST', path: '/v2/pods', body, what: l10n.t('create the pod'), signal }, zPodV2),
      'v2',
    );
  }

  private async createV1(spec: PodSpec, signal?: AbortSignal): Promise<Pod> {
    const body = {
      podName: spec.name,
      image: spec.image,
      gpuType: spec.gpuType,
      gpuCount: spec.gpuCount,
      region: spec.regions[0],
      containerVolumeInGb: spec.containerVolumeInGb,
      environmentVars: withPublicKey(spec),
      expose: spec.expose,
    };
    const id = await this.api.call(
      { method: 'POST', path: '/openapi/v1/pods/create', body, what: l10n.t('create the pod'), signal },
      zNewPodIdV1,
    );
    try {
      return await this.get(id, signal);
    } catch {
      // The pod exists; a failed follow-up read must not look like a failed create (the user would retry).
      return provisional(id, spec);
    }
  }
}

function provisional(id: string, spec: PodSpec): Pod {
  return {
    cloud: 'yotta',
    kind: 'pod',
    id,
    name: spec.name,
    status: 'provisioning',
    rawStatus: 'INITIALIZE',
    gpuCount: spec.gpuCount,
    image: spec.image,
    region: spec.regions[0],
    ports: [],
    details: [],
  };
}

function withPublicKey(spec: PodSpec): PodSpec['environmentVars'] {
  const key = spec.publicKey?.trim();
  return key ? [...spec.environmentVars, { key: 'PUBLIC_KEY', value: key }] : spec.environmentVars;
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

/** Ids Yotta documents as integers go back as numbers when safe; beyond 2^53 a string is all we can send exactly. */
function idValue(id: string): number | string {
  return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}
