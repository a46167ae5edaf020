import type { SpendSoFar } from '../core/spendSoFar';
import type { AccountBills } from './cloudBills';
import type { SpendTracker } from './spendTracker';

/**
 * The budget's spend so far, from the same figures the burn-rate tooltip shows: per account the cloud's bills
 * where they were read (Novita), else GPU Pods' estimate kept across reloads (SpendTracker). Dollars only: a
 * price in another currency, or in none, is never added to a budget in USD.
 */
export function trackedSpend(
  tracker: Pick<SpendTracker, 'current'>,
  bills: Pick<AccountBills, 'billedOnce'> | undefined,
  accountIds: () => readonly string[],
): SpendSoFar {
  let estimated = true;
  const usd = (period: 'today' | 'month'): number => {
    const spent = tracker.current()[period];
    const ids = [...new Set([...accountIds(), ...Object.keys(spent)])];
    const billed = bills?.billedOnce(ids);
    let total = 0;
    let guessed = false;
    for (const id of ids) {
      const read = billed?.get(id);
      if (read) total += period === 'today' ? read.today : read.month;
      else if ((spent[id]?.USD ?? 0) > 0) {
        total += spent[id]!.USD!;
        guessed = true;
      }
    }
    estimated = guessed;
    return Math.round(total * 10_000) / 10_000;
  };
  return {
    today: () => usd('today'),
    thisMonth: () => usd('month'),
    get estimated() {
      return estimated;
    },
  };
}
