import type { CreateForm } from './createForm';
import type { CloudId, Endpoint, GpuOffer, Pod, Volume } from './model';

/** What a pod can be asked to do. Each cloud maps it to its own word (Yotta "pause", GPUGeek "release"). */
export type PodAction = 'stop' | 'start' | 'restart' | 'terminate';

/**
 * What a cloud can do. Menus, quick picks and when-clauses read these instead of asking
 * "is this cloud X?" anywhere in the UI.
 */
export interface Capabilities {
  /** Actions the cloud supports at all (NeevCloud: terminate only). */
  actions: ReadonlySet<PodAction>;
  /** The cloud's own word for stop/start, shown in menus ("Pause"/"Resume" on Yotta). */
  stopLabel: string;
  startLabel: string;
  terminateLabel: string;
  volumes: boolean;
  endpoints: boolean;
  virtualMachines: boolean;
  /** Actions complete asynchronously through operation ids (GPUGeek). */
  asyncOperations: boolean;
  /**
   * How SSH authenticates: 'password' clouds give a password we use once to install our key;
   * 'createKey' clouds take the public key at create time; 'accountKey' clouds use keys the user
   * registered with the cloud's console.
   */
  sshAuth: 'password' | 'createKey' | 'accountKey';
  jupyter: boolean;
  /** Which actions are valid in which status: used by menus and palette pickers. */
  allows(action: PodAction, pod: Pod): boolean;
}

export interface ActionOptions {
  signal?: AbortSignal;
  /** Progress text while an asynchronous operation runs ("waiting for operation 5123…"). */
  onProgress?(message: string): void;
}

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
}

/** "Notify me when available" for a sold-out offer (NeevCloud availability alerts). */
export interface AvailabilityAlerts {
  register(regionId: string, offerId: string, signal?: AbortSignal): Promise<'registered' | 'alreadyRegistered'>;
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
  allows(action: 'rename' | 'terminate', vm: Pod): boolean;
}

/** One connected account of one cloud. Built per account with its key and settings. */
export interface Provider {
  readonly cloud: CloudId;
  readonly capabilities: Capabilities;
  /** One request per list endpoint; never one per pod. */
  listPods(signal?: AbortSignal): Promise<Pod[]>;
  /** Undefined when the cloud no longer knows the pod. */
  getPod(id: string, signal?: AbortSignal): Promise<Pod | undefined>;
  /** Resolves once the cloud accepted (or, for async clouds, finished) the action. */
  podAction(id: string, action: PodAction, options?: ActionOptions): Promise<void>;
  /** Pods (or VMs) whose name is exactly `name`; used to look for a pod before any retry of a create. */
  findPodsByName(name: string, signal?: AbortSignal): Promise<Pod[]>;
  createForm(): CreateForm<Pod>;
  /** GPU offers for the cross-cloud picker. */
  listOffers(signal?: AbortSignal): Promise<GpuOffer[]>;
  volumes?: VolumeOps;
  endpoints?: EndpointOps;
  ports?: PortOps;
  /** Read only while the user looks at the pod (its tooltip), never polled. */
  utilisation?(id: string, signal?: AbortSignal): Promise<Utilisation>;
  alerts?: AvailabilityAlerts;
  vms?: VmOps;
}

/** What building a provider needs; all values come from settings and SecretStorage. */
export interface ProviderConfig {
  apiKey: string;
  /** Base URL(s) by name: `api` for every cloud, plus e.g. `inventory` for NeevCloud. */
  baseUrls: Record<string, string>;
  /** Cloud-specific account settings (Yotta api version, NeevCloud org/project). */
  options: Record<string, string>;
}
