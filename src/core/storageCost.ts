import { formatDuration } from './burnRate';
import { l10n } from './l10n';
import type { StorageCost } from './model';
import { formatRate } from './price';
import type { StoppedRecord } from './stoppedSince';

/*
 * What a stopped pod still costs and how long it has been stopped, in words (the tooltip, the delete rule's
 * warning). A figure comes only from a cloud's published storage prices, with its unit and period; where the
 * cloud publishes none, the text says so once.
 */

/** "$0.45/day for 90 GB of disk (published storage prices)", or "storage price not published". */
export function storageCostText(cost: StorageCost | undefined): string {
  if (!cost) return l10n.t('storage price not published');
  if (cost.usdPerDay === undefined || cost.billedGb === undefined)
    return l10n.t("priced per GB (published), but the cloud did not list this pod's disk sizes");
  if (cost.usdPerDay === 0) return l10n.t('nothing for its disks (within the free storage the cloud publishes)');
  return l10n.t('{0} for {1} GB of disk (published storage prices)', formatRate(cost.usdPerDay, 'day'), cost.billedGb);
}

/** "3h 05m" from the cloud's own stop time, "at least 3h 05m" from GPU Pods' first look. */
export function stoppedForText(record: Pick<StoppedRecord, 'since' | 'exact'>, now: number): string {
  const duration = formatDuration(now - record.since);
  return record.exact ? duration : l10n.t('at least {0}', duration);
}
