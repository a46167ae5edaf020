import { assertSummaryLeadsToSteps } from './summaryLinks';
import * as assert from 'node:assert/strict';
import type { Answers, CreateForm, FormField, PickField, TextField } from '../../../src/core/createForm';
import { CloudError } from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { DEFAULT_IMAGE } from '../../../src/providers/novita/form/catalog';
import { type NovitaHarness, startNovitaHarness, waitFor } from '../../simulator/novita/harness';

const ctx = { jupyterPassword: 'jp-secret' };

function field<T extends FormField>(form: CreateForm<Pod>, id: string): T {
  const f = form.fields.find((x) => x.id === id);
  assert.ok(f, `field ${id}`);
  return f as T;
}

function answers(extra: Answers = {}): Answers {
  return {
    productId: 'prod-4090',
    gpuNum: 2,
    clusterId: '',
    image: DEFAULT_IMAGE,
    rootfsSize: '50',
    diskSize: '100',
    jupyter: true,
    ports: '8080/tcp,8081/http',
    networkStorages: [],
    name: 'my-pod',
    ...extra,
  };
}

/** Loads the product step as the wizard would, so the form knows the products. */
async function loaded(h: NovitaHarness): Promise<CreateForm<Pod>> {
  const form = h.provider().createForm();
  await field<PickField>(form, 'productId').options({});
  return form;
}

const creates = (h: NovitaHarness) => h.sim.requestsFor('novita', 'POST', '/gpu/instance/create');

describe('Novita provider: create form against the simulator', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('offers products by price with stock; sold-out ones are visible but not pickable', async () => {
    const form = h.provider().createForm();
    const opts = await field<PickField>(form, 'productId').options({});
    assert.deepEqual(
      opts.map((o) => o.label),
      ['RTX 3090 24GB', 'RTX 4090 24GB', 'A100 SXM 80GB', 'H100 SXM 80GB'],
    );
    assert.equal(opts[0].disabledReason, 'sold out');
    assert.equal(opts[0].description, '24 GB VRAM · $0.21/GPU·h', 'sold out is said once, as the reason');
    assert.equal(opts[1].disabledReason, undefined);
    assert.equal(opts[1].description, '24 GB VRAM · $0.35/GPU·h · spot $0.18/GPU·h · stock: high');
    assert.match(opts[2].description!, /\$1\.39\/GPU·h/); // price sent as a string
  });

  it('GPU count 1..8 with the price for each count', async () => {
    const form = await loaded(h);
    const opts = await field<PickField>(form, 'gpuNum').options({ productId: 'prod-4090' });
    assert.deepEqual(
      opts.map((o) => o.value),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.equal(opts[1].description, '$0.70/h · spot $0.36/h');
  });

  it('clusters where the product is offered; not enough free GPUs disables them with a reason', async () => {
    const form = await loaded(h);
    const cluster = field<PickField>(form, 'clusterId');
    const one = await cluster.options({ productId: 'prod-h100', gpuNum: 1 });
    assert.deepEqual(
      one.map((o) => o.label),
      ['Any cluster', 'US-CA-01'],
    );
    assert.ok(one.every((o) => !o.disabledReason));
    const four = await cluster.options({ productId: 'prod-h100', gpuNum: 4 });
    assert.ok(four.every((o) => o.disabledReason === 'sold out for 4 GPU(s)'));
    assert.match(h.sim.requestsFor('novita', 'GET', '/products').at(-1)!.query, /gpuNum=4/);
  });

  it('image step: PyTorch by default, official and private templates, custom image checked', async () => {
    const form = await loaded(h);
    const image = field<PickField>(form, 'image');
    const opts = await image.options({});
    assert.equal(opts[0].value, DEFAULT_IMAGE);
    assert.ok(opts[0].picked);
    assert.deepEqual(
      opts.slice(1).map((o) => o.value),
      ['template:tpl-1', 'template:tpl-3'],
    );
    assert.equal(image.allowCustom?.validate?.('bad image', {}), 'The image URL may not contain spaces.');
    assert.equal(image.allowCustom?.validate?.('x'.repeat(501), {}), 'The image URL may be at most 500 characters.');
    assert.equal(image.allowCustom?.validate?.('nvcr.io/nvidia/pytorch:24.05-py3', {}), undefined);
  });

  it('disks within the product limits', async () => {
    const form = await loaded(h);
    const root = field<TextField>(form, 'rootfsSize');
    const a = { productId: 'prod-h100' };
    assert.equal(root.initial?.(a), '50');
    assert.match(root.validate!('20', a)!, /between 50 and 1000/);
    assert.equal(root.validate!('60', a), undefined);
    assert.match(field<TextField>(form, 'diskSize').validate!('5000', a)!, /between 0 and 2000/);
  });

  it('ports: reserved 2222–2224 refused, Jupyter’s 8888 taken, at most 15 with tools', async () => {
    const form = await loaded(h);
    const ports = field<TextField>(form, 'ports');
    assert.match(ports.validate!('8080/tcp,2223/http', {})!, /reserved/);
    assert.match(ports.validate!('8888/http', {})!, /used by Jupyter/);
    assert.equal(ports.validate!('8888/http', { jupyter: false }), undefined);
    const fourteen = Array.from({ length: 14 }, (_x, i) => `${9000 + i}/tcp`).join(',');
    assert.equal(ports.validate!(fourteen, {}), undefined);
    assert.match(ports.validate!(`${fourteen},9100`, {})!, /At most 15/);
    assert.equal(ports.validate!(`${fourteen},9100`, { jupyter: false }), undefined);
    assert.match(ports.validate!('80/ftp', {})!, /not a port/);
    const jupyter = await field<PickField>(form, 'jupyter').options({});
    assert.equal(jupyter.find((o) => o.picked)?.value, true);
  });

  it('summary shows the hourly price before anything is created', async () => {
    const form = await loaded(h);
    const lines = await form.summarize(answers(), ctx);
    const price = lines.find((l) => l.label === 'Price');
    assert.equal(price?.value, '$0.70/h (2 × $0.35/GPU·h)');
    assertSummaryLeadsToSteps(form, lines, {
      GPU: 'productId',
      Billing: 'billingMode',
      Region: 'clusterId',
      Image: 'image',
      'Root disk': 'rootfsSize',
      'Local disk': 'diskSize',
      Ports: 'ports',
      Jupyter: 'jupyter',
      'Network storage': 'networkStorages',
      Name: 'name',
    });
    assert.equal(creates(h).length, 0);
  });

  it('creates with one POST (ports string, Jupyter tool, storage mounts) and the pod comes up', async () => {
    const form = await loaded(h);
    const storages = await field<PickField>(form, 'networkStorages').options({ clusterId: 'cl-us' });
    assert.deepEqual(
      storages.map((o) => o.value),
      ['ns-0001'],
    );
    const pod = await form.create(answers({ networkStorages: ['ns-0001'], clusterId: 'cl-us' }), ctx);
    assert.equal(creates(h).length, 1);
    assert.equal(pod.name, 'my-pod');
    assert.equal(pod.status, 'provisioning');
    const inst = h.control.instance(pod.id)!;
    assert.deepEqual(inst.ports, [
      { port: 8080, type: 'tcp' },
      { port: 8081, type: 'http' },
    ]);
    assert.ok(inst.jupyter);
    assert.deepEqual(inst.networkStorages, [{ id: 'ns-0001', mountPoint: '/network_0' }]);
    assert.equal(inst.rootfsSize, 50);
    const up = (await waitFor(h.provider(), pod.id, 'running'))!;
    assert.equal(up.ssh?.password, `pw-${pod.id.slice(-6)}`);
    assert.ok(up.jupyter?.token);
    // in use now: cannot be deleted
    await assert.rejects(
      h.provider().volumes!.delete('ns-0001'),
      (e: unknown) => e instanceof CloudError && e.code === 'NETWORK_STORAGE_IN_USE',
    );
  });

  it('a template brings its image and ports', async () => {
    const form = await loaded(h);
    await field<PickField>(form, 'image').options({});
    const a = answers({ image: 'template:tpl-3' });
    assert.equal(field<TextField>(form, 'ports').initial?.(a), '8188/tcp');
    assert.equal(field<TextField>(form, 'rootfsSize').initial?.(a), '80');
    const pod = await form.create({ ...a, ports: '8188/tcp' }, ctx);
    assert.equal(h.control.instance(pod.id)?.imageUrl, 'ghcr.io/me/comfy:1');
  });

  it('never retries a create that got HTTP 500: exactly one POST', async () => {
    h.sim.addFault({
      cloud: 'novita',
      method: 'POST',
      path: '/gpu/instance/create',
      status: 500,
      body: { code: 500, reason: 'UNKNOWN', message: 'internal error' },
    });
    const form = await loaded(h);
    await assert.rejects(form.create(answers(), ctx), (e: unknown) => e instanceof CloudError && e.httpStatus === 500);
    assert.equal(creates(h).length, 1);
  });

  for (const reason of ['INSUFFICIENT_RESOURCE', 'BALANCE_NOT_ENOUGH', 'CREATE_INSTANCE_LIMIT']) {
    it(`${reason} on demand → CloudError with the code and the cloud’s message`, async () => {
      h.control.failNextCreate(reason, `cloud says ${reason.toLowerCase()}`);
      const form = await loaded(h);
      await assert.rejects(form.create(answers(), ctx), (e: unknown) => {
        assert.ok(e instanceof CloudError);
        assert.equal(e.code, reason);
        assert.match(e.message, new RegExp(`cloud says ${reason.toLowerCase()}`));
        return true;
      });
      assert.equal(creates(h).length, 1);
    });
  }

  it('a product that vanished after the pick gives the cloud’s reason and leaves the answers alone', async () => {
    const form = await loaded(h);
    const a = answers({ productId: 'prod-h100', gpuNum: 1, rootfsSize: '60' });
    const before = structuredClone(a);
    h.control.removeProduct('prod-h100');
    const summary = await form.summarize(a, ctx);
    assert.match(summary.find((l) => l.label === 'Warning')!.value, /no longer listed/);
    await assert.rejects(form.create(a, ctx), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.code, 'RESOURCE_NOT_FOUND');
      assert.match(e.message, /product prod-h100 not found/);
      return true;
    });
    assert.deepEqual(a, before);
  });

  it('sold out between pick and create → INSUFFICIENT_RESOURCE', async () => {
    const form = await loaded(h);
    h.control.markSoldOut('prod-4090');
    await assert.rejects(
      form.create(answers(), ctx),
      (e: unknown) => e instanceof CloudError && e.code === 'INSUFFICIENT_RESOURCE',
    );
  });

  it('the cloud refuses reserved ports with VALIDATOR_PARAM', async () => {
    const body = {
      name: 'x',
      productId: 'prod-4090',
      gpuNum: 1,
      rootfsSize: 30,
      diskSize: 0,
      imageUrl: DEFAULT_IMAGE,
      ports: '2222/tcp',
      command: '',
      kind: 'gpu' as const,
    };
    await assert.rejects(
      h.api().createInstance(body),
      (e: unknown) => e instanceof CloudError && e.code === 'VALIDATOR_PARAM' && /reserved/.test(e.message),
    );
    await assert.rejects(h.api().createInstance({ ...body, ports: '', rootfsSize: 5 }), /rootfsSize/);
  });
  it('spot is offered beside on demand with both prices for the count; a GPU without spot says so', async () => {
    const form = await loaded(h);
    const billing = field<PickField>(form, 'billingMode');
    const spot = await billing.options({ productId: 'prod-4090', gpuNum: 2 });
    assert.deepEqual(
      spot.map((o) => `${o.label} | ${o.description} | ${o.disabledReason ?? ''}`),
      ['On demand | $0.70/h | ', 'Spot | $0.36/h | '],
    );
    assert.equal(spot.find((o) => o.picked)?.value, 'onDemand', 'on demand unless spot is asked for');
    assert.match(spot[1].detail!, /reclaim the pod at any time/);
    const none = await billing.options({ productId: 'prod-a100', gpuNum: 1 });
    assert.equal(none[1].disabledReason, 'spot is not offered for this GPU');
  });

  it('a spot pod: the summary says the spot price, what on demand would cost and that it can be reclaimed; the create carries billingMode', async () => {
    const form = await loaded(h);
    const a = answers({ billingMode: 'spot' });
    const lines = await form.summarize(a, ctx);
    assert.equal(lines.find((l) => l.label === 'Price')?.value, '$0.36/h (2 × $0.18/GPU·h)');
    assert.equal(
      lines.find((l) => l.label === 'Billing')?.value,
      'spot — instead of $0.70/h on demand; Novita can reclaim the pod at any time (GPU Pods warns you as soon as Novita announces it)',
    );
    assert.match(h.sim.requestsFor('novita', 'GET', '/products').at(-1)!.query, /billingMethod=spot/);
    const pod = await form.create(a, ctx);
    assert.equal((h.control.state.createBodies[0] as { billingMode?: string }).billingMode, 'spot');
    assert.equal(h.control.instance(pod.id)?.billingMode, 'spot');
    const listed = (await h.provider().listPods()).find((p) => p.id === pod.id)!;
    assert.deepEqual(listed.spot, { reclaimNotice: false });
    assert.equal(listed.pricePerHour, 0.36);
  });

  it('on demand by default: the create says billingMode onDemand and the summary says what that means', async () => {
    const form = await loaded(h);
    const lines = await form.summarize(answers(), ctx);
    assert.equal(lines.find((l) => l.label === 'Billing')?.value, 'on demand — runs until you stop or delete it');
    await form.create(answers(), ctx);
    assert.equal((h.control.state.createBodies[0] as { billingMode?: string }).billingMode, 'onDemand');
  });
});
