import type { GpuOffer, JupyterEndpoint, Pod, PodStatus, PortMapping, SshEndpoint, Volume } from '../../core/model';
import { isSafeHost, isValidPort, parseSshCommand } from '../../core/sshCommand';
import type { RawCluster, RawInstance, RawProduct, RawStorage } from './schemas';
import { l10n } from '../../core/l10n';
import { unitNotPublished } from '../../core/price';
import { reclaimedReason, spotStateOf } from './spot';
import { storageCostOf } from './storageCost';

/** Novita prices are integers in 1/100000 USD per hour (67000 = $0.67/h). */
export const PRICE_UNIT = 100_000;

export function usdPerHour(raw: number | undefined | null): number | undefined {
  return raw === undefined || raw === null || !(raw > 0) ? undefined : raw / PRICE_UNIT;
}

const STATUS: Record<string, PodStatus> = {
  toCreate: 'provisioning',
  creating: 'provisioning',
  pulling: 'provisioning',
  running: 'running',
  toStart: 'provisioning',
  starting: 'provisioning',
  toStop: 'stopping',
  stopping: 'stopping',
  exited: 'stopped',
  toRestart: 'provisioning',
  restarting: 'provisioning',
  toRemove: 'terminating',
  removing: 'terminating',
  removed: 'terminated',
  toReset: 'provisioning',
  resetting: 'provisioning',
  migrating: 'provisioning',
  // Frozen instances (e.g. unpaid) stop serving; treat it as on the way to stopped.
  freezing: 'stopping',
};

export function mapStatus(raw: string): PodStatus {
  return Object.prototype.hasOwnProperty.call(STATUS, raw) ? STATUS[raw] : 'unknown';
}

function str(v: string | number | null | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/** Epoch seconds or milliseconds (as number or text), or an ISO date. */
export function parseTime(v: string | number | null | undefined): number | undefined {
  const s = str(v);
  if (!s) return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Number(s);
    if (!(n > 0)) return undefined;
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** "1.2.3.4:30080" or "https://x.novita.ai" — anything else is ignored, never guessed. */
function mapPort(raw: NonNullable<RawInstance['portMappings']>[number]): PortMapping | undefined {
  const port = raw.port;
  if (port === undefined || !isValidPort(port)) return undefined;
  const type = str(raw.type)?.toLowerCase();
  const protocol: PortMapping['protocol'] =
    type === 'http' ? 'http' : type === 'udp' ? 'udp' : port === 22 ? 'ssh' : 'tcp';
  const out: PortMapping = { port, protocol };
  const endpoint = str(raw.endpoint);
  if (endpoint) {
    const url = httpUrl(endpoint);
    if (url) out.url = url.toString();
    else {
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(endpoint);
      if (m && isSafeHost(m[1]) && isValidPort(Number(m[2]))) {
        out.publicHost = m[1];
        out.publicPort = Number(m[2]);
      }
    }
  }
  return out;
}

function httpUrl(text: string): URL | undefined {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Jupyter base URL without credentials; the token comes from the URL or a field. */
export function mapJupyter(raw: RawInstance['connectComponentJupyter']): JupyterEndpoint | undefined {
  if (!raw || raw.isRunning === false) return undefined;
  const address = str(raw.address);
  const url = address ? httpUrl(address) : undefined;
  if (!url) return undefined;
  const token = str(raw.token) ?? url.searchParams.get('token') ?? undefined;
  url.searchParams.delete('token');
  url.username = '';
  url.password = '';
  url.hash = '';
  const out: JupyterEndpoint = { url: url.toString() };
  if (token) out.token = token;
  return out;
}

function mapSsh(raw: RawInstance): SshEndpoint | undefined {
  const component = raw.connectComponentSSH;
  if (component?.isRunning === false) return undefined;
  const ssh = parseSshCommand(str(component?.sshCommand) ?? str(raw.sshCommand));
  if (!ssh) return undefined;
  const password = str(component?.password) ?? str(raw.sshPassword);
  return password ? { ...ssh, password } : ssh;
}

/**
 * `productPrices`: per-GPU price by product id, used only when the instance carries no price (`spotPrices` for a
 * spot instance).
 */
export function mapInstance(
  raw: RawInstance,
  productPrices?: Map<string, number>,
  spotPrices?: Map<string, number>,
): Pod {
  const rawStatus = str(raw.status) ?? '';
  let status = mapStatus(rawStatus);
  const reason = str(raw.statusError?.message);
  // An exited instance with an error did not stop by request: it failed.
  if (reason && status === 'stopped') status = 'failed';
  const gpuCount = raw.gpuNum ?? undefined;
  let price = usdPerHour(raw.instancePrice);
  const spot = spotStateOf(raw);
  const productPrice = raw.productId ? (spot ? spotPrices : productPrices)?.get(raw.productId) : undefined;
  if (price === undefined && productPrice !== undefined && gpuCount) price = usdPerHour(productPrice * gpuCount);

  const pod: Pod = {
    cloud: 'novita',
    kind: 'pod',
    id: raw.id,
    name: str(raw.name) ?? raw.id,
    status,
    rawStatus,
    ports: (raw.portMappings ?? []).map(mapPort).filter((p): p is PortMapping => !!p),
    details: [],
  };
  if (reason) pod.statusReason = reason;
  else if (status === 'stopped' && reclaimedReason(raw)) pod.statusReason = reclaimedReason(raw);
  if (spot) pod.spot = spot;
  const gpuName = str(raw.productName);
  if (gpuName) pod.gpuName = gpuName;
  if (gpuCount !== undefined) pod.gpuCount = gpuCount;
  const vram = vramFromName(gpuName);
  if (vram !== undefined) pod.vramGb = vram;
  const region = str(raw.clusterName) ?? str(raw.clusterId);
  if (region) pod.region = region;
  const image = str(raw.imageUrl);
  if (image) pod.image = image;
  const created = parseTime(raw.createdAt);
  if (created !== undefined) pod.createdAt = created;
  if (price !== undefined) pod.pricePerHour = price;
  pod.storageCost = storageCostOf(raw);
  // The instance's own record says when it last stopped (the list does not): kept while it stays stopped.
  const stoppedAt = status === 'stopped' ? parseTime(raw.lastStoppedAt) : undefined;
  if (stoppedAt !== undefined) pod.stoppedAt = stoppedAt;
  if (status === 'running') {
    const ssh = mapSsh(raw);
    if (ssh) pod.ssh = ssh;
    // Novita's instance list leaves the connection components out (only the instance's own record has them):
    // no SSH in such an answer means "not said here", not "not reachable".
    else if (!raw.connectComponentSSH && str(raw.sshCommand) === undefined) pod.sshUnlisted = true;
    const jupyter = mapJupyter(raw.connectComponentJupyter);
    if (jupyter) pod.jupyter = jupyter;
  }
  pod.details = details(raw);
  return pod;
}

/**
 * Tooltip facts the shared fields do not hold (the cluster is the region, the product the GPU, the status
 * error the status reason: each is shown once). Passwords and tokens never go here.
 */
function details(raw: RawInstance): Array<[string, string]> {
  const d: Array<[string, string]> = [];
  const add = (label: string, value: string | undefined) => value && d.push([label, value]);
  add('vCPU', raw.cpuNum !== undefined && raw.cpuNum !== null ? String(raw.cpuNum) : undefined);
  add(l10n.t('Memory'), raw.memory ? l10n.t('{0} GB', raw.memory) : undefined);
  add(l10n.t('Root disk'), raw.rootfsSize ? l10n.t('{0} GB', raw.rootfsSize) : undefined);
  add(l10n.t('Billing'), str(raw.billingMode));
  const mounts = (raw.volumeMounts ?? [])
    .map((v) => [str(v.type), str(v.mountPath), v.size ? `${v.size} GB` : undefined].filter(Boolean).join(' '))
    .filter((s) => s !== '');
  if (mounts.length) add(l10n.t('Volumes'), mounts.join(', '));
  return d;
}

/** "RTX 4090 24GB" → 24. */
export function vramFromName(name: string | undefined): number | undefined {
  const m = name ? /(\d+(?:\.\d+)?)\s*G[Bi]?B?\b/i.exec(name) : null;
  return m ? Number(m[1]) : undefined;
}

const STOCK_WORD: Record<string, string> = { none: l10n.t('sold out'), low: 'low', normal: 'normal', high: 'high' };

export function stockWord(p: RawProduct): string | undefined {
  const s = str(p.inventoryState)?.toLowerCase();
  if (s) return STOCK_WORD[s] ?? s;
  return p.availableDeploy === false ? l10n.t('sold out') : undefined;
}

export function isDeployable(p: RawProduct): boolean {
  return p.availableDeploy !== false && str(p.inventoryState)?.toLowerCase() !== 'none';
}

/** `regions` empty or missing means every cluster; entries may be cluster ids or names. */
export function productInCluster(p: RawProduct, c: RawCluster): boolean {
  const regions = (p.regions ?? []).map(String);
  return (
    regions.length === 0 || regions.includes(c.id) || (str(c.name) !== undefined && regions.includes(str(c.name)!))
  );
}

export function mapOffer(p: RawProduct, clusters: RawCluster[]): GpuOffer {
  const available = isDeployable(p);
  const offer: GpuOffer = {
    cloud: 'novita',
    id: p.id,
    gpuName: str(p.name) ?? p.id,
    regions: clusters
      .filter((c) => productInCluster(p, c))
      .map((c) => ({ id: c.id, name: str(c.name) ?? c.id, available })),
    available,
    minCount: 1,
    maxCount: 8,
  };
  const vram = vramFromName(str(p.name));
  if (vram !== undefined) offer.vramGb = vram;
  const price = usdPerHour(p.price);
  if (price !== undefined) offer.pricePerGpuHour = price;
  const stock = stockWord(p);
  if (stock) offer.stock = stock;
  return offer;
}

export function mapStorage(raw: RawStorage): Volume {
  const v: Volume = {
    cloud: 'novita',
    id: raw.storageId,
    name: str(raw.storageName) ?? raw.storageId,
    status: str(raw.status) ?? 'available',
  };
  if (raw.storageSize !== undefined && raw.storageSize !== null) v.sizeGb = raw.storageSize;
  v.type = l10n.t('network storage');
  const region = str(raw.clusterName) ?? str(raw.clusterId);
  if (region) v.region = region;
  const cost = str(raw.price);
  if (cost) v.cost = unitNotPublished(cost);
  return v;
}
