import { computeBurnRate } from '../core/burnRate';
import { CLOUDS } from '../providers/clouds';
import type { AccountData } from './accountData';
import type { Account } from './accounts';
import type { AccountBurn } from './balanceWatchPort';

/** "Novita AI", or "Novita AI (work)" when several accounts of that cloud are connected. */
export function accountWhere(account: Account, all: readonly Account[]): string {
  const cloud = CLOUDS[account.cloud].displayName;
  return all.filter((a) => a.cloud === account.cloud).length > 1 ? `${cloud} (${account.label})` : cloud;
}

/** What an account's running pods burn, from its last list (a pod priced in another currency is not counted). */
export function accountBurn(data: Pick<AccountData, 'snapshot'>, account: Account, now: number): AccountBurn {
  const pods = data.snapshot(account.id)?.pods ?? [];
  const b = computeBurnRate(
    pods.map((pod) => ({ accountId: account.id, cloud: account.cloud, where: '', pod })),
    now,
  );
  return { perHour: b.knownPerHour, running: b.running, unpriced: b.running - b.priced };
}
