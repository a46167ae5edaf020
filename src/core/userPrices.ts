/**
 * Prices the user sets for GPU types whose cloud publishes none (Yotta): USD per GPU-hour, by GPU type name,
 * from the `gpuPods.prices.perGpuHour` setting. Plain data; what the setting holds is checked entry by entry,
 * and a bad entry is left out with the reason, never counted.
 */

/** GPU type name (as GPU Pods shows it, "RTX 4090") → USD per GPU-hour. */
export type UserPrices = Readonly<Record<string, number>>;

/**
 * How names are compared: "RTX 4090", "rtx 4090" and "RTX  4090 " are one GPU type. A name is what the cloud
 * lists, so two clouds listing the same name share one price (the setting is per GPU type, not per cloud).
 */
export function gpuTypeKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A price the user may set: finite and not negative (0 is a free GPU, never "unknown"). */
export function validUserPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The entries that pass; the others are named in `ignored` ("H100: not a number of dollars"). */
export function readUserPrices(value: unknown): { prices: UserPrices; ignored: string[] } {
  if (value === undefined || value === null) return { prices: {}, ignored: [] };
  if (typeof value !== 'object' || Array.isArray(value))
    return { prices: {}, ignored: ['the setting is not an object of GPU type → price'] };
  const prices: Record<string, number> = {};
  const ignored: string[] = [];
  for (const [name, price] of Object.entries(value as Record<string, unknown>)) {
    if (gpuTypeKey(name) === '') ignored.push('an entry without a GPU type name');
    else if (!validUserPrice(price)) ignored.push(`${name}: not a price of 0 or more`);
    else prices[name] = price;
  }
  return { prices, ignored };
}

/** USD per GPU-hour the user set for this GPU type; undefined when none is set. */
export function userPriceFor(prices: UserPrices | undefined, gpuName: string | undefined): number | undefined {
  if (!prices || !gpuName) return undefined;
  const key = gpuTypeKey(gpuName);
  for (const [name, price] of Object.entries(prices))
    if (gpuTypeKey(name) === key && validUserPrice(price)) return price;
  return undefined;
}

/** The setting's new value: this GPU type at this price, replacing any entry under another spelling of it. */
export function withUserPrice(prices: UserPrices, gpuName: string, price: number): Record<string, number> {
  const key = gpuTypeKey(gpuName);
  const kept = Object.entries(prices).filter(([name]) => gpuTypeKey(name) !== key);
  return Object.fromEntries([...kept, [gpuName.trim(), price]]);
}

/**
 * What the user typed as a price: "0.8", "$0.80", "1,25" (a decimal comma). An error sentence for anything
 * else: a negative, NaN or a word is never stored.
 */
export function parseUserPrice(text: string): { price: number } | { error: 'empty' | 'notNumber' | 'negative' } {
  const cleaned = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(',', '.');
  if (cleaned === '') return { error: 'empty' };
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(cleaned)) return { error: 'notNumber' };
  const price = Number(cleaned);
  if (!Number.isFinite(price)) return { error: 'notNumber' };
  if (price < 0) return { error: 'negative' };
  return { price };
}
