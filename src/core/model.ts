/** The shared model every cloud is mapped into. Plain data: no vscode, no provider specifics. */

// A cloud's id (the leaf src/core/cloudIds.ts, which the registry is checked against): every Record<CloudId, …>
// and switch on it is checked against the real list. Core names no provider file, not even for a type.
export type { CloudId } from './cloudIds';
import type { CloudId } from './cloudIds';

/** Normalised lifecycle state; the cloud's own word is kept in `rawStatus`. */
export type PodStatus =
  'provisioning' | 'running' | 'stopping' | 'stopped' | 'terminating' | 'terminated' | 'failed' | 'unknown';

/** States in which a pod is on its way somewhere: the tree spins and polling speeds up. */
export const TRANSITIONAL_STATUSES: ReadonlySet<PodStatus> = new Set(['provisioning', 'stopping', 'terminating']);

export type PodKind = 'pod' | 'vm';

export interface PortMapping {
  /** Port inside the pod. */
  port: number;
  protocol: 'ssh' | 'http' | 'tcp' | 'udp';
  /** Where it is reachable from outside, when the cloud says so. */
  publicHost?: string;
  publicPort?: number;
  url?: string;
}

/** How to reach a pod over SSH. The password, where a cloud uses one, stays in memory only. */
export interface SshEndpoint {
  host: string;
  port: number;
  user: string;
  password?: string;
}

export interface JupyterEndpoint {
  /** Base URL of the server, without credentials. */
  url: string;
  /** Token the cloud gave (GPUGeek, Novita); never logged. */
  token?: string;
}

export interface Pod {
  cloud: CloudId;
  kind: PodKind;
  /** Exact id as the cloud wrote it (ids beyond 2^53 stay strings). */
  id: string;
  name: string;
  status: PodStatus;
  rawStatus: string;
  /** Why a pod failed or is stuck, as the cloud said it. */
  statusReason?: string;
  gpuName?: string;
  gpuCount?: number;
  vramGb?: number;
  region?: string;
  image?: string;
  /** Epoch milliseconds. */
  createdAt?: number;
  /** When a stopped pod stopped (epoch ms), only where the cloud's answer says so (Novita's `lastStoppedAt`). */
  stoppedAt?: number;
  /**
   * What a stopped pod still costs a day for its disks, from the cloud's published storage prices; undefined
   * where the cloud publishes none (the UI says so). Never guessed.
   */
  storageCost?: StorageCost;
  /** USD per hour; undefined when the cloud gives no price (never guessed, never 0 for unknown). */
  pricePerHour?: number;
  /**
   * The price the cloud quoted when GPU Pods created the pod (GPUGeek's dry run), kept for it while the cloud's
   * list gives none. Set by GPU Pods, never read from a cloud's pod list.
   */
  quotedPrice?: QuotedPrice;
  ports: PortMapping[];
  /** Undefined while the pod is not reachable yet, or when the answer left SSH out (`sshUnlisted`). */
  ssh?: SshEndpoint;
  /**
   * The cloud's answer said nothing about SSH (Novita's instance list leaves connection details out): an
   * undefined `ssh` then means "not in this answer", not "not reachable"; the pod's own record has it.
   */
  sshUnlisted?: boolean;
  jupyter?: JupyterEndpoint;
  /** An operation is under way on the cloud's side (GPUGeek `isPending`). */
  pending?: boolean;
  /** Extra facts for the tooltip, already formatted: label → value. */
  details: Array<[string, string]>;
  /** Spot (interruptible) capacity: cheaper, and the cloud may take the pod back (Novita `billingMode: spot`). */
  spot?: SpotState;
  /** Disks with their use, where the cloud's pod record reports them (GPUGeek). */
  disks?: DiskUsage[];
}

/** A spot pod's reclaim state as the cloud reports it. */
export interface SpotState {
  /** The cloud has announced that it will reclaim the pod (Novita `spotStatus` notified/reclaiming). */
  reclaimNotice: boolean;
  /** When the cloud reclaims it (epoch ms), when it says. */
  reclaimAt?: number;
}

/** One disk of a pod and how full it is, in bytes. */
export interface DiskUsage {
  /** What the cloud calls it ("System disk", "Data disk (/gz-data)"), already localised. */
  label: string;
  usedBytes: number;
  totalBytes: number;
}

/** A stopped pod's disks at the cloud's published storage prices. */
export interface StorageCost {
  /** Undefined when the cloud publishes its prices but the pod's answer leaves a disk size out. */
  usdPerDay?: number;
  /** The billed gigabytes (after any free quota the cloud publishes). */
  billedGb?: number;
  /** Where the prices are published (a documentation page). */
  source: string;
}

/** Currencies a cloud's price can be in; a quote that names none has no currency (it is never assumed). */
export type Currency = 'USD' | 'CNY';

/** A price as a cloud quoted it for one pod: the amount for the whole pod per period. */
export interface QuotedPrice {
  amount: number;
  currency?: Currency;
  per: 'hour' | 'day' | 'week' | 'month';
}

export interface Volume {
  cloud: CloudId;
  id: string;
  name: string;
  sizeGb?: number;
  type?: string;
  region?: string;
  status: string;
  mountCount?: number;
  /** The cloud's own cost figure, formatted as the cloud reports it. */
  cost?: string;
  createdAt?: number;
}

export interface Endpoint {
  cloud: CloudId;
  id: string;
  name: string;
  status: PodStatus;
  rawStatus: string;
  image?: string;
  runningWorkers?: number;
  totalWorkers?: number;
  cost?: string;
}

export interface GpuOffer {
  cloud: CloudId;
  /** The cloud's id for what is ordered (GPU type code, product id, config id). */
  id: string;
  gpuName: string;
  vramGb?: number;
  /** USD per GPU-hour; undefined when unknown. */
  pricePerGpuHour?: number;
  /** Why there is no price: the cloud publishes none (Yotta), or quotes one only for a complete order (GPUGeek). */
  priceMissing?: 'notPublished' | 'quotedAtCreate';
  regions: Array<{ id: string; name: string; available: boolean }>;
  /** Human stock word ('high', 'low', 'sold out', '3 free'). */
  stock?: string;
  available: boolean;
  minCount?: number;
  maxCount?: number;
}

export interface ImageChoice {
  id: string;
  name: string;
  description?: string;
  kind?: 'official' | 'user' | 'template' | 'recent' | 'custom';
}

/** True while a pod, VM or serverless endpoint is on its way to another state (the tree spins, polling is fast). */
export function isTransitional(status: PodStatus): boolean {
  return TRANSITIONAL_STATUSES.has(status);
}

/**
 * True while a volume is on its way somewhere. Volume states are the cloud's own words (Yotta: creating,
 * resizing, deleting; Novita: creating); every "-ing" word is one, as the tree's spinner shows it.
 */
export function isVolumeTransitional(status: string): boolean {
  return /ing$/i.test(status.trim());
}
