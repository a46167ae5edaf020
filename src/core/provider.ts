import type { AccountBalance } from './balance';
import type { CreateForm, FormExtras } from './createForm';
import type { CloudId, DiskUsage, Endpoint, GpuOffer, Pod, Volume } from './model';
import type { PodPrefill } from './podPrefill';
import type { RegistryCredentialOps } from './registryCredentials';
import type { ImageSaveOps } from './savedImages';
import type { GpuReading } from './utilisation/model';

/** What a pod can be asked to do. Each cloud maps it to its own word (Yotta "pause", GPUGeek "release"). */
export type PodAction = 'stop' | 'start' | 'restart' | 'terminate';

/**
 * What a cloud is, as no operation can show: declared once per provider. Everything else a cloud can do is
 * read from the operations it implements (`capabilitiesOf` in core/capabilities.ts), never stated twice.
 */
export interface CloudFacts {
  /**
   * The cloud's word for stop: 'pause' clouds call stop/start "pause"/"resume" (Yotta). The UI turns the word
   * into its own translated labels; no English label lives here.
   */
  stopWord: 'pause' | 'stop';
  /** The cloud's word for ending a pod for good (GPUGeek "release", Novita and NeevCloud "delete"). */
  terminateWord: 'terminate' | 'delete' | 'release';
  /**
   * How SSH authenticates: 'password' clouds give a password we use once to install our key;
   * 'createKey' clouds take the public key at create time; 'accountKey' clouds use keys the user
   * registered with the cloud's console.
   */
  sshAuth: 'password' | 'createKey' | 'accountKey';
  /** Running pods serve Jupyter even when the list does not say where (the pod's own record does). */
  jupyter: boolean;
}

/** The actions a dispatch table covers: a provider's `podActions` are its table's keys, so the two cannot disagree. */
export function actionsOf(table: Partial<Record<PodAction, unknown>>): ReadonlySet<PodAction> {
  return new Set(Object.keys(table) as PodAction[]);
}

export interface ActionOptions {
  signal?: AbortSignal;
  /** Progress text while an asynchronous operation runs ("waiting for operation 5123…"). */
  onProgress?(message: string): void;
}

/** What a volume can be asked to do; which states allow it is `volumeAllows` (core/capabilities.ts). */
export type VolumeAction = 'rename' | 'resize' | 'delete';
/** What a serverless endpoint can be asked to do; which states allow it is `endpointAllows`. */
export type EndpointAction = 'start' | 'stop';
export type VmAction = 'rename' | 'terminate';

export interface VolumeOps {
  list(signal?: AbortSignal): Promise<Volume[]>;
  createForm(): CreateForm<Volume>;
  rename(id: string, name: string): Promise<void>;
  resize(id: string, sizeGb: number): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface EndpointOps {
  list(signal?: AbortSignal): Promise<Endpoint[]>;
  start(id: string): Promise<void>;
  stop(id: string): Promise<void>;
}

export interface PortSpec {
  port: number;
  protocol: 'tcp' | 'http';
}

/** Changing a pod's exposed ports after create (GPUGeek set_port, Novita edit). */
export interface PortOps {
  /** Most custom ports the cloud allows at once. */
  max: number;
  /** Replaces the pod's custom ports with these. */
  set(id: string, ports: PortSpec[], options?: ActionOptions): Promise<void>;
}

/** Live utilisation in percent; a field is undefined when the cloud does not report it. */
export interface Utilisation {
  cpuPercent?: number;
  ramPercent?: number;
  gpuPercent?: number;
  /** Memory in use and in all, where the cloud reports sizes (Yotta). */
  ramUsedBytes?: number;
  ramTotalBytes?: number;
  /** The pod's disks, where the cloud's monitoring reports them (Yotta storage metrics). */
  disks?: DiskUsage[];
}

/** "Notify me when available" for a sold-out offer (NeevCloud availability alerts). */
export interface AvailabilityAlerts {
  register(regionId: string, offerId: string, signal?: AbortSignal): Promise<'registered' | 'alreadyRegistered'>;
  /** The alerts the account has registered, as the cloud lists them. */
  list?(signal?: AbortSignal): Promise<AvailabilityAlert[]>;
}

/** One registered alert: the offer (config) and region it watches, in the cloud's own words for its state. */
export interface AvailabilityAlert {
  regionId: string;
  offerId: string;
  /** The cloud's status word ("pending"), as it wrote it. */
  status?: string;
  /** Epoch ms. */
  createdAt?: number;
}

/**
 * Whole GPU virtual machines (Yotta), next to pods. They are mapped to `Pod` with `kind: 'vm'`, so rows,
 * SSH and Jupyter reuse the pod code; their lifecycle is rename and terminate.
 */
export interface VmOps {
  /** Every VM, all pages fetched. */
  list(signal?: AbortSignal): Promise<Pod[]>;
  get(id: string, signal?: AbortSignal): Promise<Pod | undefined>;
  createForm(): CreateForm<Pod>;
  rename(id: string, name: string, signal?: AbortSignal): Promise<void>;
  /** Resolves once the cloud accepted it; a VM it refuses to end raises the cloud's reason (11002). */
  terminate(id: string, signal?: AbortSignal): Promise<void>;
  /** Whether the VM's state allows the action (the menu offers only these). */
  allows(action: VmAction, vm: Pod): boolean;
}

/** A line of a cloud's bills for one pod: what it cost from `start` to `end` (epoch ms), in USD. */
export interface BillLine {
  podId: string;
  start: number;
  end: number;
  amountUsd: number;
}

/** The cloud's own bills per pod (Novita's usage-based billing), read lazily: never polled per pod. */
export interface BillOps {
  /** The longest span one query may cover (Novita: 31 days); a longer one is cut to its last `maxRangeMs`. */
  readonly maxRangeMs: number;
  /** GPU instance bills from `from` to `to` (epoch ms): one pod's with `podId`, else the account's; by hour or by day. */
  list(
    query: { from: number; to: number; podId?: string; per: 'hour' | 'day' },
    signal?: AbortSignal,
  ): Promise<BillLine[]>;
}

/** One connected account of one cloud. Built per account with its key and settings. */
export interface Provider {
  readonly cloud: CloudId;
  readonly facts: CloudFacts;
  /** One request per list endpoint; never one per pod. */
  listPods(signal?: AbortSignal): Promise<Pod[]>;
  /** Undefined when the cloud no longer knows the pod. */
  getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined>;
  /**
   * The actions `podAction` carries out (NeevCloud: terminate only): the keys of the table `podAction`
   * dispatches through (`actionsOf`), so the set and the operation cannot disagree. One `podAction` rather than
   * one operation per action: every caller runs an action by name, with the same progress, abort and wait.
   */
  readonly podActions: ReadonlySet<PodAction>;
  /** Resolves once the cloud accepted (or, for async clouds, finished) the action. */
  podAction(id: string, action: PodAction, options?: ActionOptions): Promise<void>;
  /** Whether the pod's state allows the action (the cloud would refuse it otherwise). */
  allows(action: PodAction, pod: Pod): boolean;
  /** Pods (or VMs) whose name is exactly `name`; used to look for a pod before any retry of a create. */
  findPodsByName(name: string, signal?: AbortSignal): Promise<Pod[]>;
  /** `extras`: what GPU Pods knows besides the cloud (the images it saved on this account). */
  createForm(extras?: FormExtras): CreateForm<Pod>;
  /**
   * Create Pod Like This…: what the pod's own answer lets GPU Pods read back of its settings (one request);
   * undefined when the cloud no longer knows the pod.
   */
  podPrefill?(id: string, signal?: AbortSignal): Promise<PodPrefill | undefined>;
  /** GPU offers for the cross-cloud picker. */
  listOffers(signal?: AbortSignal): Promise<GpuOffer[]>;
  volumes?: VolumeOps;
  endpoints?: EndpointOps;
  ports?: PortOps;
  /** Read only while the user looks at the pod (its tooltip), never polled. */
  utilisation?(id: string, signal?: AbortSignal): Promise<Utilisation>;
  /**
   * The running pod's GPUs now, from the cloud's own monitoring (no connection to the pod): the last point of
   * each GPU's series. An empty list: the cloud reports no GPU for the pod (not running, driver gone).
   */
  gpuReadings?(id: string, signal?: AbortSignal): Promise<GpuReading[]>;
  alerts?: AvailabilityAlerts;
  vms?: VmOps;
  /**
   * The running pod's disks from the cloud's own monitoring (Yotta), read now and then to warn before one fills;
   * clouds whose pod record carries its disks (GPUGeek) put them on the Pod instead.
   */
  diskUsage?(id: string, signal?: AbortSignal): Promise<DiskUsage[]>;
  /** Registry credentials for private images, kept by the cloud (Yotta, Novita). */
  credentials?: RegistryCredentialOps;
  /** Saving a pod as an image (Novita). */
  imageSaves?: ImageSaveOps;
  /** The account's prepaid balance, where the cloud publishes one (Novita); read at a slow cadence, never per refresh. */
  balance?(signal?: AbortSignal): Promise<AccountBalance>;
  /** What each pod really cost, from the cloud's bills; absent where the cloud publishes none. */
  bills?: BillOps;
}

/** What building a provider needs; all values come from settings and SecretStorage. */
export interface ProviderConfig {
  apiKey: string;
  /** Base URL(s) by name: `api` for every cloud, plus e.g. `inventory` for NeevCloud. */
  baseUrls: Record<string, string>;
  /** Cloud-specific account settings (Yotta api version, NeevCloud org/project). */
  options: Record<string, string>;
}
