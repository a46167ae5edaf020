import { formatBalance, isLowBalance, runwayHours, runwayText } from '../core/balance';
import { l10n } from '../core/l10n';
import { formatRate } from '../core/price';
import { type BalanceReading, balanceNow } from '../services/balanceWatch';
import type { AccountBurn } from '../services/balanceWatchPort';
import { unpricedNote } from '../services/lowBalanceWarning';

/** What an account row says about the balance: a short part of its description and tooltip lines. */
export interface BalanceRow {
  description?: string;
  /** Plain text lines (the row escapes them). */
  tooltip: string[];
  /** Below the warning's threshold: the row's icon says so too (a narrow view cuts the description). */
  low?: boolean;
}

function timeOf(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * The account's balance for its row. Pure (no vscode at run time), so the words are unit-tested in plain Node.
 * A cloud that publishes no balance says so once, in the tooltip, as a fact and not an error; nothing is said
 * before the account's cloud is known (its first load).
 */
export function balanceRow(
  cloud: { displayName: string; publishes: boolean | undefined },
  reading: BalanceReading | undefined,
  burn: AccountBurn,
  warnHours: number,
  now: number,
): BalanceRow | undefined {
  if (cloud.publishes === undefined) return undefined;
  if (!cloud.publishes) return { tooltip: [l10n.t('Balance: not published by {0}', cloud.displayName)] };
  if (!reading) return { tooltip: [l10n.t('Balance: not read yet')] };
  if (!reading.balance || reading.readAt === undefined)
    return { tooltip: [l10n.t('Balance: could not be read (details in the GPU Pods log)')] };
  const read = reading.balance;
  const money = formatBalance(read.availableUsd);
  const tooltip = [
    reading.error === undefined
      ? l10n.t('Balance: {0}, published by {1} at {2}', money, cloud.displayName, timeOf(reading.readAt))
      : l10n.t('Balance: {0} as of {1} — the last read failed', money, timeOf(reading.readAt)),
  ];
  if (read.owedUsd !== undefined && read.owedUsd > 0) tooltip.push(l10n.t('Owed: {0}', formatBalance(read.owedUsd)));
  const left = balanceNow(reading, burn, now) ?? read.availableUsd;
  const hours = runwayHours(left, burn.perHour);
  const low = isLowBalance(left, burn.perHour, warnHours);
  if (Number.isFinite(hours))
    tooltip.push(
      l10n.t('At the current {0} it lasts about {1} (estimated).', formatRate(burn.perHour, 'hour'), runwayText(hours)),
    );
  const note = unpricedNote(burn.unpriced);
  if (note) tooltip.push(note);
  const description = low
    ? l10n.t('balance {0} · about {1} left', money, runwayText(hours))
    : l10n.t('balance {0}', money);
  return low ? { description, tooltip, low } : { description, tooltip };
}
