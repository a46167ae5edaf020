import type { Pod, PodStatus } from '../core/model';

export function formatPrice(usdPerHour: number | undefined): string | undefined {
  if (usdPerHour === undefined || !Number.isFinite(usdPerHour)) return undefined;
  return `$${usdPerHour < 1 ? usdPerHour.toFixed(3) : usdPerHour.toFixed(2)}/h`;
}

export function gpuLabel(pod: Pod): string | undefined {
  if (!pod.gpuName) return undefined;
  return pod.gpuCount && pod.gpuCount > 1 ? `${pod.gpuName} × ${pod.gpuCount}` : pod.gpuName;
}

const STATUS_WORDS: Record<PodStatus, string> = {
  provisioning: 'starting',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  terminating: 'terminating',
  terminated: 'terminated',
  failed: 'failed',
  unknown: 'unknown',
};

/** "running", or "unknown (weirdState)" so the cloud's own word is never hidden. */
export function statusText(pod: { status: PodStatus; rawStatus: string }): string {
  const word = STATUS_WORDS[pod.status];
  return pod.status === 'unknown' ? `${word} (${pod.rawStatus})` : word;
}

export function formatDate(epochMs: number | undefined): string | undefined {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return undefined;
  return new Date(epochMs).toLocaleString();
}

/** Cloud text in a MarkdownString goes through the one display-text module. */
export { displayMarkdown, displayText, escapeMarkdown } from '../core/displayText';
