import { askCheckedKey } from './checkedKey';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';

/** Replace an account's key (after it was revoked, say), checked with the cloud first; the account reloads at once. */
export async function updateKey(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg);
  const { key } = await askCheckedKey(
    services,
    { cloud: account.cloud, label: account.label, accountId: account.id },
    async () => account.options,
  );
  await services.accounts.setKey(account.id, key);
  services.data.forget(account.id);
  await services.data.refresh(account.id);
}
