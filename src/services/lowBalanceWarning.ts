import { formatBalance, runwayText } from '../core/balance';
import { l10n } from '../core/l10n';
import { hoursText } from '../core/plural';
import { formatRate } from '../core/price';
import type { LowBalance } from './balanceWatchPort';

/** The warning's answers. */
export type LowBalanceAnswer = 'billing' | 'stop';

/** "1 running pod without a price is not counted." (undefined when every running pod has one). */
export function unpricedNote(unpriced: number): string | undefined {
  if (unpriced <= 0) return undefined;
  return unpriced === 1
    ? l10n.t('1 running pod without a price is not counted.')
    : l10n.t('{0} running pods without a price are not counted.', unpriced);
}

/**
 * The low-balance warning: the account, what is left, how long it lasts at the current burn rate, and what the
 * user asked to be warned at. Buttons say what they do; "Open Billing Page" only where the cloud has a known
 * billing page, the stop only where the cloud can stop a pod (in its own word: Yotta pauses).
 */
export function lowBalanceWarning(
  low: LowBalance,
  where: string,
  can: { billingPage: boolean; stop: false | 'stop' | 'pause' },
): { message: string; buttons: Partial<Record<LowBalanceAnswer, string>> } {
  const message = [
    l10n.t(
      '{0}: the balance of {1} lasts about {2} at the current {3}, less than the {4} you asked to be warned at.',
      where,
      formatBalance(low.balanceUsd),
      runwayText(low.hoursLeft),
      formatRate(low.burn.perHour, 'hour'),
      hoursText(low.warnHours),
    ),
    unpricedNote(low.burn.unpriced),
  ]
    .filter(Boolean)
    .join(' ');
  const buttons: Partial<Record<LowBalanceAnswer, string>> = {};
  if (can.billingPage) buttons.billing = l10n.t('Open Billing Page');
  if (can.stop) buttons.stop = can.stop === 'pause' ? l10n.t('Pause a Pod…') : l10n.t('Stop a Pod…');
  return { message, buttons };
}
