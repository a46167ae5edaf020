/** Option and summary pieces the pod and VM wizards show alike (stock, regions, volumes, price). */

import type { PickOption, SummaryLine } from '../../../core/createForm';
import type { Volume } from '../../../core/model';
import { l10n } from '../../../core/l10n';

/** A GPU option; `openRegions` names where it can be had, undefined when it is sold out everywhere. */
export function gpuOption(
  name: string,
  vramGb: number | undefined,
  value: string,
  openRegions: string[] | undefined,
): PickOption {
  return {
    label: name,
    description: vramGb ? l10n.t('{0} GB VRAM', vramGb) : undefined,
    detail: openRegions ? l10n.t('Available in {0}', openRegions.join(', ')) : undefined,
    value,
    disabledReason: openRegions ? undefined : l10n.t('Sold out in every region'),
  };
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

export const NO_PRICE: SummaryLine = {
  label: l10n.t('Price'),
  value: l10n.t('Yotta Labs does not publish a price through its API; see the console'),
};

/** Creates once; a refusal (e.g. sold out) drops what the wizard loaded, so going back shows the new stock. */
export async function createThenForgetOnFailure<T>(create: () => Promise<T>, forget: () => void): Promise<T> {
  try {
    return await create();
  } catch (e) {
    forget();
    throw e;
  }
}
