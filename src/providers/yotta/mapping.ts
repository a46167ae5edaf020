import type {
  Endpoint,
  GpuOffer,
  JupyterEndpoint,
  Pod,
  PodStatus,
  PortMapping,
  SshEndpoint,
  Volume,
} from '../../core/model';
import { isSafeHost, isValidPort, parseSshCommand } from '../../core/sshCommand';
import { gpuInfo } from './gpuTypes';
import { joinImage } from './images';
import type { RawEndpoint, RawExpose, RawPodV1, RawPodV2, RawVmType, RawVolume } from './schemas';
import { l10n } from '../../core/l10n';
import { unitNotPublished } from '../../core/price';

const STATUS: Record<string, PodStatus> = {
  INITIALIZING: 'provisioning',
  INITIALIZE: 'provisioning',
  RUNNING: 'running',
  PAUSING: 'stopping',
  PAUSED: 'stopped',
  STOPPING: 'stopping',
  STOPPED: 'stopped',
  TERMINATING: 'terminating',
  TERMINATED: 'terminated',
  FAILED: 'failed',
};

/** v1 writes statuses as integers (5 is inferred: TERMINATED). */
export const V1_STATUS_WORDS = ['INITIALIZE', 'RUNNING', 'PAUSING', 'PAUSED', 'TERMINATING', 'TERMINATED', 'FAILED'];

export function mapStatus(raw: string | number | null | undefined): { status: PodStatus; rawStatus: string } {
  if (raw === null || raw === undefined || raw === '') return { status: 'unknown', rawStatus: '' };
  if (typeof raw === 'number' || /^\d+$/.test(raw)) {
    const word = V1_STATUS_WORDS[Number(raw)];
    return word ? { status: STATUS[word], rawStatus: word } : { status: 'unknown', rawStatus: String(raw) };
  }
  const rawStatus = raw.trim();
  return { status: STATUS[rawStatus.toUpperCase()] ?? 'unknown', rawStatus };
}

function protocolOf(p: string | null | undefined): PortMapping['protocol'] {
  const v = (p ?? '').toLowerCase();
  if (v === 'ssh') return 'ssh';
  if (v === 'http' || v === 'https') return 'http';
  if (v === 'udp') return 'udp';
  return 'tcp';
}

export function isHttpUrl(value: string | null | undefined): value is string {
  if (!value) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
  } catch {
    return false;
  }
}

function toPort(e: RawExpose): PortMapping | undefined {
  if (e.port === undefined || !isValidPort(e.port)) return undefined;
  const mapping: PortMapping = { port: e.port, protocol: protocolOf(e.protocol) };
  if (e.host && isSafeHost(e.host)) mapping.publicHost = e.host;
  if (e.proxyPort !== undefined && e.proxyPort !== null && isValidPort(e.proxyPort)) mapping.publicPort = e.proxyPort;
  if (isHttpUrl(e.ingressUrl)) mapping.url = e.ingressUrl;
  return mapping;
}

/** Yotta's SSH ingress reads "ssh root@1.2.3.4 -p 30035 -i <private key file>": drop the placeholder first. */
function parseYottaSsh(command: string | null | undefined): SshEndpoint | undefined {
  if (!command) return undefined;
  return parseSshCommand(command.replace(/\s-i\s+<[^>]*>/g, ' '));
}

function sshOf(raw: RawPodV2 | RawPodV1): SshEndpoint | undefined {
  const fromCmd = parseYottaSsh(raw.sshCmd);
  if (fromCmd) return fromCmd;
  for (const e of raw.expose ?? []) {
    if (protocolOf(e.protocol) !== 'ssh') continue;
    const fromIngress = parseYottaSsh(e.ingressUrl);
    if (fromIngress) return fromIngress;
    if (e.host && isSafeHost(e.host) && e.proxyPort && isValidPort(e.proxyPort)) {
      return { host: e.host, port: e.proxyPort, user: 'root' };
    }
  }
  return undefined;
}

function jupyterOf(raw: RawPodV2 | RawPodV1): JupyterEndpoint | undefined {
  const e = (raw.expose ?? []).find((x) => x.port === 8888 && protocolOf(x.protocol) === 'http');
  return e && isHttpUrl(e.ingressUrl) ? { url: e.ingressUrl } : undefined;
}

/** No documented field says why a pod failed; Yotta's pod guide names the usual causes and where to look. */
export const FAILED_REASON = l10n.t(
  "Yotta Labs reports no reason through its API; usually too few resources or an image that does not start (the pod's logs in the Yotta console tell)",
);

/** v2: epoch ms. v1: epoch seconds (API guide), or an ISO 8601 string as Yotta's SDK examples show. */
function createdAtOf(raw: RawPodV2 | RawPodV1, version: 'v1' | 'v2'): number | undefined {
  const v = raw.createdAt;
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string' && !/^\d+$/.test(v.trim())) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : undefined;
  }
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  return version === 'v1' ? n * 1000 : n;
}

export function toPod(raw: RawPodV2 | RawPodV1, version: 'v1' | 'v2'): Pod {
  const v1 = version === 'v1' ? (raw as RawPodV1) : undefined;
  const name = (v1 ? (v1.podName ?? v1.name) : (raw as RawPodV2).name) ?? '';
  const { status, rawStatus } = mapStatus(raw.status);
  const info = gpuInfo(raw.gpuType);
  const ports = (raw.expose ?? []).map(toPort).filter((p): p is PortMapping => !!p);
  const reachable = status === 'running';
  const pod: Pod = {
    cloud: 'yotta',
    kind: 'pod',
    id: raw.id,
    name: name || raw.id,
    status,
    rawStatus,
    statusReason: status === 'failed' ? FAILED_REASON : undefined,
    gpuName: raw.gpuDisplayName ?? info?.name ?? raw.gpuType ?? undefined,
    gpuCount: raw.gpuCount ?? undefined,
    vramGb: info?.vramGb,
    region: v1?.region ?? undefined, // a v2 pod answer names no region
    image: raw.image ? joinImage(raw.imageRegistry, raw.image) : undefined,
    createdAt: createdAtOf(raw, version),
    pricePerHour: undefined, // Yotta documents no hourly price on a pod
    ports,
    ssh: reachable ? sshOf(raw) : undefined,
    jupyter: reachable ? jupyterOf(raw) : undefined,
    // Every fact of a Yotta pod has its shared field, which the tooltip shows once: nothing is left over.
    details: [],
  };
  return pod;
}

export function toVolume(raw: RawVolume): Volume {
  return {
    cloud: 'yotta',
    id: raw.id,
    name: raw.name || raw.id,
    sizeGb: raw.sizeInGb ?? undefined,
    type: [raw.storageType, raw.vendorVolumeType].filter(Boolean).join(' ') || undefined,
    region: raw.region ?? undefined,
    status: raw.status ?? 'unknown',
    mountCount: raw.mountCount ?? undefined,
    cost: raw.cost === undefined || raw.cost === null ? undefined : unitNotPublished(String(raw.cost)),
    createdAt: raw.createdAt ?? undefined,
  };
}

export function toEndpoint(raw: RawEndpoint): Endpoint {
  const { status, rawStatus } = mapStatus(raw.status);
  return {
    cloud: 'yotta',
    id: raw.id,
    name: raw.name || raw.id,
    status,
    rawStatus,
    image: raw.image ?? undefined,
    runningWorkers: raw.runningWorkers ?? undefined,
    totalWorkers: raw.totalWorkers ?? undefined,
    cost: raw.cost === undefined || raw.cost === null ? undefined : unitNotPublished(String(raw.cost)),
  };
}

/** `/v2/vms/types` joined with the GPU table; Yotta gives no price, so none is shown. */
export function toOffer(raw: RawVmType): GpuOffer {
  const info = gpuInfo(raw.gpuType);
  const regions = (raw.regions ?? []).map((r) => ({
    id: r.region,
    name: r.regionName || r.region,
    available: r.available === true,
  }));
  const available = regions.some((r) => r.available);
  return {
    cloud: 'yotta',
    id: raw.gpuType,
    gpuName: info?.name ?? raw.gpuType,
    vramGb: info?.vramGb,
    pricePerGpuHour: undefined,
    priceMissing: 'notPublished',
    regions,
    stock: available ? undefined : l10n.t('sold out'),
    available,
    minCount: 1,
    maxCount: 8,
  };
}
