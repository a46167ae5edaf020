import { assertSummaryLeadsToSteps } from './summaryLinks';
import * as assert from 'node:assert/strict';
import type { CreateContext, PickField, PickOption, TextField } from '../../../src/core/createForm';
import { CloudError, CloudRefusal, ConfigError, NotFoundError } from '../../../src/core/errors';
import { isGpuChoice, type NeevGpuChoice } from '../../../src/providers/neevcloud/form/gpuChoice';
import type { FakePodBackend } from '../../simulator/backend';
import type { SimInventoryItem } from '../../simulator/neevcloud';
import { eventually, startNeevCloud, type NeevCloudHarness } from '../../simulator/neevcloud/testing';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9rZXktZm9yLXRlc3Rz user@laptop';
const ctx: CreateContext = { jupyterPassword: 'pw', sshPublicKey: KEY };

describe('NeevCloud provider: catalogue, alerts and create', () => {
  let h: NeevCloudHarness;
  before(async () => (h = await startNeevCloud()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const field = <T>(id: string) =>
    h
      .provider()
      .createForm()
      .fields.find((f) => f.id === id) as T;

  it('offers: one per config with its regions, prices per GPU-hour, sold-out visible, VM items left out', async () => {
    const offers = await h.provider().listOffers();
    assert.deepEqual(offers.map((o) => o.id).sort(), [
      'gpu-a100-80g-12cpu-90g',
      'gpu-h100-80g-20cpu-125g',
      'gpu-h200-141g-24cpu-200g',
      'gpu-l40s-48g-8cpu-64g',
    ]);
    const h100 = offers.find((o) => o.id === 'gpu-h100-80g-20cpu-125g')!;
    assert.equal(h100.pricePerGpuHour, 1.99);
    assert.equal(h100.vramGb, 80);
    assert.equal(h100.gpuName, 'H100');
    assert.equal(h100.minCount, 1);
    assert.equal(h100.maxCount, 8);
    const a100 = offers.find((o) => o.id === 'gpu-a100-80g-12cpu-90g')!;
    assert.deepEqual(
      a100.regions.map((r) => r.id),
      ['as-south-1', 'eu-west-1'],
    );
    const l40s = offers.find((o) => o.id === 'gpu-l40s-48g-8cpu-64g')!;
    assert.equal(l40s.available, false);
    assert.equal(l40s.stock, 'sold out');
    const q = new URLSearchParams(h.sim.requestsFor('neevcloud', 'GET')[0].query);
    assert.equal(q.get('type'), 'GPU');
  });

  it('reads every inventory page', async () => {
    const base = h.control.state.inventory[0];
    for (let i = 0; i < 120; i++)
      h.control.state.inventory.push({ ...base, config_id: `gpu-extra-${i}` } as SimInventoryItem);
    const offers = await h.provider().listOffers();
    assert.equal(offers.length, 124);
    assert.equal(h.sim.requestsFor('neevcloud', 'GET', '/inventory/api/v1beta1/inventory').length, 2);
  });

  it('GPU config detail', async () => {
    const api = h.api();
    const c = await api.getGpuConfig('gpu-h200-141g-24cpu-200g');
    assert.deepEqual(
      [c.config_id, c.gpu_model, c.vram_gib, c.price_per_gpu_per_hour],
      ['gpu-h200-141g-24cpu-200g', 'H200', 141, 2.99],
    );
    await assert.rejects(api.getGpuConfig('gpu-nope'), NotFoundError);
  });

  it('templates: list and get', async () => {
    const api = h.api();
    const list = await api.listTemplates();
    assert.ok(list.some((t) => t.id === 'tpl-jupyterlab-pytorch'));
    assert.equal((await api.getTemplate('tpl-vllm-server')).name, 'vLLM server');
    await assert.rejects(api.getTemplate('tpl-missing'), NotFoundError);
  });

  it('availability alerts: register, duplicate, refused region', async () => {
    const alerts = h.provider().alerts!;
    assert.equal(await alerts.register('as-south-1', 'gpu-l40s-48g-8cpu-64g'), 'registered');
    assert.deepEqual(
      h.control.alerts().map((a) => [a.region_id, a.config_id, a.status]),
      [['as-south-1', 'gpu-l40s-48g-8cpu-64g', 'pending']],
    );
    assert.equal(await alerts.register('as-south-1', 'gpu-l40s-48g-8cpu-64g'), 'alreadyRegistered');
    assert.equal(h.control.alerts().length, 1);
    await assert.rejects(
      alerts.register('mars-1', 'gpu-l40s-48g-8cpu-64g'),
      (e: unknown) => e instanceof CloudRefusal && /not offered in this region/.test(e.message),
    );
  });

  it('GPU step: cheapest first, sold-out configs disabled with config and region in the value', async () => {
    const options = (await field<PickField>('gpu').options({})) as PickOption<NeevGpuChoice>[];
    assert.equal(options[0].value.configId, 'gpu-a100-80g-12cpu-90g');
    assert.match(options[0].description ?? '', /\$1\.29\/GPU·h/);
    const sold = options.find((o) => o.value.configId === 'gpu-l40s-48g-8cpu-64g')!;
    assert.match(sold.disabledReason ?? '', /sold out/);
    assert.equal(sold.value.regionId, 'as-south-1');
    assert.ok(isGpuChoice(sold.value));
    assert.ok(options.every((o) => !o.value.configId.startsWith('vm-')));
  });

  it('region, count, template, plan and name steps', async () => {
    const form = h.provider().createForm();
    const [gpu, region, count, template, plan, name] = form.fields as [
      PickField,
      PickField,
      PickField,
      PickField,
      TextField,
      TextField,
    ];
    const gpus = (await gpu.options({})) as PickOption<NeevGpuChoice>[];
    const a100 = gpus.find((o) => o.value.configId === 'gpu-a100-80g-12cpu-90g')!.value;
    const h200 = gpus.find((o) => o.value.configId === 'gpu-h200-141g-24cpu-200g')!.value;
    assert.equal(region.skip, undefined, 'asked for every GPU, so the step counter never jumps');
    assert.deepEqual(
      (await region.options({ gpu: h200 })).map((r) => r.value),
      ['as-south-1'],
    );
    const regions = await region.options({ gpu: a100 });
    assert.deepEqual(
      regions.map((r) => r.value),
      ['as-south-1', 'eu-west-1'],
    );
    assert.equal(regions.find((r) => r.picked)?.value, 'eu-west-1', 'the region with most free GPUs is preselected');
    const counts = await count.options({ gpu: h200 });
    assert.deepEqual(
      counts.map((c) => c.value),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.equal(counts[1].disabledReason, undefined);
    assert.match(counts[2].disabledReason ?? '', /only 2 free/);
    assert.equal(counts[1].description, '$5.98/h');
    const templates = await template.options({});
    assert.equal(templates.find((t) => t.picked)?.value, 'tpl-jupyterlab-pytorch');
    assert.equal(plan.id, 'plan');
    assert.equal(
      plan.initial?.({ gpu: h200 }),
      'gpu-h200-on-demand-1h',
      "the CLI example's plan naming for the chosen GPU",
    );
    assert.equal(plan.validate?.('gpu-h200-on-demand-1h', {}), undefined);
    assert.ok(plan.validate?.('', {}));
    assert.ok(plan.validate?.('gpu"h200', {}));
    assert.equal(name.validate?.('my-runtime', {}), undefined);
    assert.ok(name.validate?.('My Runtime!', {}));
    assert.ok(NAME_OK(name.initial?.({ gpu: h200 }) ?? ''));
  });

  it('summary shows the price; create POSTs once with the public key and comes up reachable', async () => {
    const p = h.provider();
    const form = p.createForm();
    const gpus = (await (form.fields[0] as PickField).options({})) as PickOption<NeevGpuChoice>[];
    const answers = {
      gpu: gpus.find((o) => o.value.configId === 'gpu-h100-80g-20cpu-125g')!.value,
      count: 2,
      template: 'tpl-jupyterlab-pytorch',
      plan: 'gpu-h100-on-demand-1h',
      name: 'train-me',
    };
    const summary = await form.summarize(answers, ctx);
    assert.equal(summary.find((l) => l.label === 'Price')?.value, '$3.98/h (2 × $1.99/GPU·h)');
    assert.equal(summary.find((l) => l.label === 'Template')?.value, 'JupyterLab + PyTorch');
    assert.equal(summary.find((l) => l.label === 'Plan')?.value, 'gpu-h100-on-demand-1h');
    assertSummaryLeadsToSteps(form, summary, {
      GPU: 'gpu',
      Region: 'region',
      Template: 'template',
      Plan: 'plan',
      Name: 'name',
    });
    assert.equal(h.sim.requestsFor('neevcloud', 'POST').length, 0, 'a summary creates nothing');

    const pod = await form.create(answers, ctx);
    assert.equal(pod.name, 'train-me');
    assert.equal(pod.status, 'provisioning');
    assert.equal(pod.pricePerHour, 3.98);
    assert.deepEqual(h.control.createBodies, [
      {
        name: 'train-me',
        region: 'as-south-1',
        templateID: 'tpl-jupyterlab-pytorch',
        gpuConfigID: 'gpu-h100-80g-20cpu-125g',
        gpuCount: 2,
        planId: 'gpu-h100-on-demand-1h',
        sshKeys: [KEY],
      },
    ]);
    const up = await eventually(
      () => p.getPod(pod.id),
      (x) => x?.status === 'running',
    );
    assert.ok(up?.ssh);
    assert.ok(up?.jupyter?.url.startsWith('http'));
    assert.ok((h.sim.backend as FakePodBackend).keys.includes(KEY));
    assert.equal(h.sim.requestsFor('neevcloud', 'POST').length, 1);
    assert.deepEqual(
      (await p.findPodsByName('train-me')).map((x) => x.id),
      [pod.id],
    );
  });

  it('a runtime that comes up without SSH/Jupyter fields stays "not reachable yet"', async () => {
    h.control.nextCreateWithoutEndpoints();
    const p = h.provider();
    const pod = await p.createForm().create(answersFor('gpu-h100-80g-20cpu-125g', 'quiet-one'), ctx);
    const up = await eventually(
      () => p.getPod(pod.id),
      (x) => x?.status === 'running',
    );
    assert.equal(up?.ssh, undefined);
    assert.equal(up?.jupyter, undefined);
  });

  it('refuses to create without an SSH public key, before any request', async () => {
    const form = h.provider().createForm();
    await assert.rejects(
      form.create(answersFor('gpu-h100-80g-20cpu-125g', 'nokey'), { jupyterPassword: 'pw' }),
      (e: unknown) => e instanceof ConfigError && /public key/.test(e.message),
    );
    assert.deepEqual(h.sim.requests, []);
  });

  it('a create that fails with 500 is not retried', async () => {
    h.control.failNextCreate();
    await assert.rejects(
      h.provider().createForm().create(answersFor('gpu-h100-80g-20cpu-125g', 'once'), ctx),
      (e: unknown) => {
        assert.ok(e instanceof CloudError);
        assert.ok(!(e instanceof CloudRefusal), 'a 500 leaves the outcome unknown');
        assert.equal(e.code, 'internal');
        assert.equal(e.httpStatus, 500);
        return true;
      },
    );
    assert.equal(h.sim.requestsFor('neevcloud', 'POST').length, 1);
  });

  it('a create the cloud refuses for capacity says so', async () => {
    h.control.setAvailability('gpu-h100-80g-20cpu-125g', 'as-south-1', 0);
    await assert.rejects(
      h.provider().createForm().create(answersFor('gpu-h100-80g-20cpu-125g', 'full'), ctx),
      // A 409 is not documented as "nothing was created": the create command looks the runtime up by name first.
      (e: unknown) =>
        e instanceof CloudError &&
        !(e instanceof CloudRefusal) &&
        e.code === 'insufficient_capacity' &&
        /not enough H100/.test(e.message),
    );
  });
});

const NAME_OK = (s: string) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(s);

function answersFor(configId: string, name: string) {
  const gpu: NeevGpuChoice = { configId, regionId: 'as-south-1', gpuModel: 'H100', available: true };
  return { gpu, count: 1, template: 'tpl-jupyterlab-pytorch', plan: 'gpu-h100-on-demand-1h', name };
}
