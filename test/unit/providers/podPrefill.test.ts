// Create Pod Like This…: per cloud, what a pod's own answer lets GPU Pods read back (prefill.ts), the wizard's
// answers it gives (the form's answersLike), and a copy made through the wizard against the cloud's simulator
// by accepting every suggestion, compared with the pod it copies.
import * as assert from 'node:assert/strict';
import type { CreateContext } from '../../../src/core/createForm';
import type { PodPrefill } from '../../../src/core/podPrefill';
import type { Provider } from '../../../src/core/provider';
import { gpuGeekAnswersLike } from '../../../src/providers/gpugeek/form/podLike';
import { gpuGeekPrefill } from '../../../src/providers/gpugeek/prefill';
import { neevAnswersLike } from '../../../src/providers/neevcloud/form/podLike';
import { novitaAnswersLike } from '../../../src/providers/novita/form/podLike';
import { podAnswersLike } from '../../../src/providers/yotta/form/podLike';
import { neevPrefill } from '../../../src/providers/neevcloud/prefill';
import { novitaPrefill } from '../../../src/providers/novita/prefill';
import { DEFAULT_IMAGE } from '../../../src/providers/yotta/formInput';
import { yottaPrefill } from '../../../src/providers/yotta/prefill';
import { runWizard } from '../../../src/ui/wizard';
import { startGpuGeek } from '../../simulator/gpugeek/testing';
import { startNeevCloud } from '../../simulator/neevcloud/testing';
import { startNovitaHarness } from '../../simulator/novita/harness';
import { startYotta } from '../../simulator/yotta/harness';
import { AutoInput } from '../../support/autoInput';

const GIB = 1024 ** 3;
const ctx: CreateContext = { jupyterPassword: 'jp-like', sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIlike me' };

/** The suggestion of a provider's form for its pod, then the wizard answered by accepting every suggestion. */
async function copyByAcceptingEverything(provider: Provider, podId: string) {
  const prefill = await provider.podPrefill!(podId);
  assert.ok(prefill, 'the pod was read back');
  const form = provider.createForm();
  const suggested = form.answersLike!(prefill);
  const ui = new AutoInput();
  const answers = await runWizard(ui, form, ctx, { title: 'Create', confirmLabel: 'Create pod', suggested });
  assert.ok(answers, 'the wizard reached its summary and was confirmed');
  assert.ok(
    ui.asked.some((q) => q.id === 'summary'),
    'the summary was reached',
  );
  return { prefill, suggested, ui, pod: await form.create(answers, ctx) };
}

/** The placeholder of a list, or the prompt of an input box, as the step showed it (where its note is said). */
const shownNote = (ui: AutoInput, id: string) => {
  const q = ui.asked.find((x) => x.id === id);
  return q?.kind === 'input' ? q.prompt : q?.placeholder;
};

describe('Create Pod Like This: what each cloud reads back, and the answers it gives', () => {
  it('Yotta: GPU type and count, image with its registry, ports; disk size, volumes and the credential are said to be unreadable', () => {
    const prefill = yottaPrefill(
      {
        id: '362740422811062272',
        name: 'trainer',
        gpuType: 'NVIDIA_H100_80GB_HBM3_80G',
        gpuCount: 2,
        image: 'team/trainer:3',
        imageRegistry: 'https://ghcr.io/v2/',
        expose: [
          { port: 22, protocol: 'SSH', proxyPort: 30022 },
          { port: 8888, protocol: 'HTTP' },
          { port: 7000, protocol: 'TCP' },
        ],
      },
      'v2',
    );
    assert.deepEqual(prefill, {
      gpu: { id: 'NVIDIA_H100_80GB_HBM3_80G', count: 2 },
      region: undefined,
      image: 'ghcr.io/team/trainer:3',
      ports: [
        { port: 22, protocol: 'ssh' },
        { port: 8888, protocol: 'http' },
        { port: 7000, protocol: 'tcp' },
      ],
    });
    const { answers, notes } = podAnswersLike(prefill, false);
    assert.deepEqual(answers, {
      gpu: 'NVIDIA_H100_80GB_HBM3_80G',
      gpuCount: 2,
      image: 'ghcr.io/team/trainer:3',
      ports: ['22/SSH', '8888/HTTP'],
      customPorts: '7000/tcp',
    });
    assert.deepEqual(Object.keys(notes).sort(), ['containerDisk', 'registryAuth', 'volume']);
  });

  it('Novita: product, count, cluster, image, root and local disk, ports (Jupyter apart) and network storages', () => {
    const prefill = novitaPrefill({
      id: 'i-1',
      productId: 'prod-4090',
      gpuNum: 2,
      clusterId: 'cl-us',
      imageUrl: 'nvcr.io/nvidia/pytorch:24.05-py3',
      rootfsSize: 60,
      portMappings: [
        { port: 8080, type: 'tcp' },
        { port: 8081, type: 'http' },
        { port: 8888, type: 'http' },
      ],
      volumeMounts: [
        { type: 'local', size: 120, id: '', mountPath: '/workspace' },
        { type: 'network', id: 'ns-1', mountPath: '/network_0' },
      ],
    });
    assert.deepEqual(prefill.disks, { systemGb: 60, dataGb: 120 });
    assert.deepEqual(prefill.volumes, [{ id: 'ns-1', mountPath: '/network_0' }]);
    assert.deepEqual(novitaAnswersLike(prefill), {
      answers: {
        productId: 'prod-4090',
        gpuNum: 2,
        clusterId: 'cl-us',
        image: 'nvcr.io/nvidia/pytorch:24.05-py3',
        rootfsSize: 60,
        diskSize: 120,
        jupyter: true,
        ports: '8080/tcp,8081/http',
        networkStorages: ['ns-1'],
      },
      notes: {},
    });
  });

  it('Novita: environment variables come back with their values, except those named like secrets, which refer to a kept secret and are said not to be copied', () => {
    const prefill = novitaPrefill({
      id: 'i-1',
      productId: 'prod-4090',
      envs: [
        { key: 'WANDB_PROJECT', value: 'demo' },
        { key: 'HF_TOKEN', value: 'hf_live_value' },
        { key: 'bad name', value: 'x' },
      ],
    });
    const { answers, notes } = novitaAnswersLike(prefill);
    assert.deepEqual(answers.env, {
      vars: [
        { name: 'WANDB_PROJECT', value: 'demo' },
        { name: 'HF_TOKEN', secret: 'hf-token' },
      ],
    });
    assert.ok(!JSON.stringify(answers).includes('hf_live_value'), 'the read-back secret value is in no answer');
    assert.match(notes.env, /not copied/);
  });

  it('GPUGeek: disks from bytes, HTTP ports from their hosts; TCP ports are said to be unreadable', () => {
    const prefill = gpuGeekPrefill({
      instanceId: '1',
      gpuName: 'G40-24G',
      gpuNum: 2,
      imageId: 'img-7',
      dcId: 'dc-2',
      skuName: 'payg',
      systemDiskSize: 50 * GIB,
      dataDiskSize: 200 * GIB,
      customServices: ['http://203.0.113.9:40022'],
      httpServices: ['https://123-http-8099.northwest1.gpugeek.com:8443'],
    });
    assert.deepEqual(prefill, {
      gpu: { id: 'G40-24G', count: 2 },
      region: 'dc-2',
      image: 'img-7',
      disks: { systemGb: 50, dataGb: 200 },
      ports: [{ port: 8099, protocol: 'http' }],
      unreadablePorts: ['tcp'],
      billing: 'payg',
    });
    const { answers, notes } = gpuGeekAnswersLike(prefill);
    assert.equal(answers.httpPorts, '8099');
    assert.equal(answers.tcpPorts, undefined, 'not guessed');
    assert.deepEqual(Object.keys(notes), ['tcpPorts']);
  });

  it('NeevCloud: config, count, region and template; the plan is said to be unreadable', () => {
    const prefill = neevPrefill({
      id: 'rt-1',
      name: 'runner',
      status: 'Running',
      region: 'in-mum-1',
      gpu_config: { config_id: 'cfg-h100', gpu_model: 'H100' },
      gpu_count: 4,
      template_id: 'tpl-jupyter',
    });
    assert.deepEqual(prefill, { gpu: { id: 'cfg-h100', count: 4 }, region: 'in-mum-1', image: 'tpl-jupyter' });
    assert.deepEqual(neevAnswersLike(prefill), {
      answers: { gpu: { configId: 'cfg-h100' }, count: 4, region: 'in-mum-1', template: 'tpl-jupyter' },
      notes: { plan: 'Plan not readable from this runtime.' },
    });
  });
});

describe('Create Pod Like This through the wizard, accepting every suggestion, against each simulator', () => {
  it('Yotta: the create asks for the same GPU, count, image and ports; the disk step says it could not be read', async () => {
    const h = await startYotta();
    try {
      const id = h.control.addPod({
        name: 'source',
        gpuType: 'NVIDIA_A100_80G',
        gpuCount: 2,
        expose: [
          { port: 22, protocol: 'SSH' },
          { port: 8888, protocol: 'HTTP' },
          { port: 7000, protocol: 'TCP' },
        ],
      });
      const source = h.control.pod(id)!;
      const { pod, ui, suggested } = await copyByAcceptingEverything(h.provider(), id);
      const copy = h.control.pod(pod.id)!;
      assert.equal(copy.gpuType, source.gpuType);
      assert.equal(copy.gpuCount, 2);
      assert.equal(copy.image, source.image);
      assert.deepEqual(copy.expose, source.expose);
      assert.notEqual(source.image, DEFAULT_IMAGE);
      assert.match(shownNote(ui, 'containerDisk') ?? '', /^Disk size not readable from this pod/);
      assert.equal(suggested.notes.volume, 'Volumes not readable from this pod.');
      assert.equal(suggested.notes.registryAuth, 'Registry credential not readable from this pod.');
    } finally {
      await h.stop();
    }
  });

  it('Novita: the create body carries the same product, count, image, disks, ports, Jupyter and storage', async () => {
    const h = await startNovitaHarness(0.02);
    try {
      const storage = h.control.seedStorage({ storageName: 'datasets', clusterId: 'cl-us' });
      const id = h.control.seedInstance({
        name: 'source',
        productId: 'prod-4090',
        clusterId: 'cl-us',
        gpuNum: 2,
        rootfsSize: 60,
        diskSize: 120,
        imageUrl: 'nvcr.io/nvidia/pytorch:24.05-py3',
        ports: [
          { port: 8080, type: 'tcp' },
          { port: 8081, type: 'http' },
        ],
        jupyter: true,
        networkStorages: [{ id: storage, mountPoint: '/network_0' }],
      });
      const source = h.control.instance(id)!;
      const { pod, suggested } = await copyByAcceptingEverything(h.provider(), id);
      const copy = h.control.instance(pod.id)!;
      for (const key of ['productId', 'clusterId', 'gpuNum', 'rootfsSize', 'diskSize', 'imageUrl', 'jupyter'] as const)
        assert.deepEqual(copy[key], source[key], key);
      assert.deepEqual(copy.ports, source.ports);
      assert.deepEqual(
        copy.networkStorages.map((n) => n.id),
        [storage],
      );
      assert.deepEqual(suggested.notes, {}, 'everything the wizard asks could be read back');
    } finally {
      await h.stop();
    }
  });

  it('GPUGeek: the same GPU, count, image, datacenter, billing, disks and HTTP ports; the TCP step says why it is empty', async () => {
    const h = await startGpuGeek();
    try {
      const seeded = h.control.seed({
        name: 'source',
        gpuName: 'G40-24G',
        gpuNum: 2,
        systemDiskSize: 50 * GIB,
        dataDiskSize: 200 * GIB,
        tcpPorts: [6006],
        httpPorts: [8099],
      });
      const { pod, ui } = await copyByAcceptingEverything(h.provider(), seeded.id);
      const list = await h.provider().podPrefill!(pod.id);
      assert.deepEqual(
        { ...list, unreadablePorts: undefined } as PodPrefill,
        {
          gpu: { id: 'G40-24G', count: 2 },
          region: seeded.dcId,
          image: seeded.imageId,
          disks: { systemGb: 50, dataGb: 200 },
          ports: [{ port: 8099, protocol: 'http' }],
          unreadablePorts: undefined,
          billing: seeded.skuName,
        },
        'the copy reads back as the source did',
      );
      assert.match(shownNote(ui, 'tcpPorts') ?? '', /^TCP ports not readable from this pod/);
    } finally {
      await h.sim.stop();
    }
  });

  it('NeevCloud: the same config, count, region and template; the plan step says it could not be read', async () => {
    const h = await startNeevCloud();
    try {
      const id = h.control.seedRuntime({ name: 'source', gpuCount: 2 });
      const source = h.control.runtime(id)!;
      const { pod, ui } = await copyByAcceptingEverything(h.provider(), id);
      const copy = h.control.runtime(pod.id)!;
      for (const key of ['configId', 'gpuCount', 'region', 'templateId'] as const)
        assert.deepEqual(copy[key], source[key], key);
      assert.match(shownNote(ui, 'plan') ?? '', /^Plan not readable from this runtime/);
    } finally {
      await h.sim.stop();
    }
  });
});
