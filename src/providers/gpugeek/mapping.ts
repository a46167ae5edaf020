import type { DiskUsage, GpuOffer, JupyterEndpoint, Pod, PodStatus, PortMapping } from '../../core/model';
import { isSafeHost, isValidPort, parseSshCommand } from '../../core/sshCommand';
import { cleanMessage } from './api';
import { flag, type RawDatacenter, type RawInstance } from './schemas';
import { l10n } from '../../core/l10n';

/** GPUGeek words → our status. `stopd` is how the API spells stopped. */
const STATUS: Record<string, PodStatus> = {
  running: 'running',
  stopd: 'stopped',
  stopped: 'stopped',
  creating: 'provisioning',
  starting: 'provisioning',
  restarting: 'provisioning',
  stopping: 'stopping',
  releasing: 'terminating',
  released: 'terminated',
  failed: 'failed',
  error: 'failed',
};

export function mapStatus(raw: string | null | undefined): PodStatus {
  return STATUS[(raw ?? '').trim().toLowerCase()] ?? 'unknown';
}

export const BILLING: Record<string, string> = {
  payg: l10n.t('Pay as you go'),
  bidding: l10n.t('Bidding'),
  daily: l10n.t('Daily'),
  weekly: l10n.t('Weekly'),
  monthly: l10n.t('Monthly'),
  card_less: l10n.t('Started without GPU'),
};

/** Label of the detail that records `isStartable`; `allows('start')` reads it (Pod has no extra field). */
export const STARTABLE_LABEL = l10n.t('Can start');
export const STARTABLE_NO = l10n.t('no (the host has no free GPU)');

const GIB = 1024 ** 3;

/** Bytes → "12.1" (GiB, as GPUGeek's 32212254720 = 30 GB shows). */
export function gb(bytes: number): string {
  const v = bytes / GIB;
  return v >= 100 ? String(Math.round(v)) : String(Math.round(v * 10) / 10);
}

export function usage(used: number | undefined, total: number | undefined): string | undefined {
  if (total === undefined) return undefined;
  return used === undefined ? `${gb(total)} GB` : `${gb(used)} / ${gb(total)} GB`;
}

/** "G40-24G", "A100-PCIE-40G" → 24, 40. */
export function vramFromName(name: string | null | undefined): number | undefined {
  const m = /(\d+)\s*G(?:B)?$/i.exec((name ?? '').trim());
  return m ? Number(m[1]) : undefined;
}

/** Only http(s) URLs with a sane host; anything else from the cloud is dropped. */
export function safeHttpUrl(value: string | null | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) return undefined;
    if (!isSafeHost(url.hostname)) return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** The notebook URL carries its token in the query: split it off so the URL itself is safe to show. */
export function splitNotebookUrl(value: string | null | undefined): JupyterEndpoint | undefined {
  const url = safeHttpUrl(value);
  if (!url) return undefined;
  const token = url.searchParams.get('token') ?? undefined;
  url.searchParams.delete('token');
  return { url: url.toString(), token: token || undefined };
}

function publicPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * Custom services are listed by their public URL only. HTTP service hosts name the inner port
 * ("…-http-8099.region.gpugeek.com"); TCP ones do not, so their inner port is unknown and we show the
 * public one.
 */
export function mapServicePorts(tcp: readonly string[], http: readonly string[]): PortMapping[] {
  const out: PortMapping[] = [];
  for (const value of tcp) {
    const url = safeHttpUrl(value);
    if (!url) continue;
    const p = publicPort(url);
    out.push({ port: p, protocol: 'tcp', publicHost: url.hostname, publicPort: p, url: url.toString() });
  }
  for (const value of http) {
    const url = safeHttpUrl(value);
    if (!url) continue;
    const inner = Number(/-http-(\d+)\./.exec(url.hostname)?.[1]);
    const p = publicPort(url);
    out.push({
      port: isValidPort(inner) ? inner : p,
      protocol: 'http',
      publicHost: url.hostname,
      publicPort: p,
      url: url.toString(),
    });
  }
  return out;
}

/** "2024-01-16 14:53:38": GPUGeek is in China and gives no zone, so we read it as UTC+8. */
export function parseTime(value: string | null | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((value ?? '').trim());
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(t) ? undefined : t;
}

export function mapInstance(raw: RawInstance, datacenters: ReadonlyMap<string, string> = new Map()): Pod {
  const rawStatus = raw.status ?? '';
  const status = mapStatus(rawStatus);
  const pending = flag(raw.isPending) === true;
  const startable = flag(raw.isStartable);
  const tcp = raw.customServices ?? [];
  const http = raw.httpServices ?? [];
  const ports = mapServicePorts(tcp, http);
  const reachable = status === 'running';

  const sshBase = reachable ? parseSshCommand(raw.sshCmd) : undefined;
  const ssh = sshBase && { ...sshBase, password: raw.sshPwd || undefined };
  if (ssh) ports.unshift({ port: 22, protocol: 'ssh', publicHost: ssh.host, publicPort: ssh.port });
  const jupyter = reachable ? splitNotebookUrl(raw.notebookUrl) : undefined;

  const dcName = raw.dcId ? (datacenters.get(raw.dcId) ?? raw.dcId) : undefined;
  const details: Array<[string, string]> = [];
  const add = (label: string, value: string | undefined) => value && details.push([label, cleanMessage(value)]);
  if (raw.skuName) add(l10n.t('Billing'), BILLING[raw.skuName] ?? raw.skuName);
  add(l10n.t('Datacenter'), dcName && raw.dcId && dcName !== raw.dcId ? `${dcName} (${raw.dcId})` : dcName);
  if (raw.cpuCoreNum !== undefined) add(l10n.t('CPU cores'), String(raw.cpuCoreNum));
  if (raw.memorySize !== undefined) add(l10n.t('Memory'), l10n.t('{0} GB', gb(raw.memorySize)));
  // Disks with their use go to `disks` (the tooltip says how full, the row warns before one fills); a size alone stays here.
  const disks = [
    disk(l10n.t('System disk'), raw.systemDiskUsedSize, raw.systemDiskSize),
    disk(l10n.t('Data disk (/gz-data)'), raw.dataDiskUsedSize, raw.dataDiskSize),
  ];
  for (const d of disks) if (!d.usage) add(d.label, usage(undefined, d.total));
  if (raw.availableGpuNum !== undefined) add(l10n.t('Free GPUs on host'), String(raw.availableGpuNum));
  if (startable !== undefined) add(STARTABLE_LABEL, startable ? 'yes' : STARTABLE_NO);
  if (pending) add(l10n.t('Operation'), l10n.t('in progress{0}', raw.operationId ? ` (${raw.operationId})` : ''));
  // The ports' addresses are in the tooltip's Ports row, the GPU and a readable date in their own rows.
  add('TensorBoard', safeHttpUrl(raw.tensorboardUrl)?.toString());
  if (parseTime(raw.createdAt) === undefined) add(l10n.t('Created'), raw.createdAt ?? undefined);

  return {
    cloud: 'gpugeek',
    kind: 'pod',
    id: raw.instanceId,
    name: cleanMessage(raw.name) || raw.instanceId,
    status,
    rawStatus,
    gpuName: raw.gpuName ?? undefined,
    gpuCount: raw.gpuNum,
    vramGb: vramFromName(raw.gpuName),
    region: dcName,
    image: raw.imageId ?? undefined,
    createdAt: parseTime(raw.createdAt),
    pricePerHour: undefined, // the instance list carries no price
    ports,
    ssh,
    jupyter,
    pending,
    details,
    disks: disks.flatMap((d) => (d.usage ? [d.usage] : [])),
  };
}

/** A disk as GPUGeek lists it (`systemDiskSize`/`systemDiskUsedSize`, `dataDiskSize`/`dataDiskUsedSize`, bytes). */
function disk(label: string, used: number | undefined, total: number | undefined) {
  const usage: DiskUsage | undefined =
    used !== undefined && total !== undefined && total > 0 && used >= 0
      ? { label, usedBytes: used, totalBytes: total }
      : undefined;
  return { label, total, usage };
}

/**
 * GPU list × datacenters: GPUGeek says nothing about stock or price per datacenter, so stock stays unknown and
 * the price is its dry run's, quoted at create.
 */
export function mapOffers(gpus: readonly string[], datacenters: readonly RawDatacenter[]): GpuOffer[] {
  const regions = datacenters.map((d) => ({ id: d.dcId, name: cleanMessage(d.name) || d.dcId, available: true }));
  return gpus.map((g) => ({
    cloud: 'gpugeek',
    id: g,
    gpuName: g,
    vramGb: vramFromName(g),
    pricePerGpuHour: undefined,
    priceMissing: 'quotedAtCreate',
    regions,
    available: true,
    minCount: 1,
  }));
}
