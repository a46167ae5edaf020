import type { SummaryLine } from '../../../core/createForm';
import { orderedSummary } from '../../../core/formSteps/summary';
import { gpuInfo } from '../gpuTypes';
import type { RawVmType } from '../schemas';
import type { VmSpec } from '../vms';
import { NO_PRICE } from './stock';
import { l10n } from '../../../core/l10n';

/** What the VM wizard's summary shows; each line leads back to its step. */
export function vmSummary(s: VmSpec, type: RawVmType | undefined, volumeNames: Map<string, string>): SummaryLine[] {
  const info = gpuInfo(type?.gpuType);
  const region = type?.regions?.find((r) => r.region === s.region);
  const vols = Object.entries(s.volumeMountPaths).map(([id, path]) =>
    l10n.t('{0} at {1}', volumeNames.get(id) ?? id, path),
  );
  // A VM type is a whole machine: its GPU count is the cloud's, not asked (shown once the VM is listed).
  const gpu = info?.name ?? type?.gpuType ?? '';
  return orderedSummary(
    {
      gpu: {
        value: info?.vramGb !== undefined ? `${gpu} (${l10n.t('{0} GB VRAM each', info.vramGb)})` : gpu,
        fieldId: 'vmType',
      },
      region: { value: region?.regionName || s.region, fieldId: 'region' },
      price: { value: NO_PRICE },
      name: { value: s.name, fieldId: 'name' },
    },
    [
      {
        label: l10n.t('Pricing'),
        value: s.spot ? l10n.t('Spot (may be reclaimed)') : l10n.t('On-demand'),
        fieldId: 'pricing',
      },
      { label: l10n.t('Volumes'), value: vols.join(', ') || l10n.t('none'), fieldId: 'volumes' },
    ],
  );
}
