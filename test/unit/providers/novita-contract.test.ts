import * as assert from 'node:assert/strict';
import type { PickField } from '../../../src/core/createForm';
import { CloudError, CloudRefusal, UnexpectedResponseError } from '../../../src/core/errors';
import { DEFAULT_IMAGE } from '../../../src/providers/novita/form/catalog';
import { type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

/**
 * Every form Novita documents for an answer is read, and nothing else passes as "empty": a list body
 * that is missing, `null` or in another envelope is an error, because "0 pods" makes the SSH sweep
 * delete the entries of pods that are still running.
 */
describe('Novita provider: the documented answers, and only those', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  const product = {
    id: 'prod-x',
    name: 'L40S 48GB',
    cpuPerGpu: 8,
    memoryPerGpu: 32,
    diskPerGpu: 50,
    availableDeploy: true,
    minRootFS: 10,
    maxRootFS: 500,
    minLocalStorage: 0,
    maxLocalStorage: 1000,
    price: 80000,
    monthlyPrice: [],
    billingMethods: ['onDemand'],
  };
  const serveProducts = (data: unknown[]) =>
    h.sim.addFault({ cloud: 'novita', method: 'GET', path: '/products', status: 200, body: { data } });

  describe('products: regions in every documented form', () => {
    it('an object, as in the reference example, is read as a map keyed by cluster id', async () => {
      serveProducts([{ ...product, regions: { 'cl-eu': 'EU-DE-01' } }]);
      const [offer] = await h.provider().listOffers();
      assert.deepEqual(
        offer.regions.map((r) => r.id),
        ['cl-eu'],
      );
      assert.equal(offer.pricePerGpuHour, 0.8);
    });

    it('an empty object, like an empty array or a missing field, means every cluster', async () => {
      for (const regions of [{}, [], undefined]) {
        h.sim.clearFaults();
        serveProducts([{ ...product, regions }]);
        const [offer] = await h.provider().listOffers();
        assert.equal(offer.regions.length, 3, JSON.stringify(regions));
      }
    });

    it('an array of cluster ids (the SDK schema and the simulator)', async () => {
      serveProducts([{ ...product, regions: ['cl-us', 'cl-as'] }]);
      const [offer] = await h.provider().listOffers();
      assert.deepEqual(offer.regions.map((r) => r.id).sort(), ['cl-as', 'cl-us']);
    });

    it('the create wizard lists the clusters of a product whose regions is an object', async () => {
      serveProducts([{ ...product, regions: { 'cl-us': 'US-CA-01' } }]);
      const form = h.provider().createForm();
      const products = form.fields.find((f) => f.id === 'productId');
      assert.ok(products && products.kind === 'pick');
      assert.deepEqual(
        (await products.options({})).map((o) => o.value),
        ['prod-x'],
      );
      const clusters = form.fields.find((f) => f.id === 'clusterId');
      assert.ok(clusters && clusters.kind === 'pick');
      const options = await clusters.options({ productId: 'prod-x', gpuNum: 1 });
      assert.deepEqual(
        options.map((o) => o.value),
        ['', 'cl-us'],
      );
      assert.ok(options.every((o) => !o.disabledReason));
    });

    it('spotPrice as a string, sizes as strings or numbers', async () => {
      serveProducts([{ ...product, regions: [], spotPrice: '40000' }]);
      assert.equal((await h.provider().listOffers()).length, 1);
      const id = h.control.seedInstance({});
      h.control.overrideFields(id, { volumeMounts: [{ type: 'local', size: '100', id: '', mountPath: '/workspace' }] });
      assert.equal((await h.provider().getPod(id))?.status, 'running');
      h.control.overrideFields(id, { volumeMounts: [{ type: 'local', size: 100, id: '', mountPath: '/workspace' }] });
      assert.equal((await h.provider().getPod(id))?.status, 'running');
    });
  });

  describe('a list that cannot be read is an error, never an empty list', () => {
    const broken: Array<[string, unknown]> = [
      ['an empty body', ''],
      ['null', null],
      ['another envelope', { data: [] }],
      ['instances: null (the reference marks it required, not nullable)', { instances: null, total: 0 }],
      ['a bare array', []],
    ];
    for (const [what, body] of broken) {
      it(`instances: ${what} → UnexpectedResponseError`, async () => {
        h.control.seedInstance({ name: 'still-running' });
        h.sim.addFault({ cloud: 'novita', method: 'GET', path: '/gpu/instances', status: 200, body: body as object });
        await assert.rejects(h.provider().listPods(), UnexpectedResponseError);
        await assert.rejects(h.provider().findPodsByName('still-running'), UnexpectedResponseError);
      });
    }

    it('products, clusters, storage and templates in another envelope → UnexpectedResponseError', async () => {
      h.sim.addFault({ cloud: 'novita', method: 'GET', path: '/clusters', status: 200, body: {} });
      await assert.rejects(h.provider().listOffers(), UnexpectedResponseError);
      h.sim.clearFaults();
      serveProducts(undefined as unknown as unknown[]);
      await assert.rejects(h.provider().listOffers(), UnexpectedResponseError);
      h.sim.clearFaults();
      h.sim.addFault({
        cloud: 'novita',
        method: 'GET',
        path: '/networkstorages/list',
        status: 200,
        body: { storages: [] },
      });
      await assert.rejects(h.provider().volumes!.list(), UnexpectedResponseError);
      h.sim.clearFaults();
      h.sim.addFault({ cloud: 'novita', method: 'GET', path: '/templates', status: 200, body: '' });
      await assert.rejects(h.api().listTemplates('official'), UnexpectedResponseError);
    });

    it('a documented empty answer is still an empty list: no instances, storage `data: null`', async () => {
      assert.deepEqual(await h.provider().listPods(), []);
      h.sim.addFault({
        cloud: 'novita',
        method: 'GET',
        path: '/networkstorages/list',
        status: 200,
        body: { data: null, total: 0 },
      });
      assert.deepEqual(await h.provider().volumes!.list(), []);
    });

    it('an empty page before the announced total is an error', async () => {
      for (let i = 0; i < 60; i++) h.control.seedInstance({ name: `pod-${i}` });
      h.sim.addFault({
        cloud: 'novita',
        method: 'GET',
        path: '/gpu/instances',
        status: 200,
        body: { instances: [], total: 60 },
      });
      await assert.rejects(h.provider().listPods(), UnexpectedResponseError);
    });
  });

  describe('paging: a server cap below our page size does not cut lists short', () => {
    it('instances', async () => {
      for (let i = 0; i < 23; i++) h.control.seedInstance({ name: `pod-${i}` });
      h.control.setPageCap(7);
      assert.equal((await h.provider().listPods()).length, 23);
      assert.equal(h.sim.requestsFor('novita', 'GET', '/gpu/instances').length, 4);
    });

    it('network storage', async () => {
      for (let i = 0; i < 12; i++) h.control.seedStorage({ storageName: `s-${i}` });
      h.control.setPageCap(5);
      assert.equal((await h.provider().volumes!.list()).length, 13);
    });

    it('templates (every page, not only the first)', async () => {
      for (let i = 0; i < 9; i++) {
        h.control.seedTemplate({
          id: `tpl-p${i}`,
          name: `mine-${i}`,
          channel: 'private',
          image: `me/img:${i}`,
          startCommand: '',
          rootfsSize: 20,
          ports: [],
        });
      }
      h.control.setPageCap(4);
      const mine = await h.api().listTemplates('private');
      assert.equal(mine.length, 10);
      assert.ok(mine.every((t) => t.id.startsWith('tpl-')));
    });
  });

  describe('templates', () => {
    it('private templates are asked for with isMyCommunity=true, official ones with false', async () => {
      const image = h
        .provider()
        .createForm()
        .fields.find((f) => f.id === 'image') as PickField;
      const names = (await image.options({})).map((o) => o.label);
      assert.ok(names.includes('my-comfy'), names.join(', '));
      const queries = h.sim.requestsFor('novita', 'GET', '/templates').map((r) => new URLSearchParams(r.query));
      assert.deepEqual(queries.map((q) => `${q.get('channel')}:${q.get('isMyCommunity')}`).sort(), [
        'official:false',
        'private:true',
      ]);
    });

    it('the reference spells the id `Id`; a lower-case `id` is read too', async () => {
      const t = {
        name: 'n',
        type: 'instance',
        channel: 'official',
        image: 'img',
        startCommand: '',
        rootfsSize: 10,
        ports: [{ type: 'http', ports: [7860] }],
      };
      h.sim.addFault({
        cloud: 'novita',
        method: 'GET',
        path: '/templates',
        status: 200,
        body: {
          template: [
            { ...t, Id: '100' },
            { ...t, id: '101' },
          ],
          total: 2,
        },
      });
      assert.deepEqual(
        (await h.api().listTemplates('official')).map((x) => x.id),
        ['100', '101'],
      );
      h.sim.clearFaults();
      h.sim.addFault({
        cloud: 'novita',
        method: 'GET',
        path: '/template',
        status: 200,
        body: { template: { ...t, Id: '212', ports: [{ type: 'tcp', ports: {} }] } },
      });
      assert.equal((await h.api().getTemplate('212')).id, '212');
    });
  });

  describe('network storage create answer', () => {
    it('a bare string answer (the documented form) is not trusted as the record: the storage is found by name', async () => {
      const form = h.provider().volumes!.createForm();
      const vol = await form.create({ clusterId: 'cl-us', sizeGb: 50, name: 'fresh' }, { jupyterPassword: '' });
      assert.equal(vol.name, 'fresh');
      assert.match(vol.id, /^ns-/);
      assert.equal(vol.sizeGb, 50);
    });
  });

  describe('create outcome: only documented refusals say "nothing was created"', () => {
    const body = {
      name: 'x',
      productId: 'prod-4090',
      gpuNum: 1,
      rootfsSize: 30,
      diskSize: 0,
      imageUrl: DEFAULT_IMAGE,
      ports: '',
      command: '',
      kind: 'gpu' as const,
    };

    for (const reason of ['BALANCE_NOT_ENOUGH', 'INSUFFICIENT_RESOURCE', 'VALIDATOR_PARAM', 'CREATE_INSTANCE_LIMIT']) {
      it(`${reason} (400) → CloudRefusal with the cloud's code`, async () => {
        h.control.failNextCreate(reason, `cloud says ${reason.toLowerCase()}`);
        await assert.rejects(
          h.api().createInstance(body),
          (e: unknown) => e instanceof CloudRefusal && e.code === reason && /cloud says/.test(e.message),
        );
      });
    }

    it('a refusal the simulator derives itself (reserved port) is a CloudRefusal too', async () => {
      await assert.rejects(h.api().createInstance({ ...body, ports: '2222/tcp' }), CloudRefusal);
    });

    const open: Array<[string, () => void]> = [
      [
        'UNKNOWN 500',
        () =>
          h.sim.addFault({
            cloud: 'novita',
            method: 'POST',
            path: '/gpu/instance/create',
            status: 500,
            body: { code: 500, reason: 'UNKNOWN', message: 'internal error' },
          }),
      ],
      ['an undocumented name', () => h.control.failNextCreate('SCHEDULER_TIMEOUT', 'took too long')],
      ['a documented name on a 5xx', () => h.control.failNextCreate('INSUFFICIENT_RESOURCE', 'busy', 503)],
    ];
    for (const [what, arrange] of open) {
      it(`${what} → a plain error (outcome unknown), never a CloudRefusal`, async () => {
        arrange();
        await assert.rejects(
          h.api().createInstance(body),
          (e: unknown) => e instanceof CloudError && !(e instanceof CloudRefusal),
        );
        assert.equal(h.sim.requestsFor('novita', 'POST', '/gpu/instance/create').length, 1);
      });
    }

    it('a 200 whose body is not the documented {id} is an error, not a refusal', async () => {
      h.sim.addFault({ cloud: 'novita', method: 'POST', path: '/gpu/instance/create', status: 200, body: {} });
      await assert.rejects(h.api().createInstance(body), (e: unknown) => e instanceof UnexpectedResponseError);
    });
  });
});
