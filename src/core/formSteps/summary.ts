/**
 * One summary order for every cloud, so the first screen answers the same questions everywhere: what
 * (GPU × count, then image), where (region), how much (price), and the name; the cloud's other lines
 * (disks, ports, volumes, SSH, notes) come after. Values are labels (a cluster's name, an image's name),
 * not the ids sent to the cloud.
 */

import type { SummaryLine } from '../createForm';
import { l10n } from '../l10n';

type Line = Omit<SummaryLine, 'label'> & { label?: string };

export interface SummaryHead {
  gpu: Line;
  /** The image or template; a VM has none. */
  image?: Line;
  region: Line;
  price: Line;
  name: Line;
}

/** "RTX 4090 × 2 (24 GB VRAM each)": the GPU line every cloud's summary opens with. */
export function gpuLine(name: string, count: number, vramGb?: number): string {
  const each = vramGb !== undefined ? ` (${l10n.t('{0} GB VRAM each', vramGb)})` : '';
  return `${name} × ${count}${each}`;
}

/** The head lines in the shared order with the shared labels, then `rest` (empty entries dropped). */
export function orderedSummary(head: SummaryHead, rest: ReadonlyArray<SummaryLine | undefined | false>): SummaryLine[] {
  const line = (l: Line, label: string): SummaryLine => ({ ...l, label: l.label ?? label });
  return [
    line(head.gpu, l10n.t('GPU')),
    ...(head.image ? [line(head.image, l10n.t('Image'))] : []),
    line(head.region, l10n.t('Region')),
    line(head.price, l10n.t('Price')),
    line(head.name, l10n.t('Name')),
    ...rest.filter((l): l is SummaryLine => !!l),
  ];
}
