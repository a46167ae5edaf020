import { formatUsd, usablePrice } from '../burnRate';
import type { Pod } from '../model';
import type { IdleVerdict } from './idleRule';

/**
 * The status bar's "2 idle · $3.10/h": running pods the readings prove idle, and what they cost per hour.
 * A pod with no price is counted and said ("+ 1 unpriced"), never added as $0; a pod whose verdict is
 * unknown or busy is not idle. The wording is the view's (localised there); this is the data.
 */

export interface IdleSummaryEntry {
  pod: Pick<Pod, 'name' | 'status' | 'pricePerHour'>;
  verdict: IdleVerdict;
}

export interface IdleSummary {
  /** Running pods whose verdict is idle. */
  idle: number;
  /** Sum of the idle pods' known prices, USD per hour. */
  knownPerHour: number;
  /** `formatUsd(knownPerHour)`; undefined when no idle pod has a price (so nothing reads "$0.00"). */
  knownPerHourText?: string;
  /** Idle pods without a price. */
  unpriced: number;
}

export function idleSummary(entries: readonly IdleSummaryEntry[]): IdleSummary {
  const idle = entries.filter((e) => e.pod.status === 'running' && e.verdict.kind === 'idle');
  const prices = idle.map((e) => usablePrice(e.pod.pricePerHour)).filter((p): p is number => p !== undefined);
  // Same cents-of-a-cent rounding as the burn rate, so both figures agree to the cent.
  const knownPerHour = Math.round(prices.reduce((sum, p) => sum + p * 10_000, 0)) / 10_000;
  return {
    idle: idle.length,
    knownPerHour,
    ...(prices.length > 0 && { knownPerHourText: formatUsd(knownPerHour) }),
    unpriced: idle.length - prices.length,
  };
}
