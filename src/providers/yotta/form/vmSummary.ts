import type { SummaryLine } from '../../../core/createForm';
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
  return [
    { label: l10n.t('Name'), value: s.name, fieldId: 'name' },
    {
      label: l10n.t('GPU (VM type)'),
      value: `${info?.name ?? type?.gpuType ?? ''}${info?.vramGb ? ` (${info.vramGb} GB VRAM)` : ''}`,
      fieldId: 'vmType',
    },
    {
      label: l10n.t('Region'),
      value: region?.regionName && region.regionName !== s.region ? `${region.regionName} (${s.region})` : s.region,
      fieldId: 'region',
    },
    {
      label: l10n.t('Pricing'),
      value: s.spot ? l10n.t('Spot (may be reclaimed)') : l10n.t('On-demand'),
      fieldId: 'pricing',
    },
    { label: l10n.t('Volumes'), value: vols.join(', ') || l10n.t('none'), fieldId: 'volumes' },
    { ...NO_PRICE },
  ];
}
