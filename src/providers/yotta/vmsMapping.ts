import type { Pod, PodStatus, SshEndpoint } from '../../core/model';
import { isSafeHost, parseSshCommand } from '../../core/sshCommand';
import { GPU_TYPES, gpuInfo, type GpuTypeInfo } from './gpuTypes';
import type { RawVm } from './vmsSchemas';
import { l10n } from '../../core/l10n';

/** Yotta's VM status words (lowercase in the guide); the pod words are accepted too, in case they show up. */
const VM_STATUS: Record<string, PodStatus> = {
  initializing: 'provisioning',
  initialize: 'provisioning',
  creating: 'provisioning',
  starting: 'provisioning',
  running: 'running',
  stopping: 'stopping',
  stopped: 'stopped',
  terminating: 'terminating',
  terminated: 'terminated',
  failed: 'failed',
};

export function mapVmStatus(raw: string | number | null | undefined): { status: PodStatus; rawStatus: string } {
  if (raw === null || raw === undefined || raw === '') return { status: 'unknown', rawStatus: '' };
  const rawStatus = String(raw).trim().slice(0, 40);
  return { status: VM_STATUS[rawStatus.toLowerCase()] ?? 'unknown', rawStatus };
}

/** `isSpot` is documented as 0/1; true/"1"/"true" read the same. */
export function isSpotValue(v: RawVm['isSpot']): boolean {
  return v === 1 || v === true || v === '1' || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/** ISO 8601 as documented; epoch numbers (seconds or ms) read too. */
export function vmCreatedAt(v: RawVm['createdAt']): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number' || /^\d+$/.test(v)) {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) return undefined;
    return n < 1e12 ? n * 1000 : n;
  }
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * A VM names its GPU by display name ("NVIDIA H100"), which need not match the table's ("H100"): try the code,
 * then the display name with and without the vendor prefix.
 */
export function vmGpu(raw: Pick<RawVm, 'gpuType' | 'gpuDisplayName'>): GpuTypeInfo | undefined {
  if (raw.gpuType) return gpuInfo(raw.gpuType);
  const shown = (raw.gpuDisplayName ?? '').replace(/\s+/g, ' ').trim();
  if (!shown) return undefined;
  const bare = shown.replace(/^(NVIDIA|AMD|AWS)\s+/i, '').toLowerCase();
  const known = Object.values(GPU_TYPES).find(
    (g) => g.name.toLowerCase() === bare || g.name.toLowerCase() === shown.toLowerCase(),
  );
  return known ?? { name: shown.slice(0, 80) };
}

/** Placeholders a template may carry; values are validated before they are put in. */
const PLACEHOLDER =
  /\{\{?\s*(ip|ipAddress|ip_address|host|user|username|port)\s*\}?\}|\$\{(ip|ipAddress|host|user|port)\}|<(ip|ip address|ipAddress|host)>/gi;

/**
 * SSH from the VM's `sshTemplate` ("ssh root@192.168.1.100", "ssh -p {port} {user}@{ip}") and `ipAddress`.
 * The template is untrusted: after substituting the validated IP (user root, port 22 unless the template
 * says otherwise) it must still read as a plain ssh login line, or there is no SSH. Undefined without an IP.
 */
export function vmSsh(
  sshTemplate: string | null | undefined,
  ipAddress: string | null | undefined,
): SshEndpoint | undefined {
  const ip = (ipAddress ?? '').trim();
  if (!ip || !isSafeHost(ip)) return undefined;
  const template = (sshTemplate ?? '').trim();
  if (!template) return { host: ip.replace(/^\[|\]$/g, ''), port: 22, user: 'root' };
  const filled = template
    .replace(/\s-i\s+<[^>]*>/g, ' ') // "-i <private key file>": the key is the user's own
    .replace(PLACEHOLDER, (_m, a?: string, b?: string, c?: string) => {
      const name = (a ?? b ?? c ?? '').toLowerCase();
      if (name === 'user' || name === 'username') return 'root';
      if (name === 'port') return '22';
      return ip;
    });
  return parseSshCommand(filled);
}

/** A raw VM as a `Pod` of kind 'vm': rows, SSH and tooltips reuse the pod code. */
export function toVm(raw: RawVm): Pod {
  const { status, rawStatus } = mapVmStatus(raw.status);
  const gpu = vmGpu(raw);
  const spot = isSpotValue(raw.isSpot);
  const ip = raw.ipAddress && isSafeHost(raw.ipAddress.trim()) ? raw.ipAddress.trim() : undefined;
  const vm: Pod = {
    cloud: 'yotta',
    kind: 'vm',
    id: raw.id,
    name: clean(raw.name) || raw.id,
    status,
    rawStatus,
    gpuName: gpu?.name,
    gpuCount: raw.gpuCount ?? undefined,
    vramGb: gpu?.vramGb ?? raw.gpuMemoryInGb ?? undefined,
    region: clean(raw.region) || undefined,
    createdAt: vmCreatedAt(raw.createdAt),
    pricePerHour: undefined, // no price on a VM in Yotta's API
    ports: [],
    ssh: status === 'running' ? vmSsh(raw.sshTemplate, ip) : undefined,
    jupyter: undefined, // no documented field gives a VM's Jupyter
    details: [],
  };
  // Only what the shared fields do not hold: the tooltip shows id, GPU, region, status and date once.
  const d: Array<[string, string]> = [[l10n.t('Pricing'), spot ? l10n.t('Spot') : l10n.t('On-demand')]];
  if (raw.cpuCores) d.push([l10n.t('CPU cores'), String(raw.cpuCores)]);
  if (raw.memoryInGb) d.push([l10n.t('Memory'), l10n.t('{0} GB', raw.memoryInGb)]);
  if (raw.storageInGb) d.push([l10n.t('Storage'), l10n.t('{0} GB', raw.storageInGb)]);
  if (ip) d.push([l10n.t('IP address'), ip]);
  vm.details = d;
  return vm;
}

function clean(s: string | null | undefined): string {
  return (s ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 255);
}
