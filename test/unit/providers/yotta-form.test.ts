import { assertSummaryLeadsToSteps } from './summaryLinks';
import * as assert from 'node:assert/strict';
import type { Answers, FormField, PickField, TextField } from '../../../src/core/createForm';
import type { EnvField } from '../../../src/core/createForm';
import { validateEnvName } from '../../../src/core/formSteps/envVars';
import { parsePorts } from '../../../src/providers/yotta/formInput';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';

const ctx = { jupyterPassword: 'jp-1' };
const field = (fields: FormField[], id: string) => fields.find((f) => f.id === id)!;
const pick = (fields: FormField[], id: string) => field(fields, id) as PickField;
const text = (fields: FormField[], id: string) => field(fields, id) as TextField;

describe('Yotta provider: create wizard', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('offers GPUs with name and VRAM, sold-out ones disabled with a reason; counts 1/2/4/8', async () => {
    h.control.setSoldOut('NVIDIA_B200_180G');
    const f = h.provider().createForm().fields;
    const gpus = await pick(f, 'gpu').options({});
    const h100 = gpus.find((o) => o.value === 'NVIDIA_H100_80G')!;
    assert.equal(h100.label, 'H100');
    assert.equal(h100.description, '80 GB VRAM · price not published · stock: available in 2 regions');
    assert.match(h100.detail!, /US East 1, US West 1/);
    assert.equal(h100.disabledReason, undefined);
    assert.match(gpus.find((o) => o.value === 'NVIDIA_B200_180G')!.disabledReason!, /sold out/);
    assert.deepEqual(
      (await pick(f, 'gpuCount').options({})).map((o) => o.value),
      [1, 2, 4, 8],
    );
  });

  it('offers only the chosen GPU’s regions; sold-out regions are disabled and not preselected', async () => {
    h.control.setSoldOut('NVIDIA_H100_80G', 'us-east-1');
    const f = h.provider().createForm().fields;
    const regions = await pick(f, 'region').options({ gpu: 'NVIDIA_H100_80G' });
    assert.deepEqual(
      regions.map((r) => r.value),
      ['us-east-1', 'us-west-1'],
    );
    assert.match(regions[0].disabledReason!, /sold out/);
    assert.equal(regions[1].picked, true);
    assert.equal(regions[0].picked, false);
  });

  it('validates image, disk, env, ports and name; defaults are sensible', async () => {
    const f = h.provider().createForm().fields;
    const image = pick(f, 'image');
    const [def] = await image.options({});
    assert.equal(def.value, 'yottalabsai/pytorch:2.8.0-py3.11-cuda12.8.1-cudnn-devel-ubuntu22.04-2025050802');
    assert.equal(def.picked, true);
    assert.equal(image.allowCustom!.validate!('ghcr.io/me/app:1.2', {}), undefined);
    assert.ok(image.allowCustom!.validate!('bad image; rm -rf /', {}));
    assert.ok(image.allowCustom!.validate!('', {}));
    const disk = text(f, 'containerDisk');
    assert.equal(disk.initial!({}), '100');
    assert.ok(disk.validate!('abc', {}));
    assert.ok(disk.validate!('5', {}));
    assert.equal(disk.validate!('200', {}), undefined);
    const ports = await (field(f, 'ports') as PickField).options({});
    assert.deepEqual(
      ports.filter((p) => p.picked).map((p) => p.value),
      ['22/SSH', '8888/HTTP'],
    );
    assert.ok(text(f, 'customPorts').validate!('70000', {}));
    assert.equal(text(f, 'customPorts').validate!('8080/http, 9000', {}), undefined);
    const env = (field(f, 'env') as EnvField).rules;
    assert.ok(validateEnvName('JUPYTER_PASSWORD', env), 'GPU Pods sets it');
    assert.ok(validateEnvName('PUBLIC_KEY', env), 'GPU Pods sets it');
    assert.ok(validateEnvName('1BAD', env));
    assert.equal(validateEnvName('HF_HOME', env), undefined);
    assert.equal(env.command, undefined, 'no start command: it would replace the start script');
    const name = text(f, 'name');
    assert.equal(name.initial!({ gpu: 'NVIDIA_H100_80G', gpuCount: 2 }), 'h100-2x');
    assert.ok(name.validate!('', {}));
    assert.ok(name.validate!('x'.repeat(256), {}));
    assert.equal(name.validate!('x'.repeat(255), {}), undefined);
    assert.deepEqual(parsePorts('8080/http 22/ssh'), {
      ports: [
        { port: 8080, protocol: 'HTTP' },
        { port: 22, protocol: 'SSH' },
      ],
    });
  });

  it('volume step: none, new, or an existing volume (others in another region disabled); size and path only when needed', async () => {
    h.control.addVolume({ name: 'east', region: 'us-east-1' });
    h.control.addVolume({ name: 'west', region: 'us-west-1' });
    const f = h.provider().createForm().fields;
    const opts = await pick(f, 'volume').options({ region: 'us-east-1' });
    assert.deepEqual(
      opts.map((o) => o.label),
      ['None', 'New volume…', 'east', 'west'],
    );
    assert.equal(opts[2].disabledReason, undefined);
    assert.match(opts[3].disabledReason!, /us-west-1/);
    assert.equal(field(f, 'volumeSize').skip!({ volume: 'none' }), true);
    assert.equal(field(f, 'volumeSize').skip!({ volume: 'new' }), false);
    assert.equal(field(f, 'mountPath').skip!({ volume: 'none' }), true);
    assert.ok(text(f, 'mountPath').validate!('relative/path', {}));
    assert.equal(field(f, 'registryAuth').skip!({}), true, 'the default image is public');
    const creds = await pick(f, 'registryAuth').options({ image: 'me/private:1' });
    assert.deepEqual(
      creds.map((c) => c.value),
      [':public', '101'],
    );
  });

  it('summarizes everything without creating, then creates once with Jupyter password, ports and a new volume', async () => {
    const form = h.provider().createForm();
    const a: Answers = {
      gpu: 'NVIDIA_RTX_4090_24G',
      gpuCount: 1,
      region: 'ap-southeast-1',
      image: 'me/private:1',
      registryAuth: '101',
      containerDisk: '60',
      volume: 'new',
      volumeSize: '40',
      mountPath: '/data',
      ports: ['22/SSH', '8888/HTTP'],
      customPorts: '7000/tcp',
      env: { vars: [{ name: 'A', value: '1' }] },
      name: 'full',
    };
    const lines = await form.summarize(a, ctx);
    const get = (label: string) => lines.find((l) => l.label === label)?.value;
    assert.equal(get('GPU'), 'RTX 4090 × 1 (24 GB VRAM each)');
    assert.equal(get('Region'), 'Singapore');
    assert.equal(get('Image'), 'me/private:1');
    assert.equal(get('Container disk'), '60 GB');
    assert.equal(get('Ports'), '22/SSH, 8888/HTTP, 7000/TCP');
    assert.equal(get('Environment'), 'A = 1, JUPYTER_PASSWORD = •••••• (set by GPU Pods for Jupyter)');
    assert.equal(get('Persistent volume'), 'new, 40 GB at /data');
    assert.equal(get('Name'), 'full');
    assertSummaryLeadsToSteps(form, lines, {
      GPU: 'gpu',
      Region: 'region',
      Image: 'image',
      'Container disk': 'containerDisk',
      Ports: 'ports',
      Environment: 'env',
      'Persistent volume': 'volume',
      Name: 'name',
    });
    assert.equal(h.sim.requestsFor('yotta', 'POST').length, 0, 'summarize creates nothing');

    const pod = await form.create(a, ctx);
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
    assert.equal(h.control.jupyterPassword(pod.id), 'jp-1');
    assert.deepEqual(
      pod.ports.map((p) => `${p.port}/${p.protocol}`),
      ['22/ssh', '8888/http', '7000/tcp'],
    );
    const vols = await h.provider().volumes!.list();
    assert.deepEqual(
      vols.map((v) => [v.sizeGb, v.mountCount, v.region]),
      [[40, 1, 'ap-southeast-1']],
    );
  });

  it('after a sold-out refusal the region step shows the new stock (answers kept by the caller)', async () => {
    const form = h.provider().createForm();
    const a: Answers = { gpu: 'NVIDIA_H100_80G', gpuCount: 1, region: 'us-east-1', ports: ['22/SSH'], name: 'retry' };
    assert.equal((await pick(form.fields, 'region').options(a))[0].disabledReason, undefined);
    h.control.setSoldOut('NVIDIA_H100_80G', 'us-east-1');
    await assert.rejects(form.create(a, ctx), /sold out/);
    const regions = await pick(form.fields, 'region').options(a);
    assert.match(regions[0].disabledReason!, /sold out/);
    const pod = await form.create({ ...a, region: 'us-west-1' }, ctx);
    assert.equal(h.control.pod(pod.id)!.region, 'us-west-1', 'placed where asked (a v2 pod answer names no region)');
  });

  it('does not set JUPYTER_PASSWORD when Jupyter is not exposed', async () => {
    const pod = await h
      .provider()
      .createForm()
      .create({ gpu: 'NVIDIA_RTX_4090_24G', gpuCount: 1, region: 'us-east-1', ports: ['22/SSH'], name: 'nojup' }, ctx);
    assert.equal(h.control.jupyterPassword(pod.id), undefined);
  });
});
