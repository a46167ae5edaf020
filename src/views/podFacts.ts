import { l10n } from '../core/l10n';
import type { Pod, PortMapping } from '../core/model';
import { redactText } from '../core/redact';
import type { UserPrices } from '../core/userPrices';
import { CLOUDS } from '../providers/clouds';
import { formatDate, gpuLabel, podPriceText, staleDetail } from './format';
import { statusText } from '../ui/statusText';
import { diskRows } from '../core/diskUsage';
import { spotRow } from '../core/spotReclaim';

/*
 * What a pod's tooltip says, as label/value rows, each fact once: the shared facts first, then what only the
 * cloud knows (`pod.details`, which never repeats a shared fact), then extra rows (idle timers, utilisation).
 * Pure, so the rows are unit-tested in plain Node; podItem.ts renders them, escaped.
 */

export interface PodFactsOptions {
  /** Rows from elsewhere (the idle guard's timer, the idle rule, utilisation). */
  extra?: Array<[string, string]>;
  /** The pod comes from an older good list: the latest read of the list failed. */
  staleSince?: number;
  /** Now, on GPU Pods' clock: a spot pod's time left until the cloud reclaims it is said from it. */
  now?: number;
  /** The user's USD per GPU-hour by GPU type, for a pod no cloud prices. */
  prices?: UserPrices;
}

/**
 * "8888/http → https://…": where a port is reachable from outside, when the cloud says so. A credential in
 * the address (Yotta's Jupyter `?token=`) is redacted: a tooltip is read over shoulders and in screenshots.
 */
function describePort(p: PortMapping, withWhere: boolean): string {
  const where = withWhere
    ? (p.url ?? (p.publicHost && p.publicPort ? `${p.publicHost}:${p.publicPort}` : undefined))
    : undefined;
  return `${p.port}/${p.protocol}${where ? ` → ${redactText(where)}` : ''}`;
}

function sshRow(pod: Pod): string | undefined {
  if (pod.ssh) return `${pod.ssh.user}@${pod.ssh.host}:${pod.ssh.port}`;
  if (pod.status !== 'running') return undefined;
  // The list said nothing about SSH: the address is on the pod's own record, read when connecting.
  return pod.sshUnlisted ? l10n.t('address read when you connect') : l10n.t('not reachable yet');
}

export function podTooltipRows(pod: Pod, options: PodFactsOptions = {}): Array<[string, string]> {
  const { extra = [], staleSince, now, prices } = options;
  const spot = now !== undefined ? spotRow(pod, now) : undefined;
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('Status'), statusText(pod) + (pod.statusReason ? ` — ${pod.statusReason}` : '')],
    [l10n.t('Listed'), staleDetail(staleSince)],
    [l10n.t('GPU'), pod.vramGb ? l10n.t('{0} ({1} GB VRAM)', String(gpuLabel(pod)), pod.vramGb) : gpuLabel(pod)],
    [l10n.t('Region'), pod.region],
    [l10n.t('Price'), podPriceText(pod, true, prices, CLOUDS[pod.cloud]?.displayName) ?? l10n.t('price unknown')],
    [l10n.t('Image'), pod.image],
    // The SSH row says where SSH is: the SSH port's own mapping would say it twice.
    [
      l10n.t('Ports'),
      pod.ports.map((p) => describePort(p, !(p.protocol === 'ssh' && pod.ssh))).join(', ') || undefined,
    ],
    [l10n.t('SSH'), sshRow(pod)],
    [l10n.t('Created'), formatDate(pod.createdAt)],
    ...(spot ? [spot] : []),
    ...pod.details,
    ...diskRows(pod.disks),
    ...extra,
    [l10n.t('Id'), pod.id],
  ];
  return rows.filter((r): r is [string, string] => !!r[1] && r[1] !== 'undefined');
}
