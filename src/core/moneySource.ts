import { l10n } from './l10n';

/**
 * Where a money figure comes from; every price and every spend GPU Pods shows says it. A price is published
 * by the cloud (its list), quoted at create (its dry run, kept for the pod) or set by the user (per GPU type);
 * a spend is billed (the cloud's own bills) or estimated (price × time, by GPU Pods).
 */
export type PriceSource = 'published' | 'quoted' | 'user';
export type SpendSource = 'billed' | 'estimated';

/** "published by Novita AI", "quoted at create", "set by you". */
export function priceSourceText(source: PriceSource, cloudName?: string): string {
  switch (source) {
    case 'published':
      return cloudName ? l10n.t('published by {0}', cloudName) : l10n.t('published by the cloud');
    case 'quoted':
      return l10n.t('quoted at create');
    case 'user':
      return l10n.t('set by you');
  }
}

/** "billed by Novita AI", "estimated". */
export function spendSourceText(source: SpendSource, cloudName?: string): string {
  if (source === 'estimated') return l10n.t('estimated');
  return cloudName ? l10n.t('billed by {0}', cloudName) : l10n.t('billed by the cloud');
}
