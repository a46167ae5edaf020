/** Option and summary pieces the pod and VM wizards show alike (stock, regions, volumes, price). */

import type { PickOption } from '../../../core/createForm';
import { gpuOption } from '../../../core/formSteps/gpus';
import type { Volume } from '../../../core/model';
import { l10n } from '../../../core/l10n';

/**
 * A GPU option in the shared layout; `openRegions` names where it can be had, undefined when it is sold out
 * everywhere. Yotta's API publishes no price.
 */
export function yottaGpuOption(
  name: string,
  vramGb: number | undefined,
  value: string,
  openRegions: string[] | undefined,
): PickOption {
  return gpuOption(
    {
      name,
      vramGb,
      priceMissing: 'notPublished',
      stock: openRegions
        ? openRegions.length === 1
          ? l10n.t('available in 1 region')
          : l10n.t('available in {0} regions', openRegions.length)
        : undefined,
      soldOut: openRegions ? undefined : l10n.t('sold out in every region'),
      detail: openRegions ? l10n.t('Available in {0}', openRegions.join(', ')) : undefined,
    },
    value,
  );
}

export interface StockRegion {
  id: string;
  name: string;
  available: boolean;
}

/** The region step: every region of the GPU, the first one with stock picked, the others say they are sold out. */
export function regionOptions(regions: StockRegion[], gpuName: string): PickOption[] {
  const first = regions.find((r) => r.available);
  return regions.map((r) => ({
    label: r.name,
    description: r.name !== r.id ? r.id : undefined,
    value: r.id,
    picked: r === first,
    disabledReason: r.available ? undefined : l10n.t('{0} is sold out here', gpuName),
  }));
}

/** A volume to attach; one in another region than the one picked, or not active, cannot be picked. */
export function volumeOption(v: Volume, region: string | undefined, value: string): PickOption {
  return {
    label: v.name,
    description: [v.sizeGb ? `${v.sizeGb} GB` : '', v.type ?? '', v.region ?? ''].filter(Boolean).join(' · '),
    value,
    disabledReason:
      region && v.region && v.region !== region
        ? `In ${v.region}, not ${region}`
        : v.status !== 'active'
          ? l10n.t('Volume is {0}', v.status)
          : undefined,
  };
}

/** The summary's price line: Yotta's API publishes no price. */
export const NO_PRICE = l10n.t('price not published by Yotta Labs; see the console');

/** Creates once; a refusal (e.g. sold out) drops what the wizard loaded, so going back shows the new stock. */
export async function createThenForgetOnFailure<T>(create: () => Promise<T>, forget: () => void): Promise<T> {
  try {
    return await create();
  } catch (e) {
    forget();
    throw e;
  }
}
