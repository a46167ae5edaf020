/** The GPU count step's options, as the clouds that offer a fixed list of counts show them. */

import type { PickOption } from '../createForm';

/** What a cloud adds to one count's option: its price, or why it cannot be picked. */
export type CountExtra = Pick<PickOption, 'description' | 'disabledReason'>;

/** "2 × H100" per count, the first count picked; `extra` may price a count or rule it out. */
export function gpuCountOptions(
  counts: readonly number[],
  gpuName: string,
  extra?: (count: number) => CountExtra,
): PickOption<number>[] {
  return counts.map((n, i) => ({ label: `${n} × ${gpuName}`, ...extra?.(n), value: n, picked: i === 0 }));
}

/** The whole numbers from `min` to `max`, both included (none when `max` < `min`). */
export function countRange(min: number, max: number): number[] {
  const out: number[] = [];
  for (let n = min; n <= max; n++) out.push(n);
  return out;
}
