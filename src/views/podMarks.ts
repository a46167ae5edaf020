import { diskWarningText } from '../core/diskUsage';
import type { DiskUsage, Pod } from '../core/model';
import { spotMark } from '../core/spotReclaim';

/** What a pod's row says beyond its facts: spot capacity and its reclaim, a disk about to fill. */
export interface PodMarks {
  /** What needs the user now ("spot: reclaimed in 4 min", "disk 93% full"): it leads the row, as a narrow view cuts the end. */
  urgent?: string[];
  /** "spot", for a spot pod with nothing announced: after the price it qualifies. */
  spot?: string;
  /** The row's icon turns into a warning. */
  warning?: boolean;
}

/** Pure: `now` is GPU Pods' clock, `disks` the pod's own or those its cloud's monitoring reported last. */
export function podMarks(pod: Pod, now: number, disks: readonly DiskUsage[] | undefined): PodMarks {
  const running = pod.status === 'running';
  const reclaim = running && !!pod.spot?.reclaimNotice;
  const urgent = [reclaim ? spotMark(pod, now) : undefined, running ? diskWarningText(disks) : undefined].filter(
    (t): t is string => t !== undefined,
  );
  return { urgent, spot: reclaim ? undefined : spotMark(pod, now), warning: urgent.length > 0 };
}
