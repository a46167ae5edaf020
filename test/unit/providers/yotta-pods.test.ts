import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { Answers } from '../../../src/core/createForm';
import { CloudError } from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { eventually, startYotta, type YottaHarness } from '../../simulator/yotta/harness';

const ctx = { jupyterPassword: 'jp-secret-123' };

function answers(extra: Answers = {}): Answers {
  return {
    gpu: 'NVIDIA_H100_80G',
    gpuCount: 2,
    region: 'us-east-1',
    image: 'yottalabsai/pytorch:2.8.0-py3.11-cuda12.8.1-cudnn-devel-ubuntu22.04-2025050802',
    containerDisk: '80',
    volume: 'none',
    ports: ['22/SSH', '8888/HTTP'],
    customPorts: '',
    env: {
      vars: [
        { name: 'HF_HOME', value: '/workspace/hf' },
        { name: 'DEBUG', value: '1' },
      ],
    },
    name: 'train-1',
    ...extra,
  };
}

describe('Yotta provider: pods (v2) against the simulator', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('creates a pod with one POST, sending Jupyter password, env and exposed ports, and maps it', async () => {
    const p = h.provider();
    const pod = await p.createForm().create(answers(), ctx);
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
    assert.equal(pod.name, 'train-1');
    assert.equal(pod.status, 'provisioning');
    assert.equal(pod.rawStatus, 'INITIALIZING');
    assert.equal(pod.gpuCount, 2);
    assert.equal(pod.gpuName, 'H100');
    assert.equal(pod.vramGb, 80);
    assert.equal(pod.region, undefined, 'a v2 pod answer names no region');
    assert.equal(h.control.pod(pod.id)!.region, 'us-east-1');
    assert.equal(pod.pricePerHour, undefined);
    assert.equal(pod.ssh, undefined, 'not reachable while initializing');
    assert.match(pod.id, /^\d{18,19}$/);
    assert.equal(h.control.jupyterPassword(pod.id), 'jp-secret-123');
    assert.deepEqual(
      pod.ports.map((x) => `${x.port}/${x.protocol}`),
      ['22/ssh', '8888/http'],
    );
  });

  it('goes INITIALIZING → RUNNING with SSH and Jupyter from the backend, then PAUSING → PAUSED → RUNNING, then gone', async () => {
    const p = h.provider();
    const { id } = await p.createForm().create(answers(), ctx);
    const running = await eventually(
      () => p.getPod(id),
      (x) => x?.status === 'running',
    );
    assert.deepEqual(running!.ssh, { host: '127.0.0.1', port: 30022, user: 'root' });
    assert.equal(running!.jupyter?.url, `http://127.0.0.1:38888/${id}/`);
    assert.equal(running!.id, id);
    assert.match(running!.image!, /yottalabsai\/pytorch/);
    assert.ok(running!.createdAt);
    assert.ok(running!.ports.some((p) => p.port === 8888 && p.protocol === 'http'));

    assert.equal(capabilitiesOf(p).allows('stop', running!), true);
    assert.equal(capabilitiesOf(p).allows('start', running!), false);
    await p.podAction(id, 'stop');
    const pausing = await p.getPod(id);
    assert.equal(pausing!.status, 'stopping');
    assert.equal(pausing!.ssh, undefined);
    const paused = await eventually(
      () => p.getPod(id),
      (x) => x?.status === 'stopped',
    );
    assert.equal(paused!.rawStatus, 'PAUSED');
    assert.equal(capabilitiesOf(p).allows('start', paused!), true);
    assert.equal(capabilitiesOf(p).allows('stop', paused!), false);

    await p.podAction(id, 'start');
    assert.equal((await p.getPod(id))!.status, 'provisioning');
    await eventually(
      () => p.getPod(id),
      (x) => x?.status === 'running',
    );

    await p.podAction(id, 'terminate');
    const terminating = await p.getPod(id);
    assert.equal(terminating!.status, 'terminating');
    assert.equal(capabilitiesOf(p).allows('terminate', terminating!), false);
    await eventually(
      () => p.getPod(id),
      (x) => x === undefined,
    );
    assert.deepEqual(await p.listPods(), []);
  });

  it('keeps a 19-digit pod id exact (sent as a bare JSON number beyond 2^53)', async () => {
    const id = '9223372036854775807';
    h.control.addPod({ id, name: 'big' });
    h.control.addPod({ id: '362740422811062273', name: 'other' });
    const text = await (await fetch(`${h.sim.baseUrl('yotta')}/v2/pods`, { headers: { 'X-Api-Key': 'k' } })).text();
    assert.ok(text.includes('"id":9223372036854775807,'), 'the simulator sends the id as a bare number');
    const pods = await h.provider().listPods();
    assert.deepEqual(pods.map((x) => x.id).sort(), ['362740422811062273', '9223372036854775807']);
    const got = await h.provider().getPod(id);
    assert.equal(got?.id, '9223372036854775807');
    await h.provider().podAction(id, 'stop');
    assert.equal(h.control.pod(id)?.status, 'PAUSING');
  });

  it('lists all pods in one request and finds pods by exact name', async () => {
    h.control.seed({ pods: 500 });
    h.control.addPod({ name: 'needle' });
    h.sim.requests.length = 0;
    const p = h.provider();
    assert.equal((await p.listPods()).length, 501);
    assert.equal(h.sim.requests.length, 1);
    const found = await p.findPodsByName('needle');
    assert.equal(found.length, 1);
    assert.equal(found[0].name, 'needle');
    assert.deepEqual(await p.findPodsByName('need'), []);
  });

  it('shows a pod that turned FAILED as failed, saying that the API gives no reason and where to look', async () => {
    const id = h.control.addPod({ name: 'doomed' });
    h.control.failPod(id, 'Image pull failed: manifest unknown');
    const pod = await h.provider().getPod(id);
    assert.equal(pod?.status, 'failed');
    assert.match(pod!.statusReason!, /no reason through its API.*Yotta console/);
    assert.equal(capabilitiesOf(h.provider()).allows('terminate', pod!), true);
  });

  it('refuses a GPU count that is not a power of two with the cloud code 10001 and its reason', async () => {
    const err = await h
      .provider()
      .createForm()
      .create(answers({ gpuCount: 3 }), ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, '10001');
    assert.match(err.message, /power of 2/);
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
  });

  it('refuses an unknown gpuType with 10001', async () => {
    const err = await h
      .provider()
      .createForm()
      .create(answers({ gpu: 'NVIDIA_FAKE_1G' }), ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, '10001');
    assert.match(err.message, /NVIDIA_FAKE_1G/);
  });

  it('says clearly when the GPU is sold out in the region', async () => {
    h.control.setSoldOut('NVIDIA_H100_80G', 'us-east-1');
    const err = await h
      .provider()
      .createForm()
      .create(answers(), ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.match(err.message, /^Yotta Labs refused to create the pod: .*sold out in us-east-1 \(code 10001\)\.$/);
  });

  it('passes on a forced create failure (balance) with the cloud message', async () => {
    h.control.failNextCreate(10002, 'Insufficient balance, please top up');
    const err = await h
      .provider()
      .createForm()
      .create(answers(), ctx)
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, '10002');
    assert.match(err.message, /Insufficient balance, please top up/);
  });

  it('refuses pausing a pod that is not running (12001) and resuming one that is not paused', async () => {
    const id = h.control.addPod({ status: 'PAUSED' });
    const e1 = await h
      .provider()
      .podAction(id, 'stop')
      .catch((e: unknown) => e);
    assert.ok(e1 instanceof CloudError);
    assert.equal(e1.code, '12001');
    const id2 = h.control.addPod();
    const e2 = await h
      .provider()
      .podAction(id2, 'start')
      .catch((e: unknown) => e);
    assert.ok(e2 instanceof CloudError);
    assert.equal(e2.code, '12001');
  });

  it('has no restart action', async () => {
    const p = h.provider();
    const caps = capabilitiesOf(p);
    assert.deepEqual([...caps.podActions].sort(), ['start', 'stop', 'terminate']);
    assert.equal(caps.stopWord, 'pause', 'the menu says Pause/Resume');
    assert.equal(caps.allows('restart', { status: 'running' } as Pod), false, 'no menu offers a restart');
    assert.equal(caps.sshAuth, 'createKey', 'the key goes with the create request');
    assert.deepEqual([caps.volumes, caps.endpoints, caps.vms], [true, true, true]);
    await assert.rejects(p.podAction('1', 'restart'));
  });
});
