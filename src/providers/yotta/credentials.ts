import * as z from '../../core/zod';
import { CloudError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import type {
  CredentialChange,
  NewCredential,
  RegistryCredential,
  RegistryCredentialOps,
} from '../../core/registryCredentials';
import type { SecretValues } from '../../core/secretRedactor';
import { CLOUD_NAME, type YottaApi } from './api';
import type { YottaResources } from './resources';
import { zRegistryAuth } from './schemas';

const zAny = z.unknown();

/** CreateCredentialRequest `type` (OpenAPI enum), with the words people know them by. */
export const YOTTA_REGISTRY_KINDS = [
  { id: 'DOCKER_HUB', label: 'Docker Hub' },
  { id: 'GCR', label: 'Google Container Registry' },
  { id: 'ECR', label: 'Amazon ECR' },
  { id: 'ACR', label: 'Azure Container Registry' },
  { id: 'PRIVATE', label: l10n.t('Other private registry') },
] as const;

/**
 * Yotta's registry credentials (OpenAPI paths./v2/container-registry-auths*; API guide "Credential"): list,
 * create, update (PATCH, every field optional) and delete, which Yotta refuses with HTTP 409 while a pod or
 * endpoint uses the credential. The password is sent once and never read back (no answer carries it).
 */
export function yottaCredentials(api: YottaApi, res: YottaResources, secrets?: SecretValues): RegistryCredentialOps {
  return {
    list: (signal) => res.listRegistryCredentials(signal),
    kinds: YOTTA_REGISTRY_KINDS,
    async create(c: NewCredential, signal?: AbortSignal): Promise<RegistryCredential> {
      secrets?.add(c.password);
      const raw = await api.call(
        {
          method: 'POST',
          path: '/v2/container-registry-auths',
          body: { name: c.name, type: c.kind ?? 'PRIVATE', username: c.username, password: c.password },
          what: l10n.t('add the registry credential'),
          signal,
        },
        zRegistryAuth,
      );
      return { id: raw.id, name: raw.name || c.name, detail: raw.type ?? c.kind };
    },
    async update(id: string, change: CredentialChange, signal?: AbortSignal): Promise<void> {
      secrets?.add(change.password);
      // Setting the same fields again changes nothing: safe to repeat after a lost answer.
      await api.call(
        {
          method: 'PATCH',
          path: `/v2/container-registry-auths/${encodeURIComponent(id)}`,
          body: { name: change.name, username: change.username, password: change.password },
          what: l10n.t('update the registry credential'),
          idempotent: true,
          signal,
        },
        zAny,
      );
    },
    async delete(id: string, signal?: AbortSignal): Promise<void> {
      try {
        await api.call(
          {
            method: 'DELETE',
            path: `/v2/container-registry-auths/${encodeURIComponent(id)}`,
            what: l10n.t('delete the registry credential'),
            signal,
          },
          zAny,
        );
      } catch (e) {
        // OpenAPI: 409 "Credential is in use by Pod or Endpoint" (no body documented).
        if (e instanceof CloudError && e.httpStatus === 409)
          throw new CloudError(
            l10n.t('{0} keeps the credential: a pod or endpoint still uses it.', CLOUD_NAME),
            e.code,
            409,
            e.details,
          );
        throw e;
      }
    },
  };
}
