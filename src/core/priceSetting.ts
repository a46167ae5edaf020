import { hourlyCost } from './burnRate';
import type { Pod } from './model';
import type { UserPrices } from './userPrices';

/**
 * Whether the user's price for the pod's GPU type is what prices it, or would: no cloud price, no quote, and a
 * GPU type to set the price for. Set Price for GPU Type… is offered on such a pod.
 */
export function settablePrice(
  pod: Pick<Pod, 'pricePerHour' | 'quotedPrice' | 'gpuName' | 'gpuCount'>,
  prices?: UserPrices,
): boolean {
  if (!pod.gpuName) return false;
  const cost = hourlyCost(pod, prices);
  return !cost || cost.source === 'user';
}
