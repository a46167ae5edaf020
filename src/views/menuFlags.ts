import {
  allowsPorts,
  type Capabilities,
  endpointAllows,
  jupyterPossible,
  startsBeforeConnect,
  startsBeforeJupyter,
  volumeAllows,
} from '../core/capabilities';
import type { Endpoint, Pod, PodStatus, Volume } from '../core/model';
import { deleteWhenStoppedAllowed } from '../core/stoppedRule';

/*
 * Every tree row's contextValue, from one pure function per row kind (no vscode import: unit-tested in plain
 * Node). package.json menus match the flags, `viewItem =~ /^pod\b.*\+canStop/`, so a menu shows only what the
 * row's state and its cloud's capabilities allow. Flags name capabilities and states, never a cloud; a test
 * checks that every flag a `when` clause reads is one these functions can produce.
 */

const STATUS: Record<PodStatus, true> = {
  provisioning: true,
  running: true,
  stopping: true,
  stopped: true,
  terminating: true,
  terminated: true,
  failed: true,
  unknown: true,
};
const STATUS_FLAGS = Object.keys(STATUS) as PodStatus[];

/** The flags each row kind can carry. A pod or VM also carries its status (`+running`). */
export const MENU_FLAGS = {
  account: ['ok', 'hasOptions', 'vms', 'alerts', 'credentials'],
  group: ['pods', 'vms', 'volumes', 'endpoints'],
  pod: [
    ...STATUS_FLAGS,
    'canStop',
    'canStart',
    'canRestart',
    'canTerminate',
    'pauses',
    'ports',
    'ssh',
    'jupyter',
    'startToConnect',
    'startToJupyter',
    'idleTimer',
    'idleRule',
    'canSaveImage',
    'settablePrice',
    'deleteRule',
    'canDeleteWhenStopped',
  ],
  vm: [...STATUS_FLAGS, 'canRename', 'canTerminate', 'ssh'],
  volume: ['canRename', 'canResize', 'canDelete'],
  endpoint: ['canStart', 'canStop'],
  error: ['auth'],
} as const;

export type RowKind = keyof typeof MENU_FLAGS;
export type MenuFlags<K extends RowKind> = Partial<Record<(typeof MENU_FLAGS)[K][number], boolean>>;

/** `pod+canStop+running+ssh`: the row kind, then the flags that are set, sorted. */
export function contextValue<K extends RowKind>(kind: K, flags: MenuFlags<K>): string {
  const set = Object.entries(flags)
    .filter(([, on]) => on)
    .map(([flag]) => flag)
    .sort();
  return [kind, ...set].join('+');
}

export function accountMenuFlags(account: {
  /** The account's lists loaded. */
  ok: boolean;
  /** The cloud has account settings to edit. */
  hasOptions: boolean;
  /** Undefined until the account's provider was built once. */
  capabilities?: Capabilities;
}): MenuFlags<'account'> {
  return {
    ok: account.ok,
    hasOptions: account.hasOptions,
    vms: !!account.capabilities?.vms,
    alerts: !!account.capabilities?.alerts,
    credentials: !!account.capabilities?.credentials,
  };
}

export function podMenuFlags(
  pod: Pod,
  caps: Capabilities | undefined,
  /** The idle guard has a timer on this pod. */
  idleTimer = false,
  /** The pod has an idle rule ("stop when GPUs are idle"). */
  idleRule = false,
  /** The user's price for its GPU type prices the pod, or would (no cloud price): Set Price is offered. */
  settablePrice = false,
  /** The pod has a delete-when-stopped rule. */
  deleteRule = false,
): MenuFlags<'pod'> {
  const can = (action: 'stop' | 'start' | 'restart' | 'terminate') => !!caps?.allows(action, pod);
  return {
    [pod.status]: true,
    canStop: can('stop'),
    canStart: can('start'),
    canRestart: can('restart'),
    canTerminate: can('terminate'),
    // Pause/Resume instead of Stop/Start in the menu: the cloud's own word.
    pauses: caps?.stopWord === 'pause',
    ports: !!caps && allowsPorts(caps, pod),
    // Some clouds put SSH and Jupyter details only on the pod's own record, not in the list: the commands
    // fetch the pod fresh and say "not reachable yet" when the details are still missing.
    ssh: pod.status === 'running',
    jupyter: jupyterPossible(caps, pod),
    // A stopped pod its cloud can start: Connect, Open SSH Terminal and Open Jupyter offer "Start and …".
    startToConnect: startsBeforeConnect(caps, pod),
    startToJupyter: startsBeforeJupyter(caps, pod),
    idleTimer,
    idleRule,
    canSaveImage: !!caps?.allowsImageSave(pod),
    settablePrice,
    deleteRule,
    // Not where stopping is deleting (NeevCloud): there a stopped pod does not exist.
    canDeleteWhenStopped: !!caps && deleteWhenStoppedAllowed(caps, pod),
  };
}

/** A virtual machine row: like a pod's, with the VM's own actions (rename, terminate). */
export function vmMenuFlags(vm: Pod, caps: Capabilities | undefined): MenuFlags<'vm'> {
  return {
    [vm.status]: true,
    canRename: !!caps?.allowsVm('rename', vm),
    canTerminate: !!caps?.allowsVm('terminate', vm),
    ssh: vm.status === 'running',
  };
}

export function volumeMenuFlags(volume: Volume): MenuFlags<'volume'> {
  return {
    canRename: volumeAllows('rename', volume),
    canResize: volumeAllows('resize', volume),
    canDelete: volumeAllows('delete', volume),
  };
}

export function endpointMenuFlags(endpoint: Endpoint): MenuFlags<'endpoint'> {
  return { canStart: endpointAllows('start', endpoint), canStop: endpointAllows('stop', endpoint) };
}
