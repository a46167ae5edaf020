import type { Endpoint, Pod, Volume } from './model';
import type { CloudFacts, EndpointAction, PodAction, Provider, VmAction, VolumeAction } from './provider';

/**
 * What one account's cloud can do, for menus, pickers and the tree. Derived from the operations its provider
 * implements plus the few facts it declares: a cloud that gains `volumes` gains the Volumes group and menus
 * with no flag to forget.
 */
export interface Capabilities extends CloudFacts {
  /** Actions `podAction` carries out at all (NeevCloud: terminate only). */
  podActions: ReadonlySet<PodAction>;
  volumes: boolean;
  endpoints: boolean;
  vms: boolean;
  /** Custom ports can be changed after create. */
  ports: boolean;
  /** Live utilisation can be read (shown in the tooltip). */
  utilisation: boolean;
  /** GPU readings come from the cloud's metrics API (else the sampler reads nvidia-smi over SSH). */
  gpuMetrics: boolean;
  /** "Notify me when available" for sold-out offers. */
  alerts: boolean;
  /** Registry credentials can be listed, added and deleted (Yotta, Novita). */
  credentials: boolean;
  /** A pod can be saved as an image (Novita). */
  imageSaves: boolean;
  /** The cloud publishes the account's balance (Novita); elsewhere the account's tooltip says it does not. */
  balance: boolean;
  /**
   * Whether the pod can be asked to do this now: the cloud carries the action out, the pod's state allows it,
   * and no operation is pending on it. Tree menus and palette pickers both ask this one question.
   */
  allows(action: PodAction, pod: Pod): boolean;
  /** The same for a VM; false on a cloud without VMs. */
  allowsVm(action: VmAction, vm: Pod): boolean;
  /** Whether the pod can be saved as an image now; false on a cloud that cannot. */
  allowsImageSave(pod: Pod): boolean;
}

export function capabilitiesOf(provider: Provider): Capabilities {
  const { podActions, vms } = provider;
  return {
    ...provider.facts,
    podActions,
    volumes: !!provider.volumes,
    endpoints: !!provider.endpoints,
    vms: !!vms,
    ports: !!provider.ports,
    utilisation: typeof provider.utilisation === 'function',
    gpuMetrics: typeof provider.gpuReadings === 'function',
    alerts: !!provider.alerts,
    credentials: !!provider.credentials,
    imageSaves: !!provider.imageSaves,
    balance: typeof provider.balance === 'function',
    allows: (action, pod) => !pod.pending && podActions.has(action) && provider.allows(action, pod),
    allowsVm: (action, vm) => !!vms && vms.allows(action, vm),
    allowsImageSave: (pod) => !pod.pending && !!provider.imageSaves?.allows(pod),
  };
}

/**
 * What the command palette needs of a cloud, before its code is loaded: each cloud states it in its info.ts
 * (activation loads no provider), and a unit test checks it equals `paletteFactsOf(capabilitiesOf(provider))`
 * for every registered cloud, so the statement cannot drift from the operations.
 */
export interface PaletteFacts {
  stopWord: CloudFacts['stopWord'];
  /** In PodAction order: stop, start, restart, terminate. */
  podActions: PodAction[];
  vms: boolean;
  volumes: boolean;
  endpoints: boolean;
  ports: boolean;
  alerts: boolean;
  credentials: boolean;
  imageSaves: boolean;
}

const ACTION_ORDER: PodAction[] = ['stop', 'start', 'restart', 'terminate'];

export function paletteFactsOf(caps: Capabilities): PaletteFacts {
  const { stopWord, vms, volumes, endpoints, ports, alerts, credentials, imageSaves } = caps;
  const podActions = ACTION_ORDER.filter((a) => caps.podActions.has(a));
  return { stopWord, podActions, vms, volumes, endpoints, ports, alerts, credentials, imageSaves };
}

/** Ports can be changed on a pod that is running or stopped and has nothing pending, on a cloud that edits ports. */
export function allowsPorts(caps: Capabilities, pod: Pod): boolean {
  return caps.ports && !pod.pending && (pod.status === 'running' || pod.status === 'stopped');
}

/** Jupyter is known (the pod says where) or possible (the cloud serves it; the pod's own record says where). */
export function jupyterPossible(caps: Pick<Capabilities, 'jupyter'> | undefined, pod: Pod): boolean {
  return pod.status === 'running' && (!!pod.jupyter || !!caps?.jupyter);
}

/**
 * A stopped (paused) pod its cloud can start now: Connect, Open SSH Terminal and Open Jupyter offer to start it
 * first ("Start and Connect"). Never on a cloud without start, nor while an operation is pending.
 */
export function startsBeforeConnect(caps: Pick<Capabilities, 'allows'> | undefined, pod: Pod): boolean {
  return pod.kind === 'pod' && pod.status === 'stopped' && !!caps?.allows('start', pod);
}

/** The same for Open Jupyter: the pod can be started and its cloud serves Jupyter on running pods. */
export function startsBeforeJupyter(caps: Pick<Capabilities, 'allows' | 'jupyter'> | undefined, pod: Pod): boolean {
  return startsBeforeConnect(caps, pod) && !!caps?.jupyter;
}

/**
 * Which states allow a volume action, for every cloud's volumes: menus and palette pickers both ask this.
 * A mounted volume can be neither resized nor deleted; one already being deleted is not offered for delete again.
 */
export function volumeAllows(action: VolumeAction, volume: Volume): boolean {
  const free = (volume.mountCount ?? 0) === 0;
  switch (action) {
    case 'rename':
      return true;
    case 'resize':
      return free && volume.status === 'active';
    case 'delete':
      return free && !/deleting/.test(volume.status);
  }
}

/** Which states allow starting or stopping a serverless endpoint. */
export function endpointAllows(action: EndpointAction, endpoint: Endpoint): boolean {
  switch (action) {
    case 'start':
      return endpoint.status === 'stopped' || endpoint.status === 'failed';
    case 'stop':
      return endpoint.status === 'running' || endpoint.status === 'provisioning';
  }
}
