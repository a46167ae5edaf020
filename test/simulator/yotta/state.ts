import type { Simulator } from '../server';
import { YOTTA_LIMITS } from './spec';
import { idleGpus } from '../gpu';

/** In-memory Yotta account state. Pod transitions are evaluated lazily on read, so there are no timers to clean up. */

export type PodStatusWord = 'INITIALIZING' | 'RUNNING' | 'PAUSING' | 'PAUSED' | 'TERMINATING' | 'FAILED';

export interface SimExpose {
  port: number;
  protocol: string;
}

export interface SimPod {
  id: string;
  name: string;
  image: string;
  imageRegistry: string;
  gpuType: string;
  gpuCount: number;
  region: string;
  status: PodStatusWord;
  /** When the current transitional status ends (epoch ms). */
  until?: number;
  createdAt: number;
  containerVolumeInGb: number;
  expose: SimExpose[];
  jupyterPassword?: string;
  /** PUBLIC_KEY from the create's environmentVars: Yotta's official images install it at start (spec.ts START_SH). */
  publicKey?: string;
  /** Kept for control hooks only: no documented pod field carries a failure reason. */
  failedReason?: string;
  volumeIds: string[];
  /** The registry credential it was created with (a credential in use cannot be deleted). */
  credentialId?: string;
  /** Addresses from the backend, asked once when the pod first runs. */
  ssh?: { host: string; port: number; user: string };
  jupyterUrl?: string;
  /** CPU, memory and storage the metrics report (metrics.ts fills in defaults; tests set them). */
  usage?: Partial<PodUsage>;
}

/** What the CPU, memory and storage metrics of a running pod say (spec.ts metrics.cpu/memory/storage). */
export interface PodUsage {
  /** "1.0 means 100% of requested CPU cores". */
  cpuRatio: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  storageUsedBytes: number;
  storageTotalBytes: number;
}

export interface SimVolume {
  id: string;
  name: string;
  sizeInGb?: number;
  region?: string;
  storageType: string;
  vendorVolumeType?: string;
  status: 'creating' | 'active' | 'resizing' | 'error';
  until?: number;
  mountCount: number;
  cost: number;
  createdAt: number;
}

export interface SimEndpoint {
  id: string;
  name: string;
  image: string;
  status: 'INITIALIZING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'FAILED';
  until?: number;
  workers: number;
  serviceMode: string;
  cost: number;
  createdAt: string;
}

export type VmStatusWord = 'initializing' | 'running' | 'stopped' | 'terminated';

export interface SimVm {
  id: string;
  name: string;
  gpuType: string;
  gpuCount: number;
  region: string;
  vmTypeId: number;
  isSpot: 0 | 1;
  status: VmStatusWord;
  /** When `initializing` ends (epoch ms). */
  until?: number;
  createdAt: number;
  cpuCores: number;
  memoryInGb: number;
  storageInGb: number;
  volumeMountPaths: Record<string, string>;
  /** False: DELETE answers 11002 "No terminate permissions". */
  terminable: boolean;
  /** From the backend, asked once when the VM first runs. */
  ssh?: { host: string; port: number; user: string };
}

export interface SimCredential {
  id: string;
  name: string;
  type: string;
  createdAt: string;
  /** Kept for tests (is the update applied?); never in an answer (OPENAPI Credential has no such field). */
  username?: string;
}

/** Errors a handler throws; the route wrapper answers them in Yotta's envelope. */
export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface Delays {
  podStartMs: number;
  podPauseMs: number;
  podTerminateMs: number;
  volumeMs: number;
  endpointMs: number;
  vmStartMs: number;
  /** How long a pod operation (create, pause, resume, delete) is in flight: lets the 5-at-once limit be seen. */
  podOpMs: number;
}

export const DEFAULT_DELAYS: Delays = {
  podStartMs: 3000,
  podPauseMs: 2000,
  podTerminateMs: 2000,
  volumeMs: 1000,
  endpointMs: 2000,
  vmStartMs: 3000,
  podOpMs: 0,
};

/** Which GPU types the account sees, with per-region stock. */
export const CATALOG: Record<string, Array<{ region: string; regionName: string }>> = {
  NVIDIA_RTX_4090_24G: [
    { region: 'us-east-1', regionName: 'US East 1' },
    { region: 'ap-southeast-1', regionName: 'Singapore' },
  ],
  NVIDIA_RTX_5090_32G: [{ region: 'us-west-1', regionName: 'US West 1' }],
  NVIDIA_A100_80G: [
    { region: 'us-east-1', regionName: 'US East 1' },
    { region: 'us-east-3', regionName: 'US East 3' },
  ],
  NVIDIA_H100_80G: [
    { region: 'us-east-1', regionName: 'US East 1' },
    { region: 'us-west-1', regionName: 'US West 1' },
  ],
  NVIDIA_H200_141G: [
    { region: 'us-east-3', regionName: 'US East 3' },
    { region: 'sg', regionName: 'Singapore (sg)' },
  ],
  NVIDIA_B200_180G: [{ region: 'us-east-3', regionName: 'US East 3' }],
};

export class YottaState {
  pods = new Map<string, SimPod>();
  volumes = new Map<string, SimVolume>();
  endpoints = new Map<string, SimEndpoint>();
  credentials = new Map<string, SimCredential>();
  vms = new Map<string, SimVm>();
  soldOut = new Set<string>();
  delays: Delays = { ...DEFAULT_DELAYS };
  /** The documented lowest plan (spec.ts YOTTA_LIMITS). */
  budgetPerMinute: number = YOTTA_LIMITS.requestsPerMinute;
  /** Pod operations in flight per key (at most YOTTA_LIMITS.concurrentPodOperations). */
  readonly podOpsInFlight = new Map<string, number>();
  maxPageSize = 1000;
  failNextCreate?: { status: number; code: number; message: string };
  private nextPodId = 362740422811062272n;
  private nextVolumeId = 5001;
  private nextVmId = 481516234200000000n;
  private nextCredId = 120;
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly sim: Simulator) {
    this.seedDefaults();
  }

  reset(): void {
    Object.assign(this, new YottaState(this.sim));
  }

  private seedDefaults(): void {
    const now = Date.now();
    this.endpoints.set('ep-1001', {
      id: 'ep-1001',
      name: 'llama-chat',
      image: 'vllm/vllm-openai:latest',
      status: 'RUNNING',
      workers: 2,
      serviceMode: 'ALB',
      cost: 1.25,
      createdAt: new Date(now - 86_400_000).toISOString(),
    });
    this.endpoints.set('ep-1002', {
      id: 'ep-1002',
      name: 'sdxl-queue',
      image: 'yottalabsai/sdxl:1.0',
      status: 'STOPPED',
      workers: 1,
      serviceMode: 'QUEUE',
      cost: 0,
      createdAt: new Date(now - 3_600_000).toISOString(),
    });
    this.credentials.set('101', {
      id: '101',
      name: 'my-docker-hub',
      type: 'DOCKER_HUB',
      createdAt: new Date(now - 7 * 86_400_000).toISOString(),
    });
  }

  newPodId(): string {
    this.nextPodId += BigInt(1 + Math.floor(Math.random() * 4096));
    return this.nextPodId.toString();
  }
  newVmId(): string {
    this.nextVmId += BigInt(1 + Math.floor(Math.random() * 4096));
    return this.nextVmId.toString();
  }
  newVolumeId(): string {
    return String(this.nextVolumeId++);
  }
  newCredentialId(): string {
    return String(this.nextCredId++);
  }

  stockKey(gpuType: string, region: string): string {
    return `${gpuType}@${region}`;
  }
  available(gpuType: string, region: string): boolean {
    return !this.soldOut.has(this.stockKey(gpuType, region));
  }

  /** Per-key sliding minute; answers how long to wait when the budget is spent. */
  rateLimit(key: string, now = Date.now()): number | undefined {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - 60_000);
    this.hits.set(key, list);
    if (list.length >= this.budgetPerMinute) return Math.max(1, Math.ceil((list[0] + 60_000 - now) / 1000));
    list.push(now);
    return undefined;
  }

  /** Advances a pod past any transition whose time has come; undefined once a terminated pod is gone. */
  pod(id: string, now = Date.now()): SimPod | undefined {
    const p = this.pods.get(id);
    if (!p) return undefined;
    while (p.until !== undefined && now >= p.until) {
      if (p.status === 'INITIALIZING') this.setPod(p, 'RUNNING');
      else if (p.status === 'PAUSING') this.setPod(p, 'PAUSED');
      else if (p.status === 'TERMINATING') {
        for (const v of p.volumeIds) {
          const vol = this.volumes.get(v);
          if (vol) vol.mountCount = Math.max(0, vol.mountCount - 1);
        }
        this.pods.delete(id);
        return undefined;
      } else p.until = undefined;
    }
    if (p.status === 'RUNNING' && !p.ssh) this.attachBackend(p);
    return p;
  }

  allPods(): SimPod[] {
    return [...this.pods.keys()].map((id) => this.pod(id)).filter((p): p is SimPod => !!p);
  }

  setPod(p: SimPod, status: PodStatusWord): void {
    p.status = status;
    const d = this.delays;
    const ms =
      status === 'INITIALIZING'
        ? d.podStartMs
        : status === 'PAUSING'
          ? d.podPauseMs
          : status === 'TERMINATING'
            ? d.podTerminateMs
            : undefined;
    p.until = ms === undefined ? undefined : Date.now() + this.sim.delay(ms);
  }

  private attachBackend(p: SimPod): void {
    if (p.publicKey && isOfficialImage(p)) this.sim.backend.authorizeKey(p.publicKey);
    const ssh = this.sim.backend.ssh('key', p.id);
    p.ssh = { host: ssh.host, port: ssh.port, user: ssh.user };
    this.sim.gpu.ensure('yotta', p.id, idleGpus(p.gpuCount, p.gpuType));
    if (p.expose.some((e) => e.port === 8888)) p.jupyterUrl = this.sim.backend.jupyter(p.id, p.jupyterPassword).baseUrl;
  }

  /** Advances a VM past `initializing` once its time has come; a running VM gets its SSH from the backend. */
  vm(id: string, now = Date.now()): SimVm | undefined {
    const v = this.vms.get(id);
    if (!v) return undefined;
    if (v.status === 'initializing' && v.until !== undefined && now >= v.until) {
      v.status = 'running';
      v.until = undefined;
    }
    if (v.status === 'running' && !v.ssh) {
      const ssh = this.sim.backend.ssh('key', v.id);
      v.ssh = { host: ssh.host, port: ssh.port, user: ssh.user };
    }
    return v;
  }

  allVms(): SimVm[] {
    return [...this.vms.keys()].map((id) => this.vm(id)!);
  }

  setVm(v: SimVm, status: VmStatusWord): void {
    v.status = status;
    v.until = status === 'initializing' ? Date.now() + this.sim.delay(this.delays.vmStartMs) : undefined;
  }

  volume(id: string, now = Date.now()): SimVolume | undefined {
    const v = this.volumes.get(id);
    if (v && v.until !== undefined && now >= v.until) {
      v.status = 'active';
      v.until = undefined;
    }
    return v;
  }

  allVolumes(): SimVolume[] {
    this.allPods(); // pods that finished terminating unmount their volumes, whoever asks first
    return [...this.volumes.keys()].map((id) => this.volume(id)!);
  }

  endpoint(id: string, now = Date.now()): SimEndpoint | undefined {
    const e = this.endpoints.get(id);
    if (e && e.until !== undefined && now >= e.until) {
      e.status = e.status === 'INITIALIZING' ? 'RUNNING' : e.status === 'STOPPING' ? 'STOPPED' : e.status;
      e.until = undefined;
    }
    return e;
  }

  setEndpoint(e: SimEndpoint, status: SimEndpoint['status']): void {
    e.status = status;
    e.until =
      status === 'INITIALIZING' || status === 'STOPPING'
        ? Date.now() + this.sim.delay(this.delays.endpointMs)
        : undefined;
  }
}

/** Yotta's official images (Docker Hub `yottalabsai/*`, `yottalabs/*`) run start.sh, which reads PUBLIC_KEY. */
export function isOfficialImage(p: Pick<SimPod, 'image' | 'imageRegistry'>): boolean {
  return /^(https?:\/\/)?(index\.)?docker\.io(\/v1\/?)?$/.test(p.imageRegistry) && /^yottalabs(ai)?\//.test(p.image);
}
