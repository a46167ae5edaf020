import { formatDuration, formatUsd } from './burnRate';

/**
 * An account's prepaid balance as its cloud publishes it, in US dollars: a cloud that sends another unit
 * converts in its own provider (Novita: 1/10,000 USD). A cloud that publishes no balance has none here, never $0.
 */
export interface AccountBalance {
  /** What can still be spent: the top-up left plus any credit line, less what is owed. Below zero: owed. */
  availableUsd: number;
  /** The top-up left, where the cloud says. */
  cashUsd?: number;
  /** The most the account may owe, where the cloud says. */
  creditLimitUsd?: number;
  /** What the account owes now, where the cloud says. */
  owedUsd?: number;
}

/** "$12.34", "$0.045", "−$1.23" (a balance below zero is money owed). */
export function formatBalance(usd: number): string {
  return usd < 0 ? `−${formatUsd(-usd)}` : formatUsd(usd);
}

/**
 * How many hours `balanceUsd` lasts at `perHour` (USD/h). Infinity when nothing with a price burns (no running
 * pod, or only pods whose price is unknown: those are never guessed); 0 when it is used up.
 */
export function runwayHours(balanceUsd: number, perHour: number): number {
  if (!(perHour > 0) || !Number.isFinite(perHour)) return Infinity;
  return Math.max(0, balanceUsd) / perHour;
}

/** The balance covers less than `warnHours` at that rate (`warnHours` 0: the warning is off). */
export function isLowBalance(balanceUsd: number, perHour: number, warnHours: number): boolean {
  return warnHours > 0 && runwayHours(balanceUsd, perHour) < warnHours;
}

/** "3h 05m", "2d 4h", "0m": how long a runway is. */
export function runwayText(hours: number): string {
  return formatDuration(hours * 3_600_000);
}
