import type { StorageCost } from '../../core/model';
import type { RawInstance } from './schemas';

/**
 * Novita's published storage prices ("GPU Instance Pricing", Storage Resources): the container disk has a 60 GB
 * free quota and costs $0.005/GB/day above it; the volume disk (the instance's local volume) $0.005/GB/day; a
 * network volume $0.002/GB/day — billed on its own, listed under Volumes, so not counted for the pod here.
 */
export const NOVITA_STORAGE_PRICES = {
  source: 'https://novita.ai/docs/guides/gpu-instance-pricing',
  containerFreeGb: 60,
  containerUsdPerGbDay: 0.005,
  volumeUsdPerGbDay: 0.005,
} as const;

/**
 * What the instance's disks cost a day at those prices: the root filesystem (`rootfsSize`, the container disk)
 * and its local volume mounts (`volumeMounts` of type `local`), both in GB in the instance list. Without both
 * fields the sizes are not known and no figure is made.
 */
export function storageCostOf(raw: Pick<RawInstance, 'rootfsSize' | 'volumeMounts'>): StorageCost {
  const p = NOVITA_STORAGE_PRICES;
  const rootfs = raw.rootfsSize;
  const mounts = raw.volumeMounts;
  if (rootfs === undefined || rootfs === null || !mounts) return { source: p.source };
  const local = mounts
    .filter((m) => String(m.type ?? '').toLowerCase() === 'local')
    .reduce((sum, m) => sum + (m.size !== undefined && m.size !== null && m.size > 0 ? m.size : 0), 0);
  const container = Math.max(0, rootfs - p.containerFreeGb);
  return {
    usdPerDay: container * p.containerUsdPerGbDay + local * p.volumeUsdPerGbDay,
    billedGb: container + local,
    source: p.source,
  };
}
