import { CLOUDS } from '../providers/clouds';
import { askKey } from './connectCloud';
import { pickAccount } from './pickTarget';
import type { Services } from './services';

/** Replace an account's key (after it was revoked, say); the account reloads at once. */
export async function updateKey(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg);
  const info = CLOUDS[account.cloud];
  const key = await askKey(services, `${info.displayName} (${account.label})`, info.keyHelp, info.keyPlaceholder);
  await services.accounts.setKey(account.id, key);
  services.data.forget(account.id);
  await services.data.refresh(account.id);
}
