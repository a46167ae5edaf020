import * as assert from 'node:assert/strict';
import type { PickField } from '../../../src/core/createForm';
import {
  AuthError,
  CloudError,
  CloudRefusal,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from '../../../src/core/errors';
import { startYotta, TEST_KEY, type YottaHarness } from '../../simulator/yotta/harness';
import { fastForwardKyWaits } from '../core/longWaits';

const ctx = { jupyterPassword: 'pw' };
const createAnswers = {
  gpu: 'NVIDIA_RTX_4090_24G',
  gpuCount: 1,
  region: 'us-east-1',
  volume: 'none',
  ports: ['22/SSH'],
  name: 'once',
};
const envelope = (code: number, message: string, data: unknown = null) => ({ code, message, data });
const oneSentence = (m: string) => assert.match(m, /^[^\n]+\.$/, `not one sentence: ${m}`);

describe('Yotta provider: errors and faults', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('a refused key (HTTP 401) is an AuthError on every endpoint', async () => {
    h.sim.revokedKeys.add(TEST_KEY);
    const p = h.provider();
    for (const call of [
      () => p.listPods(),
      () => p.listOffers(),
      () => p.volumes!.list(),
      () => p.endpoints!.list(),
      () => (p.createForm().fields.find((f) => f.id === 'registryAuth') as PickField).options({ image: 'me/x:1' }),
    ]) {
      const e = await call().catch((x: unknown) => x);
      assert.ok(e instanceof AuthError, String(e));
      assert.equal(e.message, 'Yotta Labs refused the API key (HTTP 401).');
    }
  });

  describe('every documented business code', () => {
    const notFound = [10007, 11000, 13000, 14000, 24001, 24011];
    const refused = [10001, 10002, 11001, 11002, 12001, 24000];
    for (const code of [...notFound, ...refused]) {
      it(`code ${code} in an HTTP 200 envelope → ${notFound.includes(code) ? 'NotFoundError' : 'CloudError'}`, async () => {
        h.sim.addFault({
          cloud: 'yotta',
          method: 'GET',
          path: '/v2/pods',
          status: 200,
          body: envelope(code, `cloud says ${code}`),
          times: 1,
        });
        const e = await h
          .provider()
          .listPods()
          .catch((x: unknown) => x);
        if (notFound.includes(code)) assert.ok(e instanceof NotFoundError, String(e));
        else {
          assert.ok(e instanceof CloudError, String(e));
          assert.equal(e.code, String(code));
          // Only "Invalid request parameters" proves nothing was done: the one code that may offer Edit and Retry.
          assert.equal(e instanceof CloudRefusal, code === 10001, `${code} is a documented refusal`);
        }
        assert.match((e as Error).message, new RegExp(`cloud says ${code} \\(code ${code}\\)\\.$`));
        oneSentence((e as Error).message);
      });
    }
  });

  it('an unknown pod: getPod gives undefined, pause is NotFoundError (13000, HTTP 404), terminate of a gone pod resolves', async () => {
    const p = h.provider();
    assert.equal(await p.getPod('123456789012345678901'), undefined);
    const e = await p.podAction('42', 'stop').catch((x: unknown) => x);
    assert.ok(e instanceof NotFoundError);
    assert.match(e.message, /Pod not found: 42 \(code 13000\)/);
    await p.podAction('42', 'terminate');
  });

  it('retries a GET after 429 with Retry-After, then succeeds', async () => {
    h.control.addPod({ name: 'a' });
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 429,
      headers: { 'retry-after': '0' },
      body: envelope(429, 'Too many requests'),
      times: 2,
    });
    const pods = await h.provider().listPods();
    assert.equal(pods.length, 1);
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/pods').length, 3);
  });

  it('the simulated per-key budget answers 429 with Retry-After; the client waits as told, then gives up with RateLimitError', async () => {
    h.control.setBudget(3);
    // Retry-After here is up to a minute: ky's waits between attempts are fast-forwarded, and recorded.
    const p = h.provider();
    for (let i = 0; i < 3; i++) await p.listPods();
    const { result: e, waits } = await fastForwardKyWaits(() => p.listPods().catch((x: unknown) => x));
    assert.ok(e instanceof RateLimitError, String(e));
    assert.ok(e.retryAfterMs! >= 1000 && e.retryAfterMs! <= 60_000, String(e.retryAfterMs));
    assert.equal(waits.length, 3);
    assert.ok(waits.every((w) => w >= 1000 && w <= 60_000));
    const limited = h.sim.requestsFor('yotta', 'GET', '/v2/pods').filter((r) => r.status === 429);
    assert.equal(limited.length, 4);
  });

  it('retries a GET after a 500, but never a create', async () => {
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/volumes',
      status: 500,
      body: envelope(10002, 'System error'),
      times: 2,
    });
    assert.deepEqual(await h.provider().volumes!.list(), []);
    const ceph = h.sim.requestsFor('yotta', 'GET', '/v2/volumes').filter((r) => r.query.includes('storageType=CEPH'));
    assert.equal(ceph.length, 3, 'the first list (CEPH) was retried twice');

    h.sim.addFault({
      cloud: 'yotta',
      method: 'POST',
      path: '/v2/pods',
      status: 500,
      body: envelope(10002, 'System error'),
      times: 1,
    });
    const e = await h
      .provider()
      .createForm()
      .create(createAnswers, ctx)
      .catch((x: unknown) => x);
    assert.ok(e instanceof CloudError);
    assert.equal(e.httpStatus, 500);
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
  });

  it('a create that times out is not retried; the pod is then found by name', async () => {
    h.sim.addFault({ cloud: 'yotta', method: 'POST', path: '/v2/pods', delayMs: 300, times: 1 });
    const p = h.provider({ deps: { timeoutMs: 100 } });
    const e = await p
      .createForm()
      .create(createAnswers, ctx)
      .catch((x: unknown) => x);
    assert.ok(e instanceof TimeoutError, String(e));
    assert.match(e.message, /may still have been carried out/);
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
    const found = await p.findPodsByName('once');
    assert.equal(found.length, 1, 'the slow create did create the pod');
  });

  it('a dropped connection is a NetworkError: GETs retried, a create sent once', async () => {
    h.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', mode: 'drop' });
    const e = await h
      .provider()
      .listPods()
      .catch((x: unknown) => x);
    assert.ok(e instanceof NetworkError, String(e));
    oneSentence(e.message);
    assert.equal(h.sim.requestsFor('yotta', 'GET', '/v2/pods').length, 4);
    h.sim.clearFaults();

    h.sim.addFault({ cloud: 'yotta', method: 'POST', path: '/v2/pods', mode: 'drop' });
    const e2 = await h
      .provider()
      .createForm()
      .create(createAnswers, ctx)
      .catch((x: unknown) => x);
    assert.ok(e2 instanceof NetworkError, String(e2));
    assert.equal(h.sim.requestsFor('yotta', 'POST', '/v2/pods').length, 1);
  });

  it('a malformed or truncated body is an UnexpectedResponseError in one sentence', async () => {
    h.control.addPod();
    for (const mode of ['malformed', 'truncated'] as const) {
      h.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', mode, times: 1 });
      const e = await h
        .provider()
        .listPods()
        .catch((x: unknown) => x);
      assert.ok(e instanceof UnexpectedResponseError, `${mode}: ${String(e)}`);
      assert.equal(e.message, 'Yotta Labs sent a response that is not valid JSON for list pods.');
    }
  });

  it('a body without the envelope, or data of the wrong shape, is an UnexpectedResponseError naming the field', async () => {
    h.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', status: 200, body: { pods: [] }, times: 1 });
    const e1 = await h
      .provider()
      .listPods()
      .catch((x: unknown) => x);
    assert.ok(e1 instanceof UnexpectedResponseError);
    assert.match(e1.message, /list pods \(code: /);
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 200,
      body: envelope(10000, 'success', { items: 3 }),
      times: 1,
    });
    const e2 = await h
      .provider()
      .listPods()
      .catch((x: unknown) => x);
    assert.ok(e2 instanceof UnexpectedResponseError);
    oneSentence(e2.message);
    h.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', status: 200, body: '', times: 1 });
    const e3 = await h
      .provider()
      .listPods()
      .catch((x: unknown) => x);
    assert.ok(e3 instanceof UnexpectedResponseError);
    assert.equal(e3.message, 'Yotta Labs sent an empty response for list pods.');
  });

  it('never trusts unsafe SSH commands or URLs from the cloud; unknown statuses stay unknown', async () => {
    const pod = {
      id: '362740422811062999',
      name: 'x',
      status: 'HIBERNATING',
      sshCmd: 'ssh root@evil.com;rm -rf / -p 22',
      expose: [
        { port: 22, protocol: 'SSH', ingressUrl: 'ssh root@$(reboot) -p 22' },
        { port: 8888, protocol: 'HTTP', ingressUrl: 'javascript:alert(1)' },
      ],
    };
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 200,
      body: envelope(10000, 'success', [pod, { ...pod, status: 'running' }]),
      times: 1,
    });
    const [a, b] = await h.provider().listPods();
    assert.equal(a.status, 'unknown');
    assert.equal(a.rawStatus, 'HIBERNATING');
    assert.equal(b.status, 'running', 'status is case-insensitive');
    assert.equal(b.ssh, undefined);
    assert.equal(b.jupyter, undefined);
    assert.equal(b.ports.find((x) => x.port === 8888)?.url, undefined);
  });

  it('takes only validated host, port and user out of an SSH ingress; options such as ProxyCommand are dropped', async () => {
    const pod = {
      id: '7',
      name: 'y',
      status: 'RUNNING',
      expose: [
        {
          port: 22,
          protocol: 'SSH',
          ingressUrl: 'ssh -o ProxyCommand=calc root@1.2.3.4 -p 30035 -i <private key file>',
        },
      ],
    };
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 200,
      body: envelope(10000, 'success', [pod]),
      times: 1,
    });
    const [p] = await h.provider().listPods();
    assert.deepEqual(p.ssh, { host: '1.2.3.4', port: 30035, user: 'root' });
  });
});
