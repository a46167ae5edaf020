import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Capabilities, capabilitiesOf } from '../../../src/core/capabilities';
import type { Pod, PodStatus, Volume } from '../../../src/core/model';
import { actionsOf, type CloudFacts, type PodAction, type Provider } from '../../../src/core/provider';
import {
  accountMenuFlags,
  contextValue,
  endpointMenuFlags,
  MENU_FLAGS,
  type MenuFlags,
  podMenuFlags,
  type RowKind,
  vmMenuFlags,
  volumeMenuFlags,
} from '../../../src/views/menuFlags';

interface MenuItem {
  command: string;
  when?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]> };
};

/** Each `viewItem =~ /…/` clause of the tree's context menus, with the row kinds its anchor names. */
const clauses = manifest.contributes.menus['view/item/context'].flatMap((item) => {
  const m = /viewItem =~ \/(.+?)\/(\w*)(?:\s|$)/.exec(item.when ?? '');
  if (!m) return [];
  const anchor = /^\^\(?([\w|]+)\)?\\b/.exec(m[1]);
  assert.ok(anchor, `${item.command}: the clause must start with the row kind (^pod\\b): ${m[1]}`);
  return [
    {
      command: item.command,
      source: m[1],
      regex: new RegExp(m[1], m[2]),
      kinds: anchor[1].split('|') as RowKind[],
      flags: [...m[1].matchAll(/\\\+(\w+)/g)].map((f) => f[1]),
    },
  ];
});

const STATUSES: PodStatus[] = [
  'provisioning',
  'running',
  'stopping',
  'stopped',
  'terminating',
  'terminated',
  'failed',
  'unknown',
];
const unused = () => Promise.reject(new Error('not called'));

/** A cloud like each of ours, built from operations as capabilitiesOf sees them. */
function caps(facts: Partial<CloudFacts>, actions: PodAction[], extra: Partial<Provider> = {}): Capabilities {
  return capabilitiesOf({
    cloud: 'yotta',
    facts: {
      stopWord: 'stop',
      terminateWord: 'delete',
      sshAuth: 'password',
      jupyter: true,
      ...facts,
    },
    podActions: actionsOf(Object.fromEntries(actions.map((a) => [a, a]))),
    allows: (action, pod) =>
      action === 'start' ? pod.status === 'stopped' : action === 'terminate' || pod.status === 'running',
    listPods: unused,
    getPod: unused,
    podAction: unused,
    findPodsByName: unused,
    createForm: () => ({}) as never,
    listOffers: unused,
    ...extra,
  });
}
const vmOps: Provider['vms'] = {
  list: unused,
  get: unused,
  createForm: () => ({}) as never,
  rename: unused,
  terminate: unused,
  allows: (action, vm) => vm.status !== 'terminated' && (action === 'rename' || vm.status !== 'provisioning'),
};
const pausing = caps(
  { stopWord: 'pause', terminateWord: 'terminate', sshAuth: 'createKey' },
  ['stop', 'start', 'terminate'],
  {
    volumes: { list: unused, createForm: () => ({}) as never, rename: unused, resize: unused, delete: unused },
    endpoints: { list: unused, start: unused, stop: unused },
    vms: vmOps,
  },
);
const deleteOnly = caps({ sshAuth: 'createKey' }, ['terminate'], {
  alerts: { register: unused },
  utilisation: unused,
});
const credentialOps: Provider['credentials'] = { list: unused, create: unused, delete: unused };
const withPorts = caps({ terminateWord: 'release' }, ['stop', 'start', 'restart', 'terminate'], {
  ports: { max: 3, set: unused },
  credentials: credentialOps,
  imageSaves: { save: unused, job: unused, allows: (p) => p.status === 'running' || p.status === 'stopped' },
});
const CLOUDS_LIKE_OURS = [pausing, deleteOnly, withPorts, undefined];

const pod = (status: PodStatus, more: Partial<Pod> = {}): Pod =>
  ({
    cloud: 'yotta',
    id: '1',
    name: 'p',
    kind: 'pod',
    status,
    rawStatus: status,
    ports: [],
    details: [],
    ...more,
  }) as Pod;
const volume = (status: string, mountCount = 0): Volume => ({ cloud: 'yotta', id: 'v', name: 'v', status, mountCount });

/** The contextValue of every row the tree can show, over every state, for clouds like ours. */
function everyRow(): Record<RowKind, string[]> {
  const rows: Record<RowKind, string[]> = {
    account: [],
    group: [],
    pod: [],
    vm: [],
    volume: [],
    endpoint: [],
    error: [],
  };
  for (const c of CLOUDS_LIKE_OURS) {
    for (const ok of [true, false])
      for (const hasOptions of [true, false])
        rows.account.push(contextValue('account', accountMenuFlags({ ok, hasOptions, capabilities: c })));
    for (const status of STATUSES) {
      for (const pending of [false, true])
        for (const idle of [false, true])
          for (const rule of [false, true])
            for (const price of [false, true])
              for (const deleteRule of [false, true])
                rows.pod.push(
                  contextValue('pod', podMenuFlags(pod(status, { pending }), c, idle, rule, price, deleteRule)),
                );
      rows.vm.push(contextValue('vm', vmMenuFlags(pod(status, { kind: 'vm' }), c)));
      rows.endpoint.push(
        contextValue('endpoint', endpointMenuFlags({ cloud: 'yotta', id: 'e', name: 'e', status, rawStatus: status })),
      );
    }
  }
  for (const s of ['creating', 'active', 'resizing', 'deleting', 'error'])
    for (const mounts of [0, 1]) rows.volume.push(contextValue('volume', volumeMenuFlags(volume(s, mounts))));
  for (const group of MENU_FLAGS.group) rows.group.push(contextValue('group', { [group]: true }));
  for (const auth of [true, false]) rows.error.push(contextValue('error', { auth }));
  return rows;
}

describe('menu flags: one pure function per row, and the when clauses that read them', () => {
  const rows = everyRow();

  it('every flag a `when` clause reads is one the flag functions produce for that row kind (a typo or a cloud name fails here)', () => {
    assert.ok(clauses.length > 20, `found ${clauses.length} clauses`);
    for (const c of clauses) {
      for (const kind of c.kinds) {
        assert.ok(kind in MENU_FLAGS, `${c.command}: no row kind "${kind}"`);
        for (const flag of c.flags)
          assert.ok(
            (MENU_FLAGS[kind] as readonly string[]).includes(flag),
            `${c.command}: "+${flag}" is not a ${kind} flag (${MENU_FLAGS[kind].join(', ')})`,
          );
      }
    }
  });

  it('every menu clause matches some row the tree can show (none is dead)', () => {
    for (const c of clauses) {
      const matching = c.kinds.flatMap((kind) => rows[kind]).filter((v) => c.regex.test(v));
      assert.ok(matching.length > 0, `${c.command} (${c.source}) is never shown`);
    }
  });

  it('every capability and action flag is read by some menu (no flag is computed for nothing)', () => {
    // Status flags say what state a row is in and group flags which group it is: they identify, they need no menu.
    const identity = new Set<string>([...STATUSES, ...MENU_FLAGS.group]);
    for (const kind of Object.keys(MENU_FLAGS) as RowKind[]) {
      if (kind === 'group') continue;
      for (const flag of MENU_FLAGS[kind]) {
        if (identity.has(flag)) continue;
        assert.ok(
          clauses.some((c) => c.kinds.includes(kind) && c.flags.includes(flag)),
          `"${kind}+${flag}" is produced but no menu reads it`,
        );
      }
    }
  });

  const shown = (value: string) =>
    clauses
      .filter((c) => c.regex.test(value))
      .map((c) => c.command)
      .sort();

  it('a pausing cloud shows Pause/Resume and never Stop/Start; other clouds the reverse', () => {
    const running = contextValue('pod', podMenuFlags(pod('running'), pausing));
    assert.ok(shown(running).includes('gpuPods.pausePod'));
    assert.ok(!shown(running).includes('gpuPods.stopPod'));
    assert.ok(!shown(running).includes('gpuPods.restartPod'), 'Yotta has no restart');
    const stopped = contextValue('pod', podMenuFlags(pod('stopped'), pausing));
    assert.ok(shown(stopped).includes('gpuPods.resumePod'));
    assert.ok(!shown(stopped).includes('gpuPods.startPod'));
    const other = contextValue('pod', podMenuFlags(pod('running'), withPorts));
    assert.ok(shown(other).includes('gpuPods.stopPod'));
    assert.ok(shown(other).includes('gpuPods.restartPod'));
    assert.ok(!shown(other).includes('gpuPods.pausePod'));
    assert.ok(shown(other).includes('gpuPods.managePorts'));
  });

  it('a delete-only cloud offers no stop, but terminate, SSH and Jupyter on a running pod', () => {
    const menu = shown(contextValue('pod', podMenuFlags(pod('running'), deleteOnly)));
    assert.ok(!menu.includes('gpuPods.stopPod') && !menu.includes('gpuPods.pausePod'));
    for (const command of ['gpuPods.terminatePod', 'gpuPods.connectRemoteSsh', 'gpuPods.openJupyter'])
      assert.ok(menu.includes(command), `${command} in ${menu.join(', ')}`);
  });

  it('a stopped (paused) pod of a cloud that can start it offers Connect, Open SSH Terminal and Open Jupyter, which start it first; Copy SSH Command and Copy Jupyter URL wait for a running pod', () => {
    for (const c of [pausing, withPorts]) {
      const menu = shown(contextValue('pod', podMenuFlags(pod('stopped'), c)));
      for (const command of ['connectRemoteSsh', 'connectRemoteSshCurrentWindow', 'openSshTerminal', 'openJupyter'])
        assert.ok(menu.includes(`gpuPods.${command}`), `${command} in ${menu.join(', ')}`);
      for (const command of ['copySshCommand', 'copyJupyterUrl'])
        assert.ok(!menu.includes(`gpuPods.${command}`), `${command} offered on a stopped pod`);
    }
    const busy = shown(contextValue('pod', podMenuFlags(pod('stopped', { pending: true }), withPorts)));
    assert.ok(!busy.includes('gpuPods.connectRemoteSsh'), 'not while an operation is pending');
    const cannotStart = shown(contextValue('pod', podMenuFlags(pod('stopped'), deleteOnly)));
    assert.ok(!cannotStart.includes('gpuPods.connectRemoteSsh'), 'not where the cloud cannot start pods');
    assert.ok(!cannotStart.includes('gpuPods.openJupyter'));
  });

  it('Stop When GPUs Are Idle… is offered on a running pod of a cloud that stops or pauses, never where only delete exists', () => {
    assert.ok(shown(contextValue('pod', podMenuFlags(pod('running'), pausing))).includes('gpuPods.stopWhenIdle'));
    assert.ok(!shown(contextValue('pod', podMenuFlags(pod('running'), deleteOnly))).includes('gpuPods.stopWhenIdle'));
    assert.ok(!shown(contextValue('pod', podMenuFlags(pod('stopped'), pausing))).includes('gpuPods.stopWhenIdle'));
    const withRule = shown(contextValue('pod', podMenuFlags(pod('stopped'), pausing, false, true)));
    assert.ok(withRule.includes('gpuPods.clearIdleRule'), 'a rule can be cleared whatever the state');
    assert.ok(!shown(contextValue('pod', podMenuFlags(pod('running'), pausing))).includes('gpuPods.clearIdleRule'));
  });

  it('a pod with an operation pending offers no lifecycle action and no port edit', () => {
    const menu = shown(contextValue('pod', podMenuFlags(pod('running', { pending: true }), withPorts)));
    for (const command of ['stopPod', 'restartPod', 'terminatePod', 'managePorts'])
      assert.ok(!menu.includes(`gpuPods.${command}`), `${command} offered while pending`);
  });

  it('the account menu offers Create VM and Notify When Available from capabilities, not cloud names', () => {
    const account = (c: Capabilities | undefined) =>
      shown(contextValue('account', accountMenuFlags({ ok: true, hasOptions: false, capabilities: c })));
    assert.ok(account(pausing).includes('gpuPods.createVm'));
    assert.ok(!account(pausing).includes('gpuPods.notifyWhenAvailable'));
    assert.ok(account(deleteOnly).includes('gpuPods.notifyWhenAvailable'));
    assert.ok(!account(deleteOnly).includes('gpuPods.createVm'));
    assert.ok(!account(undefined).includes('gpuPods.createVm'), 'not before the cloud is known');
  });

  it('Save Image… shows on a running or stopped pod of a cloud that saves images, never while pending or elsewhere', () => {
    const menu = (p: Pod, c: Capabilities) => shown(contextValue('pod', podMenuFlags(p, c)));
    assert.ok(menu(pod('running'), withPorts).includes('gpuPods.saveImage'));
    assert.ok(menu(pod('stopped'), withPorts).includes('gpuPods.saveImage'));
    assert.ok(!menu(pod('provisioning'), withPorts).includes('gpuPods.saveImage'));
    assert.ok(!menu(pod('running', { pending: true }), withPorts).includes('gpuPods.saveImage'));
    assert.ok(!menu(pod('running'), pausing).includes('gpuPods.saveImage'), 'not on a cloud without image saves');
  });

  it('Manage Registry Credentials… shows on the account of a cloud that keeps them, from its capabilities', () => {
    const account = (c: Capabilities | undefined) =>
      shown(contextValue('account', accountMenuFlags({ ok: true, hasOptions: false, capabilities: c })));
    assert.ok(account(withPorts).includes('gpuPods.manageRegistryCredentials'));
    assert.ok(!account(deleteOnly).includes('gpuPods.manageRegistryCredentials'));
    assert.ok(!account(undefined).includes('gpuPods.manageRegistryCredentials'), 'not before the cloud is known');
  });

  it('a volume being deleted, or mounted, shows no Delete; the palette asks the same rule', () => {
    const menu = (v: Volume) => shown(contextValue('volume', volumeMenuFlags(v)));
    assert.ok(!menu(volume('deleting')).includes('gpuPods.deleteVolume'));
    assert.ok(!menu(volume('active', 1)).includes('gpuPods.deleteVolume'));
    assert.ok(menu(volume('active')).includes('gpuPods.deleteVolume'));
    assert.ok(menu(volume('active')).includes('gpuPods.resizeVolume'));
  });

  it('a VM row carries its own state rule: no Terminate while it boots', () => {
    const booting = shown(contextValue('vm', vmMenuFlags(pod('provisioning', { kind: 'vm' }), pausing)));
    assert.ok(booting.includes('gpuPods.renameVm'));
    assert.ok(!booting.includes('gpuPods.terminateVm'));
    assert.ok(
      shown(contextValue('vm', vmMenuFlags(pod('running', { kind: 'vm' }), pausing))).includes('gpuPods.terminateVm'),
    );
  });

  it('builds `kind+flags` with the set flags sorted, so clauses can rely on the order', () => {
    const flags: MenuFlags<'pod'> = { ssh: true, canStop: true, running: true, pauses: false };
    assert.equal(contextValue('pod', flags), 'pod+canStop+running+ssh');
  });
});
