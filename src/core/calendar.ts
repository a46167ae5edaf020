/**
 * The user's calendar (local time) for "today" and "this month": keys that change at local midnight and on the
 * first of the month, and where the next day starts. Times are epoch ms from the injected clock.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-07". */
export function dayKey(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-12". */
export function monthKey(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}
