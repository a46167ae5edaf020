import { diskRows, gbText } from '../core/diskUsage';
import { l10n } from '../core/l10n';
import type { Utilisation } from '../core/provider';

/**
 * The tooltip's rows for a pod's utilisation read on hover: "CPU 12% · RAM 30% (9.6 / 32 GB) · GPU 40%" with what
 * the cloud reports (a figure it leaves out is left out, not shown as 0), then one row per disk. Pure.
 */
export function utilisationRows(u: Utilisation): Array<[string, string]> {
  const pct = (v: number) => `${Math.round(v)}%`;
  const parts: string[] = [];
  if (u.cpuPercent !== undefined) parts.push(l10n.t('CPU {0}', pct(u.cpuPercent)));
  if (u.ramPercent !== undefined)
    parts.push(
      u.ramUsedBytes !== undefined && u.ramTotalBytes !== undefined
        ? l10n.t('RAM {0} ({1} / {2} GB)', pct(u.ramPercent), gbText(u.ramUsedBytes), gbText(u.ramTotalBytes))
        : l10n.t('RAM {0}', pct(u.ramPercent)),
    );
  if (u.gpuPercent !== undefined) parts.push(l10n.t('GPU {0}', pct(u.gpuPercent)));
  const rows: Array<[string, string]> = parts.length ? [[l10n.t('Utilisation'), parts.join(' · ')]] : [];
  return [...rows, ...diskRows(u.disks)];
}
