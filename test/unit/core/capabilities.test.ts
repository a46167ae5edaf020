import * as assert from 'node:assert/strict';
import {
  allowsPorts,
  capabilitiesOf,
  endpointAllows,
  jupyterPossible,
  volumeAllows,
} from '../../../src/core/capabilities';
import type { Endpoint, Pod, PodStatus, Volume } from '../../../src/core/model';
import { actionsOf, type Provider } from '../../../src/core/provider';

const unused = () => Promise.reject(new Error('not called'));

/** A provider with only the pod operations; each test adds the operations it is about. */
function provider(extra: Partial<Provider> = {}): Provider {
  return {
    cloud: 'novita',
    facts: { stopWord: 'stop', terminateWord: 'delete', sshAuth: 'password', jupyter: false },
    podActions: actionsOf({ stop: 'stop', terminate: 'delete' }),
    allows: (_action, pod) => pod.status === 'running',
    listPods: unused,
    getPod: unused,
    podAction: unused,
    findPodsByName: unused,
    createForm: () => {
      throw new Error('not called');
    },
    listOffers: unused,
    ...extra,
  };
}

const pod = (status: PodStatus, more: Partial<Pod> = {}): Pod =>
  ({
    cloud: 'novita',
    id: 'p1',
    name: 'p',
    kind: 'pod',
    status,
    rawStatus: status,
    ports: [],
    details: [],
    ...more,
  }) as Pod;

describe('capabilitiesOf: what a cloud can do is read from the operations its provider implements', () => {
  it('a provider with pod operations only has no volumes, endpoints, VMs, ports, utilisation or alerts', () => {
    const c = capabilitiesOf(provider());
    assert.deepEqual(
      [c.volumes, c.endpoints, c.vms, c.ports, c.utilisation, c.gpuMetrics, c.alerts],
      [false, false, false, false, false, false, false],
    );
    assert.deepEqual([...c.podActions].sort(), ['stop', 'terminate']);
  });

  it('each optional operation turns its capability on, with nothing else to declare', () => {
    const c = capabilitiesOf(
      provider({
        volumes: { list: unused, createForm: () => ({}) as never, rename: unused, resize: unused, delete: unused },
        endpoints: { list: unused, start: unused, stop: unused },
        ports: { max: 3, set: unused },
        utilisation: unused,
        gpuReadings: unused,
        alerts: { register: unused },
        vms: {
          list: unused,
          get: unused,
          createForm: () => ({}) as never,
          rename: unused,
          terminate: unused,
          allows: (action) => action === 'rename',
        },
      }),
    );
    assert.deepEqual(
      [c.volumes, c.endpoints, c.vms, c.ports, c.utilisation, c.gpuMetrics, c.alerts],
      [true, true, true, true, true, true, true],
    );
    assert.equal(c.allowsVm('rename', pod('running', { kind: 'vm' })), true, "the VM ops' own state rule");
    assert.equal(c.allowsVm('terminate', pod('running', { kind: 'vm' })), false);
  });

  it('carries the declared facts: the typed stop word, never an English label', () => {
    const c = capabilitiesOf(provider({ facts: { ...provider().facts, stopWord: 'pause', terminateWord: 'release' } }));
    assert.equal(c.stopWord, 'pause');
    assert.equal(c.terminateWord, 'release');
    assert.equal(c.sshAuth, 'password');
  });

  it('allows an action only when the cloud carries it out, the state allows it and nothing is pending', () => {
    const c = capabilitiesOf(provider());
    assert.equal(c.allows('stop', pod('running')), true);
    assert.equal(c.allows('restart', pod('running')), false, 'not in podActions, whatever the state rule says');
    assert.equal(c.allows('stop', pod('stopped')), false, 'the state rule says no');
    assert.equal(c.allows('stop', pod('running', { pending: true })), false, 'an operation is pending');
    assert.equal(capabilitiesOf(provider()).allowsVm('rename', pod('running', { kind: 'vm' })), false, 'no VMs');
  });

  it('ports can be changed on a running or stopped pod with nothing pending, on a cloud that edits ports', () => {
    const withPorts = capabilitiesOf(provider({ ports: { max: 3, set: unused } }));
    assert.equal(allowsPorts(withPorts, pod('running')), true);
    assert.equal(allowsPorts(withPorts, pod('stopped')), true);
    assert.equal(allowsPorts(withPorts, pod('provisioning')), false);
    assert.equal(allowsPorts(withPorts, pod('running', { pending: true })), false);
    assert.equal(allowsPorts(capabilitiesOf(provider()), pod('running')), false);
  });

  it('Jupyter is possible on a running pod that names it, or on a cloud that serves it', () => {
    const jupyter = { url: 'http://127.0.0.1:8888/' } as Pod['jupyter'];
    assert.equal(jupyterPossible(capabilitiesOf(provider()), pod('running')), false);
    assert.equal(jupyterPossible(capabilitiesOf(provider()), pod('running', { jupyter })), true);
    assert.equal(jupyterPossible({ jupyter: true }, pod('running')), true);
    assert.equal(jupyterPossible({ jupyter: true }, pod('stopped')), false);
  });
});

describe('volumeAllows and endpointAllows: one state rule for menus and palette pickers', () => {
  const volume = (status: string, mountCount = 0): Volume => ({
    cloud: 'yotta',
    id: 'v',
    name: 'v',
    status,
    mountCount,
  });

  it('a volume being deleted is not offered for delete again (the palette used to offer it)', () => {
    assert.equal(volumeAllows('delete', volume('deleting')), false);
    assert.equal(volumeAllows('delete', volume('active')), true);
    assert.equal(volumeAllows('rename', volume('deleting')), true);
  });

  it('a mounted volume can be neither resized nor deleted; only an active one is resized', () => {
    assert.deepEqual(
      [volumeAllows('resize', volume('active', 1)), volumeAllows('delete', volume('active', 2))],
      [false, false],
    );
    assert.equal(volumeAllows('resize', volume('resizing')), false);
    assert.equal(volumeAllows('resize', volume('active')), true);
  });

  it('an endpoint starts when stopped or failed and stops when running or starting', () => {
    const endpoint = (status: PodStatus): Endpoint => ({
      cloud: 'yotta',
      id: 'e',
      name: 'e',
      status,
      rawStatus: status,
    });
    assert.deepEqual(
      (['stopped', 'failed', 'running', 'provisioning', 'stopping'] as const).map((s) => [
        endpointAllows('start', endpoint(s)),
        endpointAllows('stop', endpoint(s)),
      ]),
      [
        [true, false],
        [true, false],
        [false, true],
        [false, true],
        [false, false],
      ],
    );
  });
});
