import { l10n } from './l10n';
import type { CloudId, Pod } from './model';

/**
 * What running pods cost right now, from the pods already loaded (no request of its own). A pod whose
 * cloud gives no price is counted but never priced: it is neither $0 nor a guess.
 */

export interface BurnEntry {
  accountId: string;
  cloud: CloudId;
  /** "Novita AI" or "Novita AI (work)" when the cloud has several accounts. */
  where: string;
  pod: Pod;
}

export interface BurnRow extends BurnEntry {
  /** USD per hour; undefined when the cloud gives none. */
  perHour?: number;
  /** How long since the pod was created (or started, where the cloud says); undefined when unknown. */
  runningMs?: number;
  /** perHour × runningMs, an upper bound when the pod was stopped in between; undefined when either is unknown. */
  spent?: number;
}

export interface BurnRate {
  running: number;
  /** Sum of the known prices, USD per hour. */
  knownPerHour: number;
  /** Running pods with a price. */
  priced: number;
  /** Running pods without one. */
  unknown: number;
  /** Dearest first, unknown prices last. */
  rows: BurnRow[];
}

/** A price we can add up: finite and not negative. Anything else counts as unknown. */
export function usablePrice(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Each pod once, under the first account that lists it: two accounts of one cloud with the same key (or a
 * team's pod both keys see) list the same pod, which costs once.
 */
export function oncePerPod<T extends { pod: Pick<Pod, 'cloud' | 'id'> }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = `${e.pod.cloud}/${e.pod.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function computeBurnRate(entries: readonly BurnEntry[], now: number): BurnRate {
  const rows: BurnRow[] = oncePerPod(entries)
    .filter((e) => e.pod.status === 'running')
    .map((e) => {
      const perHour = usablePrice(e.pod.pricePerHour);
      const since = e.pod.createdAt;
      const runningMs = typeof since === 'number' && Number.isFinite(since) && since <= now ? now - since : undefined;
      const spent = perHour !== undefined && runningMs !== undefined ? (perHour * runningMs) / 3_600_000 : undefined;
      return { ...e, perHour, runningMs, spent };
    })
    .sort((a, b) => (b.perHour ?? -1) - (a.perHour ?? -1) || a.pod.name.localeCompare(b.pod.name));
  const priced = rows.filter((r) => r.perHour !== undefined);
  // Sum in cents-of-a-cent to keep 0.1 + 0.2 from printing as 0.30000000000000004 anywhere.
  const knownPerHour = Math.round(priced.reduce((sum, r) => sum + r.perHour! * 10_000, 0)) / 10_000;
  return { running: rows.length, knownPerHour, priced: priced.length, unknown: rows.length - priced.length, rows };
}

/** "$4.12", "$0.35", "$0.004" (three decimals below ten cents, so small rates never read as $0.00). */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.1) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(2)}`;
}

/** "45m", "3h 05m", "2d 4h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return l10n.t('{0}m', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return l10n.t('{0}h {1}m', hours, String(minutes % 60).padStart(2, '0'));
  return l10n.t('{0}d {1}h', Math.floor(hours / 24), hours % 24);
}
