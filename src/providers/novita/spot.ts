import type { SpotState } from '../../core/model';
import { l10n } from '../../core/l10n';
import type { RawInstance, RawProduct } from './schemas';

/*
 * Novita's spot capacity, read from its documented fields: a product's `billingMethods` and `spotPrice` (list
 * products), an instance's `billingMode`, `spotStatus` (running | notified | reclaiming | terminated) and
 * `spotReclaimTime` ("0" while no reclaim has started; epoch seconds as text otherwise).
 */

/** The documented values of `billingMode` this extension sends. */
export type NovitaBillingMode = 'onDemand' | 'spot';

const text = (v: string | number | null | undefined) => (v === undefined || v === null ? '' : String(v).trim());

/** The spot price per GPU-hour in Novita's unit (1/100000 USD), when the product offers spot at all. */
export function spotUnits(p: RawProduct | undefined): number | undefined {
  if (!p) return undefined;
  const methods = p.billingMethods;
  // No list at all: the price alone says it; a list that leaves spot out means no spot for this product.
  if (methods && !methods.includes('spot')) return undefined;
  return p.spotPrice !== undefined && p.spotPrice !== null && p.spotPrice > 0 ? p.spotPrice : undefined;
}

/** "1704067200" (seconds), milliseconds or an ISO date; "0" or blank is "not started". */
function reclaimTime(v: string | number | null | undefined): number | undefined {
  const s = text(v);
  if (!s || s === '0') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** The pod's spot state; undefined for an instance billed on demand or monthly. */
export function spotStateOf(raw: RawInstance): SpotState | undefined {
  const status = text(raw.spotStatus).toLowerCase();
  if (text(raw.billingMode) !== 'spot' && !['notified', 'reclaiming'].includes(status)) return undefined;
  const reclaimAt = reclaimTime(raw.spotReclaimTime);
  // Either field announces it: a reclaim time other than "0" means the reclaim has started.
  const announced =
    status === 'notified' || status === 'reclaiming' || (reclaimAt !== undefined && status !== 'terminated');
  const state: SpotState = { reclaimNotice: announced };
  if (reclaimAt !== undefined) state.reclaimAt = reclaimAt;
  return state;
}

/** Why a stopped spot instance stopped, when Novita says it took it back. */
export function reclaimedReason(raw: RawInstance): string | undefined {
  return text(raw.spotStatus).toLowerCase() === 'terminated'
    ? l10n.t('reclaimed by Novita (spot capacity)')
    : undefined;
}
