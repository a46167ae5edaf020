import { CloudError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import {
  type NewCredential,
  newlyListed,
  type RegistryCredential,
  type RegistryCredentialOps,
} from '../../core/registryCredentials';
import type { SecretValues } from '../../core/secretRedactor';
import type { NovitaApi } from './api';
import { CLOUD } from './errors';
import { zRegistryAuthList } from './imageSchemas';

/**
 * Novita's container registry auths (api-reference gpu-instance-{list,create,delete}-container-registry-auth):
 * list, save `{name, username, password}` and delete `{id}`. No update is documented, so none is offered.
 * The save answers `{}` (or nothing), never the new id: it is found in the list, as the one that was not there.
 */
export function novitaRegistryAuths(api: NovitaApi, secrets?: SecretValues): RegistryCredentialOps {
  async function list(signal?: AbortSignal): Promise<RegistryCredential[]> {
    const res = await api.call(zRegistryAuthList, {
      method: 'GET',
      path: '/repository/auths',
      what: l10n.t('list registry credentials'),
      signal,
    });
    return (res.data ?? []).map((a) => ({ id: a.id, name: a.name || a.id, detail: a.username ?? undefined }));
  }
  return {
    list,
    async create(c: NewCredential, signal?: AbortSignal): Promise<RegistryCredential> {
      secrets?.add(c.password);
      const before = await list(signal);
      // Never repeated: a second save would make a second credential.
      await api.send({
        method: 'POST',
        path: '/repository/auth/save',
        body: { name: c.name, username: c.username, password: c.password },
        what: l10n.t('add the registry credential'),
        idempotent: false,
        signal,
      });
      const made = newlyListed(before, await list(signal), c.name);
      if (!made)
        throw new CloudError(
          l10n.t(
            '{0} saved the credential "{1}" but it could not be told apart in the list; pick it there.',
            CLOUD,
            c.name,
          ),
          'CREDENTIAL_NOT_LISTED',
        );
      return made;
    },
    async delete(id: string, signal?: AbortSignal): Promise<void> {
      await api.send({
        method: 'POST',
        path: '/repository/auth/delete',
        body: { id },
        what: l10n.t('delete the registry credential'),
        idempotent: true,
        signal,
      });
    },
  };
}
