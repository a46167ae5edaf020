import type { GpuOffer, JupyterEndpoint, Pod, PodStatus, PortMapping, SshEndpoint } from '../../core/model';
import type { GpuReading } from '../../core/utilisation/model';
import { isSafeHost, isSafeUser, isValidPort, parseSshCommand } from '../../core/sshCommand';
import type { AvailabilityAlert } from '../../core/provider';
import type { RawAlert, RawInventoryItem, RawRuntime } from './schemas';
import { l10n } from '../../core/l10n';

/** `Running` is the only documented status; the rest are the usual words, matched case-insensitively. */
const STATUS: Record<string, PodStatus> = {
  provisioning: 'provisioning',
  pending: 'provisioning',
  creating: 'provisioning',
  queued: 'provisioning',
  starting: 'provisioning',
  running: 'running',
  deleting: 'terminating',
  terminating: 'terminating',
  deleted: 'terminated',
  terminated: 'terminated',
  failed: 'failed',
  error: 'failed',
  stopping: 'stopping',
  stopped: 'stopped',
};

export function mapStatus(raw: string): PodStatus {
  return STATUS[raw.trim().toLowerCase()] ?? 'unknown';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
/** First of several spellings that holds something. */
function pick(o: Obj, ...keys: string[]): unknown {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** Host/port/user taken apart and validated; anything odd gives undefined rather than a guess. */
function hostPort(host: unknown, port: unknown, user: unknown): SshEndpoint | undefined {
  const h = str(host);
  const p = port === undefined || port === null ? 22 : num(port);
  const u = str(user) ?? 'root';
  if (!h || p === undefined || !isSafeHost(h) || !isValidPort(p) || !isSafeUser(u)) return undefined;
  return { host: h.replace(/^\[|\]$/g, ''), port: p, user: u };
}

/** An SSH value that may be a command ("ssh -p 30022 root@h"), "host:port", or `{ host, port, user }`. */
function sshFrom(v: unknown): SshEndpoint | undefined {
  if (isObj(v)) {
    return (
      hostPort(pick(v, 'host', 'hostname', 'ip', 'address'), pick(v, 'port'), pick(v, 'user', 'username')) ??
      sshFrom(pick(v, 'command', 'ssh_command', 'sshCommand'))
    );
  }
  const s = str(v);
  if (!s) return undefined;
  if (s.startsWith('ssh ')) return parseSshCommand(s);
  const m = /^(?:([^@\s]+)@)?([^:\s]+):(\d{1,5})$/.exec(s);
  return m ? hostPort(m[2], m[3], m[1]) : undefined;
}

/**
 * NeevCloud documents that a Running runtime is reached "via the browser (Jupyter …) or SSH" but not the field
 * names, so every plausible place is read: `endpoints.ssh` (an object, a command or host:port), top-level
 * `ssh_host`/`ssh_port`, `ssh_command`/`sshCommand`. Whatever is read is validated; nothing found means
 * "not reachable yet", never a guessed address. (The simulator answers `endpoints.ssh { host, port, username }`
 * and `endpoints.jupyter`; the contract tests serve the other spellings.)
 */
export function readSsh(raw: RawRuntime): SshEndpoint | undefined {
  const top = raw as unknown as Obj;
  const ep = isObj(raw.endpoints) ? raw.endpoints : {};
  return (
    hostPort(pick(top, 'ssh_host', 'sshHost'), pick(top, 'ssh_port', 'sshPort'), pick(top, 'ssh_user', 'sshUser')) ??
    sshFrom(pick(top, 'ssh_command', 'sshCommand')) ??
    sshFrom(pick(ep, 'ssh', 'SSH')) ??
    sshFrom(pick(ep, 'ssh_command', 'sshCommand')) ??
    hostPort(
      pick(ep, 'ssh_host', 'sshHost', 'host'),
      pick(ep, 'ssh_port', 'sshPort', 'port'),
      pick(ep, 'ssh_user', 'sshUser', 'user'),
    )
  );
}

/** Only an http(s) URL without credentials; a `token` query parameter is moved into `token`. */
export function jupyterFrom(value: unknown, token?: unknown): JupyterEndpoint | undefined {
  if (isObj(value)) return jupyterFrom(pick(value, 'url', 'href', 'uri'), pick(value, 'token') ?? token);
  const s = str(value);
  if (!s) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  const fromQuery = url.searchParams.get('token') ?? undefined;
  url.searchParams.delete('token');
  const t = str(token) ?? fromQuery;
  return t ? { url: url.toString(), token: t } : { url: url.toString() };
}

export function readJupyter(raw: RawRuntime): JupyterEndpoint | undefined {
  const top = raw as unknown as Obj;
  const ep = isObj(raw.endpoints) ? raw.endpoints : {};
  const token = pick(top, 'jupyter_token', 'jupyterToken') ?? pick(ep, 'jupyter_token', 'jupyterToken');
  return (
    jupyterFrom(pick(top, 'jupyter_url', 'jupyterUrl', 'jupyterURL'), token) ??
    jupyterFrom(pick(ep, 'jupyter', 'jupyter_url', 'jupyterUrl', 'jupyterURL', 'jupyterlab', 'notebook'), token)
  );
}

export function configOf(raw: RawRuntime): {
  id?: string;
  model?: string;
  vram?: number;
  price?: number;
  count?: number;
} {
  const c = raw.gpu_config ?? raw.gpuConfig;
  if (typeof c === 'string') return { id: c };
  if (!c) return { id: raw.gpu_config_id ?? raw.gpuConfigID ?? undefined };
  return {
    id: c.config_id ?? c.id ?? raw.gpu_config_id ?? raw.gpuConfigID ?? undefined,
    model: c.gpu_model ?? c.gpuModel ?? undefined,
    vram: c.vram_gib,
    price: c.price_per_gpu_per_hour,
    count: c.gpu_count,
  };
}

function epochMs(v: string | number | null | undefined): number | undefined {
  if (typeof v === 'number') return v < 1e12 ? v * 1000 : v;
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * @param pricePerGpuHour config id → USD per GPU-hour from the inventory, for runtimes that do not carry
 *   their own price.
 */
export function mapRuntime(raw: RawRuntime, pricePerGpuHour?: ReadonlyMap<string, number>): Pod {
  const config = configOf(raw);
  const gpuCount = raw.gpu_count ?? raw.gpuCount ?? config.count;
  const perGpu = config.price ?? (config.id !== undefined ? pricePerGpuHour?.get(config.id) : undefined);
  const pricePerHour =
    raw.price_per_hour ?? (perGpu !== undefined && gpuCount !== undefined ? round(perGpu * gpuCount) : undefined);
  const ssh = readSsh(raw);
  const jupyter = readJupyter(raw);
  const ports: PortMapping[] = ssh ? [{ port: 22, protocol: 'ssh', publicHost: ssh.host, publicPort: ssh.port }] : [];
  const project = isObj(raw.project) ? str(pick(raw.project, 'name', 'id')) : str(raw.project);
  const template = raw.template_id ?? raw.templateID ?? undefined;
  const details: Array<[string, string]> = [];
  if (project) details.push([l10n.t('Project'), project]);
  if (config.id) details.push([l10n.t('GPU config'), config.id]);
  if (template) details.push([l10n.t('Template'), template]);
  if (perGpu !== undefined) details.push([l10n.t('Price per GPU-hour'), `$${perGpu.toFixed(2)}`]);
  return {
    cloud: 'neevcloud',
    kind: 'pod',
    id: raw.id,
    name: raw.name,
    status: mapStatus(raw.status),
    rawStatus: raw.status,
    statusReason: raw.status_message ?? raw.statusMessage ?? raw.reason ?? undefined,
    gpuName: config.model ?? raw.gpu_model ?? undefined,
    gpuCount,
    vramGb: config.vram,
    region: raw.region ?? undefined,
    image: raw.image ?? template,
    createdAt: epochMs(raw.created_at ?? raw.createdAt),
    pricePerHour,
    ports,
    ssh,
    jupyter,
    details,
  };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

/** AI runtimes are created from `airuntime` items; `vm` items belong to the VM product. */
export function isRuntimeItem(item: RawInventoryItem): boolean {
  return !item.instance_type || item.instance_type.toLowerCase() === 'airuntime';
}

/** Free GPUs: the count when given, else the availability word ("None" = sold out). */
export function isAvailable(item: RawInventoryItem): boolean {
  if (item.available_gpu_count !== undefined) return item.available_gpu_count > 0;
  const word = item.availability?.trim().toLowerCase();
  return !!word && word !== 'none' && word !== 'sold out' && word !== 'unavailable';
}

export function stockWord(item: RawInventoryItem): string {
  if (!isAvailable(item)) return l10n.t('sold out');
  const word = item.availability?.trim().toLowerCase();
  const free = item.available_gpu_count !== undefined ? l10n.t('{0} free', item.available_gpu_count) : undefined;
  return [word, free].filter(Boolean).join(', ') || 'available';
}

/** Inventory items are per config and region; an offer is one config with all its regions. */
export function mapOffers(items: RawInventoryItem[]): GpuOffer[] {
  const byConfig = new Map<string, RawInventoryItem[]>();
  for (const item of items.filter(isRuntimeItem)) {
    byConfig.set(item.config_id, [...(byConfig.get(item.config_id) ?? []), item]);
  }
  return [...byConfig.entries()].map(([id, group]) => {
    const first = group[0];
    const available = group.some(isAvailable);
    const mins = group.map((g) => g.min_gpu_count).filter((n): n is number => n !== undefined);
    const maxes = group.map((g) => g.max_gpu_count).filter((n): n is number => n !== undefined);
    const prices = group.map((g) => g.price_per_gpu_per_hour).filter((n): n is number => n !== undefined);
    return {
      cloud: 'neevcloud',
      id,
      gpuName: first.gpu_model,
      vramGb: first.vram_gib,
      pricePerGpuHour: prices.length ? Math.min(...prices) : undefined,
      regions: group.map((g) => ({ id: g.region, name: g.region, available: isAvailable(g) })),
      stock: available ? group.filter(isAvailable).map(stockWord).join('; ') : l10n.t('sold out'),
      available,
      minCount: mins.length ? Math.min(...mins) : undefined,
      maxCount: maxes.length ? Math.max(...maxes) : undefined,
    };
  });
}

/** Utilisation in percent (0–100); undefined where the cloud gave nothing we recognise. */
export interface NeevCloudMetrics {
  cpuPercent?: number;
  ramPercent?: number;
  gpuPercent?: number;
  /** Per-GPU utilisation when the cloud lists GPUs one by one. */
  gpus: Array<{ index: number; utilizationPercent?: number; memoryPercent?: number }>;
}

const CPU = ['cpu_utilization', 'cpuUtilization', 'cpu_percent', 'cpu_usage', 'cpuUsage', 'cpu'];
const RAM = [
  'ram_utilization',
  'memory_utilization',
  'ramUtilization',
  'memoryUtilization',
  'ram_percent',
  'memory_percent',
  'ram_usage',
  'memory_usage',
  'ram',
  'memory',
];
const GPU = ['gpu_utilization', 'gpuUtilization', 'gpu_percent', 'gpu_usage', 'gpuUsage', 'gpu'];
const INNER = ['utilization', 'utilization_percent', 'percent', 'usage', 'usage_percent', 'value'];

function percentOf(o: Obj, keys: string[]): number | undefined {
  const v = pick(o, ...keys);
  const n = isObj(v) ? num(pick(v, ...INNER)) : num(v);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** The metrics shape is not published: read the usual spellings, flat or under `utilization`. */
export function mapMetrics(body: Obj): NeevCloudMetrics {
  const scopes = [
    body,
    ...(isObj(body.utilization) ? [body.utilization] : []),
    ...(isObj(body.metrics) ? [body.metrics] : []),
  ];
  const first = (keys: string[]) => scopes.map((s) => percentOf(s, keys)).find((n) => n !== undefined);
  const list = pick(body, 'gpus', 'gpu_metrics', 'gpuMetrics');
  const gpus = Array.isArray(list)
    ? list.filter(isObj).map((g, i) => ({
        index: num(g.index) ?? i,
        utilizationPercent: percentOf(g, [...INNER, ...GPU]),
        memoryPercent: percentOf(g, ['memory_utilization', 'memoryUtilization', 'memory_percent']),
      }))
    : [];
  const perGpu = gpus.map((g) => g.utilizationPercent).filter((n): n is number => n !== undefined);
  return {
    cpuPercent: first(CPU),
    ramPercent: first(RAM),
    gpuPercent: first(GPU) ?? (perGpu.length ? round(perGpu.reduce((a, b) => a + b, 0) / perGpu.length) : undefined),
    gpus,
  };
}

/** The GPUs the metrics list one by one, as readings (a percentage outside 0–100 is left out, never clamped). */
export function gpuReadingsOf(metrics: NeevCloudMetrics): GpuReading[] {
  const seen = new Set<number>();
  return metrics.gpus
    .filter(
      (g) => Number.isInteger(g.index) && g.index >= 0 && g.index < 1000 && !seen.has(g.index) && seen.add(g.index),
    )
    .slice(0, 64)
    .map((g) => ({
      index: g.index,
      ...(g.utilizationPercent !== undefined &&
        g.utilizationPercent <= 100 && { utilisationPercent: g.utilizationPercent }),
    }))
    .sort((a, b) => a.index - b.index);
}

/** A registered availability alert in the shared shape (the cloud's status word kept as written). */
export function mapAlert(raw: RawAlert): AvailabilityAlert {
  const out: AvailabilityAlert = { regionId: raw.region_id, offerId: raw.config_id };
  const status = raw.status?.trim();
  if (status) out.status = status;
  const created = epochMs(raw.created_at);
  if (created !== undefined) out.createdAt = created;
  return out;
}
