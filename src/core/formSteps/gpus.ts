/**
 * The GPU step every cloud's wizard opens with, in one layout: the GPU's name as the label, then
 * "VRAM · price with its unit · stock" as the description. What a cloud does not publish is said ("price not
 * published"), never left blank. A sold-out GPU stays listed with its reason, and its stock is not repeated.
 */

import type { PickOption } from '../createForm';
import { l10n } from '../l10n';
import { formatRate } from '../price';

export interface GpuFacts {
  name: string;
  vramGb?: number;
  /** USD per GPU-hour, when the cloud lists one. */
  pricePerGpuHour?: number;
  /** Why there is no price, when there is none. */
  priceMissing?: 'notPublished' | 'quotedAtCreate';
  /** USD per GPU-hour on spot (interruptible) capacity, where the cloud offers it for this GPU. */
  spotPricePerGpuHour?: number;
  /** "high", "3 free", "in 2 regions"; undefined: the cloud does not publish stock. */
  stock?: string;
  /** Why it cannot be picked ("sold out"); the description then leaves the stock out. */
  soldOut?: string;
  /** A second line: where, CPU and memory. */
  detail?: string;
}

/** "$0.350/GPU·h", "price not published", "price quoted in the summary", "price unknown". */
export function gpuPriceText(facts: Pick<GpuFacts, 'pricePerGpuHour' | 'priceMissing'>): string {
  if (facts.pricePerGpuHour !== undefined && Number.isFinite(facts.pricePerGpuHour) && facts.pricePerGpuHour >= 0)
    return formatRate(facts.pricePerGpuHour, 'gpuHour');
  if (facts.priceMissing === 'notPublished') return l10n.t('price not published');
  if (facts.priceMissing === 'quotedAtCreate') return l10n.t('price quoted in the summary');
  return l10n.t('price unknown');
}

export function gpuOption<T>(facts: GpuFacts, value: T): PickOption<T> {
  const vram = facts.vramGb !== undefined ? l10n.t('{0} GB VRAM', facts.vramGb) : l10n.t('VRAM not published');
  const stock = facts.stock !== undefined ? l10n.t('stock: {0}', facts.stock) : l10n.t('stock not published');
  return {
    label: facts.name,
    description: [
      vram,
      gpuPriceText(facts),
      ...(facts.spotPricePerGpuHour !== undefined
        ? [l10n.t('spot {0}', formatRate(facts.spotPricePerGpuHour, 'gpuHour'))]
        : []),
      ...(facts.soldOut ? [] : [stock]),
    ].join(' · '),
    ...(facts.detail ? { detail: facts.detail } : {}),
    value,
    ...(facts.soldOut ? { disabledReason: facts.soldOut } : {}),
  };
}
