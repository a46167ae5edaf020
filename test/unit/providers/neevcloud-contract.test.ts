import * as assert from 'node:assert/strict';
import type { PickField, TextField } from '../../../src/core/createForm';
import { AuthError, CloudError, CloudRefusal, UnexpectedResponseError } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/logger';
import type { NeevGpuChoice } from '../../../src/providers/neevcloud/form/gpuChoice';
import { startNeevCloud, type NeevCloudHarness } from '../../simulator/neevcloud/testing';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9rZXktZm9yLXRlc3Rz user@laptop';
const ctx = { jupyterPassword: 'pw', sshPublicKey: KEY };
const H100: NeevGpuChoice = {
  configId: 'gpu-h100-80g-20cpu-125g',
  regionId: 'as-south-1',
  gpuModel: 'H100',
  available: true,
};
const answers = (name: string, plan = 'gpu-h100-on-demand-1h') => ({
  gpu: H100,
  count: 1,
  template: 'tpl-jupyterlab-pytorch',
  plan,
  name,
});

const RUNTIMES = /^\/gpu\/api\/v1beta1\/orgs\/[^/]+\/projects\/[^/]+\/airuntimes\/?$/;
const RUNTIME = /^\/gpu\/api\/v1beta1\/orgs\/[^/]+\/projects\/[^/]+\/airuntimes\/[^/]+$/;
const TEMPLATES = /^\/gpu\/api\/v1beta1\/airuntime-templates\/?$/;
const INVENTORY = /^\/inventory\/api\/v1beta1\/inventory\/?$/;
const PAGINATION = (pages: number, items: number) => ({
  current_page: 1,
  total_pages: pages,
  total_items: items,
  items_per_page: 100,
});

/** A runtime as the list documents it (required fields only), plus what a test adds. */
function runtime(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '7b0c6a3e-1111-4c4c-8888-000000000001',
    name: 'alt',
    region: 'as-south-1',
    project: 'proj-sim-21c9',
    status: 'Running',
    gpuConfig: { config_id: 'gpu-h100-80g-20cpu-125g', gpu_model: 'H100', vram_gib: 80, price_per_gpu_per_hour: 1.99 },
    gpuCount: 1,
    ...extra,
  };
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return { warnings, trace: none, debug: none, info: none, warn: (m: string) => void warnings.push(m), error: none };
}

describe('NeevCloud contract: documented alternatives, broken bodies, findings of issue #12/#13', () => {
  let h: NeevCloudHarness;
  before(async () => (h = await startNeevCloud()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const serve = (method: string, path: RegExp, body: unknown, times = 1) =>
    h.sim.addFault({ cloud: 'neevcloud', method, path, status: 200, body, times });

  describe('delete answered 404 (not documented as "already gone")', () => {
    it('while the runtime is still listed: an error that says it may still bill, never "deleted"', async () => {
      const id = h.control.seedRuntime({ name: 'still-here' });
      h.sim.addFault({
        cloud: 'neevcloud',
        method: 'DELETE',
        path: RUNTIME,
        status: 404,
        body: { code: 'not_found', message: 'not found' },
        times: 1,
      });
      await assert.rejects(h.provider().podAction(id, 'terminate'), (e: unknown) => {
        assert.ok(e instanceof CloudError);
        assert.ok(!(e instanceof CloudRefusal));
        assert.match(e.message, /still lists it; it may still be billing/);
        return true;
      });
      assert.equal(h.control.runtime(id)?.status, 'Running');
    });

    it('when the runtime list cannot be read either: an error, never "deleted"', async () => {
      const id = h.control.seedRuntime({ name: 'unknown-fate' });
      h.sim.addFault({
        cloud: 'neevcloud',
        method: 'DELETE',
        path: RUNTIME,
        status: 404,
        body: { code: 'not_found', message: 'not found' },
        times: 1,
      });
      serve('GET', RUNTIMES, { data: null });
      await assert.rejects(h.provider().podAction(id, 'terminate'), UnexpectedResponseError);
    });

    it('for a runtime the list no longer has: already gone, which is what the user asked for', async () => {
      await h.provider().podAction('7b0c6a3e-1111-4c4c-8888-00000000dead', 'terminate');
      assert.equal(h.sim.requestsFor('neevcloud', 'DELETE').length, 1);
      assert.equal(h.sim.requestsFor('neevcloud', 'GET').length, 1, 'the list was asked before saying so');
    });
  });

  describe('templates', () => {
    it('a template without a name (optional in the reference) is listed under its id; an unreadable one is skipped and logged', async () => {
      serve('GET', TEMPLATES, {
        data: [
          { id: 'tpl-nameless', description: 'no name', templateSpec: {}, ownerOrgId: null },
          { name: 'no id at all', description: '', templateSpec: {}, ownerOrgId: null },
          { id: 'tpl-named', name: 'Named', description: 'ok', templateSpec: {}, ownerOrgId: 'org-1' },
        ],
        pagination: PAGINATION(1, 3),
      });
      const logger = recordingLogger();
      const list = await h.api({ deps: { logger } }).listTemplates();
      assert.deepEqual(
        list.map((t) => [t.id, t.name]),
        [
          ['tpl-nameless', undefined],
          ['tpl-named', 'Named'],
        ],
      );
      assert.equal(logger.warnings.length, 1);
      assert.match(logger.warnings[0], /skipped runtime template 1 .*id/);
    });

    it('the wizard labels a nameless template with its id', async () => {
      serve('GET', TEMPLATES, { data: [{ id: 'tpl-nameless', description: 'd', templateSpec: {}, ownerOrgId: null }] });
      const template = h
        .provider()
        .createForm()
        .fields.find((f) => f.id === 'template') as PickField;
      const options = await template.options({});
      assert.deepEqual(
        options.map((o) => [o.label, o.value]),
        [['tpl-nameless', 'tpl-nameless']],
      );
    });

    it('listing sends only documented parameters: no page, no limit', async () => {
      await h.api().listTemplates();
      const [req] = h.sim.requestsFor('neevcloud', 'GET', '/gpu/api/v1beta1/airuntime-templates');
      assert.equal(req.query, '');
    });

    it('a catalogue that says it has more pages is logged, not silently cut', async () => {
      serve('GET', TEMPLATES, {
        data: [{ id: 'tpl-a', description: '', templateSpec: {}, ownerOrgId: null }],
        pagination: PAGINATION(2, 150),
      });
      const logger = recordingLogger();
      assert.equal((await h.api({ deps: { logger } }).listTemplates()).length, 1);
      assert.match(logger.warnings.join(' '), /2 pages but no documented way/);
    });
  });

  describe('paging with fetchAllPages', () => {
    it('an empty page of runtimes before the stated end is an error, never a shorter list', async () => {
      serve('GET', RUNTIMES, { data: [runtime()], pagination: PAGINATION(3, 3) });
      serve('GET', RUNTIMES, { data: [], pagination: { ...PAGINATION(3, 3), current_page: 2 } });
      await assert.rejects(
        h.provider().listPods(),
        (e: unknown) => e instanceof UnexpectedResponseError && /empty page 2 of AI runtimes/.test(e.message),
      );
    });

    it('a runtime that moves to the next page while paging is listed once', async () => {
      const a = runtime({ id: '7b0c6a3e-1111-4c4c-8888-00000000000a', name: 'a' });
      const b = runtime({ id: '7b0c6a3e-1111-4c4c-8888-00000000000b', name: 'b' });
      serve('GET', RUNTIMES, { data: [a], pagination: PAGINATION(2, 2) });
      serve('GET', RUNTIMES, { data: [a, b], pagination: { ...PAGINATION(2, 2), current_page: 2 } });
      assert.deepEqual(
        (await h.provider().listPods()).map((p) => p.name),
        ['a', 'b'],
      );
    });

    it('a list without pagination ends at a page shorter than asked', async () => {
      serve('GET', INVENTORY, {
        data: [{ config_id: 'gpu-x', gpu_model: 'X1', region: 'as-south-1', price_per_gpu_per_hour: 1 }],
      });
      const offers = await h.provider().listOffers();
      assert.deepEqual(
        offers.map((o) => o.id),
        ['gpu-x'],
      );
      assert.equal(h.sim.requestsFor('neevcloud', 'GET', '/inventory/').length, 1);
    });
  });

  describe('create outcome (issue #13): only a documented refusal reopens the wizard', () => {
    const create = (name: string, plan?: string) => h.provider().createForm().create(answers(name, plan), ctx);

    it('400 invalid_argument (a plan the account cannot use) is a CloudRefusal: nothing was created', async () => {
      await assert.rejects(create('refused', 'gpu-b200-on-demand-1h'), (e: unknown) => {
        assert.ok(e instanceof CloudRefusal, String(e));
        assert.equal(e.code, 'invalid_argument');
        assert.match(e.message, /plan gpu-b200-on-demand-1h is not available/);
        return true;
      });
      assert.equal(h.control.state.runtimes.length, 0);
    });

    for (const [what, fault] of [
      ['500 internal', { status: 500, body: { code: 'internal', message: 'internal error' } }],
      ['409 (undocumented)', { status: 409, body: { code: 'insufficient_capacity', message: 'no GPUs' } }],
      ['404 (undocumented)', { status: 404, body: { code: 'not_found', message: 'project not found' } }],
      ['400 without the documented code', { status: 400, body: { message: 'bad request' } }],
      ['429', { status: 429, body: { code: 'rate_limited', message: 'slow down' } }],
      ['an unreadable answer', { mode: 'malformed' as const }],
      ['a lost answer', { mode: 'dropAfter' as const }],
    ] as const) {
      it(`${what} is not a refusal: the outcome stays unknown`, async () => {
        h.sim.addFault({ cloud: 'neevcloud', method: 'POST', path: RUNTIMES, times: 1, ...fault });
        await assert.rejects(create(`unknown-${String(fault.status ?? fault.mode).toLowerCase()}`), (e: unknown) => {
          assert.ok(e instanceof Error);
          assert.ok(!(e instanceof CloudRefusal), `${what} must not reopen the wizard: ${String(e)}`);
          return true;
        });
        assert.equal(h.sim.requestsFor('neevcloud', 'POST').length, 1, 'never retried');
      });
    }

    it('401 is an AuthError, not a refusal', async () => {
      h.sim.addFault({
        cloud: 'neevcloud',
        method: 'POST',
        path: RUNTIMES,
        status: 401,
        body: { code: 'unauthorized', message: 'invalid or expired token' },
        times: 1,
      });
      await assert.rejects(create('auth'), (e: unknown) => e instanceof AuthError && !(e instanceof CloudRefusal));
    });

    it('the create answer carries only the id (CLI `create -o json | jq .id`): the runtime is fetched by it', async () => {
      const id = h.control.seedRuntime({ name: 'by-id' });
      h.sim.addFault({ cloud: 'neevcloud', method: 'POST', path: RUNTIMES, status: 201, body: { id }, times: 1 });
      const pod = await create('by-id');
      assert.equal(pod.id, id);
      assert.equal(pod.name, 'by-id');
    });

    it('the plan step cannot be left empty and its answer is sent as planId', async () => {
      const plan = h
        .provider()
        .createForm()
        .fields.find((f) => f.id === 'plan') as TextField;
      assert.ok(plan.validate?.('  ', {}));
      await create('planned', 'gpu-h100-on-demand-1h');
      assert.equal((h.control.createBodies[0] as { planId: string }).planId, 'gpu-h100-on-demand-1h');
    });
  });

  describe('documented alternatives and unpublished spellings', () => {
    const get = (body: unknown) => {
      serve('GET', RUNTIME, body);
      return h.provider().getPod('7b0c6a3e-1111-4c4c-8888-000000000001');
    };

    it('SSH as top-level ssh_host / ssh_port / ssh_user', async () => {
      const pod = await get(runtime({ ssh_host: 'gpu-7.neev.example', ssh_port: 30122, ssh_user: 'ubuntu' }));
      assert.deepEqual(pod?.ssh, { host: 'gpu-7.neev.example', port: 30122, user: 'ubuntu' });
    });

    it('SSH as a command under endpoints, Jupyter as jupyterUrl with a separate token', async () => {
      const pod = await get(
        runtime({
          endpoints: { sshCommand: 'ssh -p 30222 root@10.1.2.3' },
          jupyterUrl: 'https://j.neev.example/lab',
          jupyter_token: 't0k',
        }),
      );
      assert.deepEqual(pod?.ssh, { host: '10.1.2.3', port: 30222, user: 'root' });
      assert.deepEqual(pod?.jupyter, { url: 'https://j.neev.example/lab', token: 't0k' });
    });

    it("the simulator's own spelling: endpoints.ssh { host, port, username } and endpoints.jupyter", async () => {
      const pod = await get(
        runtime({
          endpoints: {
            ssh: { host: 'h.example', port: 2222, username: 'root' },
            jupyter: 'https://h.example/?token=abc',
          },
        }),
      );
      assert.deepEqual(pod?.ssh, { host: 'h.example', port: 2222, user: 'root' });
      assert.deepEqual(pod?.jupyter, { url: 'https://h.example/', token: 'abc' });
    });

    it('gpuConfig as a bare config id: GPU count kept, price taken from the inventory', async () => {
      const pod = await get(runtime({ gpuConfig: 'gpu-a100-80g-12cpu-90g', gpuCount: 2 }));
      assert.equal(pod?.pricePerHour, 2.58);
    });

    it('fields the client does not know are ignored', async () => {
      const pod = await get(runtime({ labels: { team: 'ml' }, storage: { type: 'network', size_gib: 100 } }));
      assert.equal(pod?.name, 'alt');
      assert.ok(!('labels' in (pod ?? {})));
    });
  });

  describe('broken list bodies are errors, never an empty list', () => {
    const BROKEN: Array<[string, unknown]> = [
      ['an empty object', {}],
      ['data: null', { data: null }],
      ['data as an object', { data: {} }],
      ['a bare string', 'oops'],
      ['null', null],
    ];
    for (const [what, body] of BROKEN) {
      it(`runtimes, inventory and templates answered with ${what}`, async () => {
        const p = h.provider();
        serve('GET', RUNTIMES, body);
        await assert.rejects(p.listPods(), UnexpectedResponseError);
        serve('GET', INVENTORY, body);
        await assert.rejects(p.listOffers(), UnexpectedResponseError);
        serve('GET', TEMPLATES, body);
        await assert.rejects(h.api().listTemplates(), UnexpectedResponseError);
      });
    }

    it('a runtime list with one unreadable item fails whole (a hidden runtime could be billing)', async () => {
      serve('GET', RUNTIMES, { data: [runtime(), { name: 'no id', status: 'Running' }], pagination: PAGINATION(1, 2) });
      await assert.rejects(
        h.provider().listPods(),
        (e: unknown) => e instanceof UnexpectedResponseError && /data\[1\]\.id/.test(e.message),
      );
    });
  });
});
