import assert from 'node:assert/strict';
import type { Answers, CreateContext } from '../../../src/core/createForm';
import { AuthError, CloudError, CloudRefusal, UnexpectedResponseError } from '../../../src/core/errors';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';

/** Findings from checking the GPUGeek client against the cloud's own page (issues #12 and #13). */
describe('GPUGeek provider: paging and refusals against the spec', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const QUERY = '/api/v1/openapi/instance/query';
  const CREATE = '/api/v1/openapi/instance/create';
  const envelope = (code: number, message: string, data: unknown = {}) => ({ code, message, traceid: 'f00d', data });

  describe('the instance list follows total', () => {
    it('lists every instance when the server caps a page below the client page size', async () => {
      h.control.pageCap = 20;
      for (let i = 0; i < 45; i++) h.control.seed({ name: `pod-${i}` });
      const pods = await h.provider().listPods();
      assert.equal(pods.length, 45, 'no running instance vanishes from the tree');
      assert.equal(new Set(pods.map((p) => p.id)).size, 45);
      const pages = h.sim.requestsFor('gpugeek', 'GET', QUERY).map((r) => new URLSearchParams(r.query).get('pn'));
      assert.deepEqual(pages, ['1', '2', '3']);
    });

    it('an empty page before the stated total is an error, never a shorter list', async () => {
      h.control.seed();
      h.sim.addFault({
        cloud: 'gpugeek',
        path: QUERY,
        status: 200,
        body: envelope(0, 'success', { instances: [], total: 5 }),
        times: 1,
      });
      await assert.rejects(
        h.provider().listPods(),
        (e: unknown) => e instanceof UnexpectedResponseError && /empty page 1/.test(e.message),
      );
    });

    it('finds a pod by name on a later page, and by the name as typed with spaces', async () => {
      h.control.pageCap = 20;
      for (let i = 0; i < 30; i++) h.control.seed({ name: `other-${i}` });
      const target = h.control.seed({ name: 'my-train' });
      const p = h.provider();
      assert.deepEqual(
        (await p.findPodsByName('my-train')).map((x) => x.id),
        [target.id],
      );
      assert.deepEqual(
        (await p.findPodsByName(' my-train ')).map((x) => x.id),
        [target.id],
        'the create body sends the name trimmed',
      );
    });
  });

  describe('which answers to a create mean "nothing was created"', () => {
    const ctx: CreateContext = { jupyterPassword: 'unused' };
    const answers: Answers = { gpuName: 'G40-24G', gpuNum: '1', skuName: 'payg', imageId: '123abc', name: 'my-train' };
    const createWith = async (code: number, message: string) => {
      h.sim.addFault({
        cloud: 'gpugeek',
        method: 'POST',
        path: CREATE,
        status: 200,
        body: envelope(code, message),
        times: 1,
      });
      return h
        .provider()
        .createForm()
        .create(answers, ctx)
        .catch((e: unknown) => e);
    };

    it('10005 (documented: parameter validation failed) is a CloudRefusal', async () => {
      const err = await createWith(10005, 'Parameter error: gpuNum');
      assert.ok(err instanceof CloudRefusal, String(err));
      assert.equal(err.code, '10005');
      assert.match(err.message, /Parameter error: gpuNum/);
    });

    for (const [code, message] of [
      [10135, 'Instance operation error: insufficient balance'],
      [10001, 'Internal Server Error'],
      [20417, 'an undocumented business code'],
    ] as const) {
      it(`${code} is a CloudError but not a refusal: the outcome is unknown`, async () => {
        const err = await createWith(code, message);
        assert.ok(err instanceof CloudError, String(err));
        assert.ok(!(err instanceof CloudRefusal), `${code} must not reopen the wizard`);
        assert.equal(err.code, String(code));
      });
    }

    it('after a business error on a create that did make the pod, the lookup by name finds it', async () => {
      // The instance exists (GPUGeek made it), but the answer to the create was 10135.
      const made = h.control.seed({ name: 'my-train', status: 'creating' });
      const err = await createWith(10135, 'Instance operation error');
      assert.ok(err instanceof CloudError && !(err instanceof CloudRefusal));
      const found = await h.provider().findPodsByName('my-train');
      assert.deepEqual(
        found.map((p) => p.id),
        [made.id],
      );
      assert.equal(h.sim.requestsFor('gpugeek', 'POST', CREATE).length, 1, 'sent once');
    });

    it('a form the client itself cannot send (four ports) is a refusal, and nothing is sent', async () => {
      const err = await h
        .provider()
        .createForm()
        .create({ ...answers, tcpPorts: '1, 2', httpPorts: '3, 4' }, ctx)
        .catch((e: unknown) => e);
      assert.ok(err instanceof CloudRefusal, String(err));
      assert.match(err.message, /at most 3/);
      assert.equal(h.sim.requestsFor('gpugeek', 'POST', CREATE).length, 0);
    });

    it('10002 stays an AuthError (so the user is offered a new key), not a refusal', async () => {
      const err = await createWith(10002, 'Not logged in or login expired');
      assert.ok(err instanceof AuthError);
    });
  });
});
