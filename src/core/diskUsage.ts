import { l10n } from './l10n';
import type { DiskUsage } from './model';

/**
 * How full a pod's disks are, and when to warn. A disk at or above `DISK_WARN_PERCENT` is "nearly full": the row
 * gets a warning and the user one notification. It is warned of again only after it went back below
 * `DISK_REARM_PERCENT` (space freed) and crossed once more: a disk hovering around the line warns once.
 */
export const DISK_WARN_PERCENT = 90;
export const DISK_REARM_PERCENT = 85;

const GIB = 1024 ** 3;

/** Bytes → "12.1" GB (GiB, as the clouds' own consoles show 32212254720 bytes as 30 GB). */
export function gbText(bytes: number): string {
  const v = bytes / GIB;
  return v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

/** Readable only when both sizes are sane numbers and the disk has a size. */
export function isReadable(d: DiskUsage): boolean {
  return Number.isFinite(d.usedBytes) && Number.isFinite(d.totalBytes) && d.totalBytes > 0 && d.usedBytes >= 0;
}

export function usedPercent(d: DiskUsage): number {
  return Math.min(100, (d.usedBytes / d.totalBytes) * 100);
}

export function isNearlyFull(d: DiskUsage): boolean {
  return isReadable(d) && usedPercent(d) >= DISK_WARN_PERCENT;
}

/** "12.1 / 30 GB (40%)". */
export function diskText(d: DiskUsage): string {
  return l10n.t('{0} / {1} GB ({2}%)', gbText(d.usedBytes), gbText(d.totalBytes), Math.floor(usedPercent(d)));
}

/** The tooltip's rows, one per readable disk; a nearly full one says so. */
export function diskRows(disks: readonly DiskUsage[] | undefined): Array<[string, string]> {
  return (disks ?? [])
    .filter(isReadable)
    .map((d) => [d.label, isNearlyFull(d) ? l10n.t('{0} — nearly full', diskText(d)) : diskText(d)]);
}

/** The row's short warning ("disk 93% full"), for the fullest nearly full disk; undefined when none is. */
export function diskWarningText(disks: readonly DiskUsage[] | undefined): string | undefined {
  const full = (disks ?? []).filter(isNearlyFull).sort((a, b) => usedPercent(b) - usedPercent(a))[0];
  return full ? l10n.t('disk {0}% full', Math.floor(usedPercent(full))) : undefined;
}

/**
 * Which disks crossed the line since the last reading, per pod and disk: one warning per crossing. Pure
 * bookkeeping (no timers, no I/O): the caller feeds readings as they come and shows what `update` returns.
 */
export class DiskAlarms {
  /** `${podKey}\n${label}` of disks already warned of and not yet back below the re-arm line. */
  private readonly warned = new Set<string>();

  /** The disks of `podKey` that are newly nearly full in this reading. */
  update(podKey: string, disks: readonly DiskUsage[]): DiskUsage[] {
    const crossed: DiskUsage[] = [];
    for (const d of disks.filter(isReadable)) {
      const key = `${podKey}\n${d.label}`;
      if (isNearlyFull(d)) {
        if (!this.warned.has(key)) crossed.push(d);
        this.warned.add(key);
      } else if (usedPercent(d) < DISK_REARM_PERCENT) this.warned.delete(key);
    }
    return crossed;
  }

  /** Forget pods that are gone (their keys are not in `keep`). */
  prune(keep: ReadonlySet<string>): void {
    for (const key of [...this.warned]) if (!keep.has(key.split('\n')[0])) this.warned.delete(key);
  }
}
