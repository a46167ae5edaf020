import type { SummaryLine } from '../../../core/createForm';
import { gpuInfo } from '../gpuTypes';
import type { RawVmType } from '../schemas';
import type { VmSpec } from '../vms';
import { NO_PRICE } from './stock';

/** What the VM wizard's summary shows; each line leads back to its step. */
export function vmSummary(s: VmSpec, type: RawVmType | undefined, volumeNames: Map<string, string>): SummaryLine[] {
  const info = gpuInfo(type?.gpuType);
  const region = type?.regions?.find((r) => r.region === s.region);
  const vols = Object.entries(s.volumeMountPaths).map(([id, path]) => `${volumeNames.get(id) ?? id} at ${path}`);
  return [
    { label: 'Name', value: s.name, fieldId: 'name' },
    {
      label: 'GPU (VM type)',
      value: `${info?.name ?? type?.gpuType ?? ''}${info?.vramGb ? ` (${info.vramGb} GB VRAM)` : ''}`,
      fieldId: 'vmType',
    },
    {
      label: 'Region',
      value: region?.regionName && region.regionName !== s.region ? `${region.regionName} (${s.region})` : s.region,
      fieldId: 'region',
    },
    { label: 'Pricing', value: s.spot ? 'Spot (may be reclaimed)' : 'On-demand', fieldId: 'pricing' },
    { label: 'Volumes', value: vols.join(', ') || 'none', fieldId: 'volumes' },
    { ...NO_PRICE },
  ];
}
