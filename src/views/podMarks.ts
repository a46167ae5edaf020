import { diskWarningText } from '../core/diskUsage';
import type { DiskUsage, Pod } from '../core/model';
import { spotMark } from '../core/spotReclaim';

/** What a pod's row says beyond its facts: spot capacity and its reclaim, a disk about to fill. */
export interface PodMarks {
  /** "spot", "spot: reclaimed in 4 min". */
  spot?: string;
  /** "disk 93% full". */
  disk?: string;
  /** The row's icon turns into a warning (a reclaim announced, a disk nearly full). */
  warning?: boolean;
}

/** Pure: `now` is GPU Pods' clock, `disks` the pod's own or those its cloud's monitoring reported last. */
export function podMarks(pod: Pod, now: number, disks: readonly DiskUsage[] | undefined): PodMarks {
  const running = pod.status === 'running';
  const disk = running ? diskWarningText(disks) : undefined;
  const reclaim = running && !!pod.spot?.reclaimNotice;
  return { spot: spotMark(pod, now), disk, warning: reclaim || disk !== undefined };
}
