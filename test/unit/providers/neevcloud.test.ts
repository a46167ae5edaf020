import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { AuthError, CloudError, ConfigError, NotFoundError, UnexpectedResponseError } from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { eventually, NEEV_TEST_TOKEN, startNeevCloud, type NeevCloudHarness } from '../../simulator/neevcloud/testing';

describe('NeevCloud provider: runtimes', () => {
  let h: NeevCloudHarness;
  before(async () => (h = await startNeevCloud()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  it('has delete as the only action, alerts and utilisation from its operations', () => {
    const caps = capabilitiesOf(h.provider());
    assert.deepEqual([...caps.podActions], ['terminate']);
    assert.equal(caps.terminateWord, 'delete');
    assert.equal(caps.sshAuth, 'createKey');
    assert.equal(caps.jupyter, true);
    assert.equal(caps.volumes, false);
    assert.equal(caps.endpoints, false);
    assert.equal(caps.alerts, true);
    assert.equal(caps.utilisation, true);
    assert.equal(caps.ports, false);
    const pod = { status: 'running' } as Pod;
    assert.equal(caps.allows('terminate', pod), true);
    assert.equal(caps.allows('stop', pod), false);
    assert.equal(caps.allows('terminate', { status: 'terminating' } as Pod), false);
  });

  it('lists a running runtime with GPU, price, SSH and Jupyter', async () => {
    const id = h.control.seedRuntime({ name: 'train-1', gpuCount: 2 });
    const pods = await h.provider().listPods();
    assert.equal(pods.length, 1);
    const pod = pods[0];
    assert.equal(pod.id, id);
    assert.equal(pod.cloud, 'neevcloud');
    assert.equal(pod.name, 'train-1');
    assert.equal(pod.status, 'running');
    assert.equal(pod.rawStatus, 'Running');
    assert.equal(pod.gpuName, 'H100');
    assert.equal(pod.gpuCount, 2);
    assert.equal(pod.vramGb, 80);
    assert.equal(pod.region, 'as-south-1');
    assert.equal(pod.pricePerHour, 3.98);
    assert.deepEqual(pod.ssh, { host: '127.0.0.1', port: 30022, user: 'root' });
    assert.equal(pod.jupyter?.url, `http://127.0.0.1:38888/${id}/`);
    assert.equal(pod.jupyter?.token, `tok-${id.slice(-6)}`);
    assert.equal(typeof pod.createdAt, 'number');
    const [req] = h.sim.requestsFor('neevcloud', 'GET');
    assert.equal(req.path, `/gpu/api/v1beta1/orgs/${h.control.orgId}/projects/${h.control.projectId}/airuntimes`);
    assert.ok(req.authenticated);
  });

  it('fetches every page of runtimes', async () => {
    for (let i = 0; i < 130; i++) h.control.seedRuntime({ name: `r-${i}`, templateId: 'tpl-ubuntu-cuda-ssh' });
    const pods = await h.provider().listPods();
    assert.equal(pods.length, 130);
    const gets = h.sim.requestsFor('neevcloud', 'GET', '/gpu/api/v1beta1/orgs');
    assert.deepEqual(
      gets.map((r) => new URLSearchParams(r.query).get('page')),
      ['1', '2'],
    );
    assert.ok(gets.every((r) => new URLSearchParams(r.query).get('limit') === '100'));
  });

  it('gets one runtime, and undefined for one the cloud does not know', async () => {
    const id = h.control.seedRuntime({ name: 'one', templateId: 'tpl-ubuntu-cuda-ssh' });
    const p = h.provider();
    const pod = await p.getPod(id);
    assert.equal(pod?.name, 'one');
    assert.ok(pod?.ssh);
    assert.equal(pod?.jupyter, undefined, 'no Jupyter for an SSH-only template');
    assert.equal(await p.getPod('00000000-0000-4000-8000-000000000000'), undefined);
  });

  it('a runtime without SSH/Jupyter fields is running but not reachable yet', async () => {
    const id = h.control.seedRuntime({ name: 'quiet' });
    h.control.withoutEndpoints(id);
    const pod = await h.provider().getPod(id);
    assert.equal(pod?.status, 'running');
    assert.equal(pod?.ssh, undefined);
    assert.equal(pod?.jupyter, undefined);
  });

  it('goes from provisioning to Running', async () => {
    const id = h.control.seedRuntime({ name: 'slow', status: 'Provisioning' });
    const p = h.provider();
    const first = await p.getPod(id);
    assert.equal(first?.status, 'provisioning');
    assert.equal(first?.ssh, undefined);
    const up = await eventually(
      () => p.getPod(id),
      (pod) => pod?.status === 'running',
    );
    assert.ok(up?.ssh);
  });

  it('keeps an unknown status word and reports failures with the reason', async () => {
    const a = h.control.seedRuntime({ name: 'odd' });
    const b = h.control.seedRuntime({ name: 'broken' });
    h.control.setStatus(a, 'Hibernating');
    h.control.setStatus(b, 'FAILED', 'image pull failed');
    const pods = await h.provider().listPods();
    const odd = pods.find((x) => x.id === a)!;
    const broken = pods.find((x) => x.id === b)!;
    assert.equal(odd.status, 'unknown');
    assert.equal(odd.rawStatus, 'Hibernating');
    assert.equal(broken.status, 'failed');
    assert.equal(broken.statusReason, 'image pull failed');
  });

  it('names a missing required field', async () => {
    const id = h.control.seedRuntime({ name: 'x' });
    h.control.patchRuntime(id, { status: undefined });
    await assert.rejects(h.provider().listPods(), (e: unknown) => {
      assert.ok(e instanceof UnexpectedResponseError);
      assert.match(e.message, /data\[0\]\.status/);
      return true;
    });
  });

  it('prices a runtime whose GPU config carries no price from the inventory', async () => {
    const id = h.control.seedRuntime({ name: 'bare', gpuCount: 3, configId: 'gpu-a100-80g-12cpu-90g' });
    h.control.patchRuntime(id, { gpuConfig: { config_id: 'gpu-a100-80g-12cpu-90g' } });
    const [pod] = await h.provider().listPods();
    assert.equal(pod.pricePerHour, 3.87);
    assert.equal(h.sim.requestsFor('neevcloud', 'GET', '/inventory/').length, 1);
  });

  it('deletes: deleting, then gone; one DELETE', async () => {
    const id = h.control.seedRuntime({ name: 'bye' });
    const p = h.provider();
    await p.podAction(id, 'terminate');
    assert.equal((await p.getPod(id))?.status, 'terminating');
    await eventually(
      () => p.getPod(id),
      (pod) => pod === undefined,
    );
    assert.equal(h.sim.requestsFor('neevcloud', 'DELETE').length, 1);
    // Deleting what is already gone is what the user wanted.
    await p.podAction(id, 'terminate');
  });

  it('refuses stop/start without asking the cloud', async () => {
    const id = h.control.seedRuntime({ name: 'x' });
    await assert.rejects(
      h.provider().podAction(id, 'stop'),
      (e: unknown) => e instanceof CloudError && /only be deleted/.test(e.message),
    );
    assert.equal(h.sim.requests.length, 0);
  });

  it('reads CPU / RAM / GPU utilisation', async () => {
    const id = h.control.seedRuntime({ name: 'm', gpuCount: 2 });
    h.control.setMetrics(id, { cpu: 55.5, ram: 20, gpu: 99 });
    const m = await h.provider().utilisation!(id);
    assert.equal(m.cpuPercent, 55.5);
    assert.equal(m.ramPercent, 20);
    assert.equal(m.gpuPercent, 99);
    assert.equal(h.sim.requestsFor('neevcloud', 'GET')[0].path.endsWith(`/airuntimes/${id}/metrics`), true);
  });

  it('metrics of a runtime that is not running: the cloud says why', async () => {
    const id = h.control.seedRuntime({ name: 'm', status: 'Provisioning' });
    await assert.rejects(h.provider().utilisation!(id), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.code, 'failed_precondition');
      assert.match(e.message, /once the runtime is Running/);
      return true;
    });
  });

  for (const [options, pattern] of [
    [{ projectId: 'p' }, /organisation id/],
    [{ orgId: 'o' }, /project id/],
    [{ orgId: ' ', projectId: '' }, /organisation id and project id/],
  ] as const) {
    it(`missing ${JSON.stringify(options)}: ConfigError before any request`, async () => {
      const p = h.provider({ options: { ...options } });
      const isConfig = (e: unknown) =>
        e instanceof ConfigError && pattern.test(e.message) && /Set the NeevCloud/.test(e.message);
      await assert.rejects(p.listPods(), isConfig);
      await assert.rejects(p.getPod('x'), isConfig);
      await assert.rejects(p.podAction('x', 'terminate'), isConfig);
      await assert.rejects(p.utilisation!('x'), isConfig);
      await assert.rejects(p.findPodsByName('x'), isConfig);
      assert.throws(() => p.createForm(), isConfig);
      assert.deepEqual(h.sim.requests, []);
    });
  }

  it('an org/project the cloud does not know: NotFoundError', async () => {
    const p = h.provider({ options: { orgId: 'org-nope', projectId: 'proj-nope' } });
    await assert.rejects(
      p.listPods(),
      (e: unknown) => e instanceof NotFoundError && /project not found/.test(e.message),
    );
  });

  it('a revoked token: AuthError with the cloud message', async () => {
    h.sim.revokedKeys.add(NEEV_TEST_TOKEN);
    await assert.rejects(
      h.provider().listPods(),
      (e: unknown) => e instanceof AuthError && /invalid or expired token/.test(e.message),
    );
    await assert.rejects(h.provider().listOffers(), AuthError);
  });

  it('answers 401 with the documented body when the header is missing', async () => {
    const res = await fetch(`${h.sim.baseUrl('neevcloud')}/inventory/api/v1beta1/inventory`);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 'unauthorized', message: 'missing authorization header' });
  });

  it('an inference key (sk-nc-…) is refused before any request', async () => {
    await assert.rejects(
      h.provider({ apiKey: 'sk-nc-abc' }).listOffers(),
      (e: unknown) => e instanceof ConfigError && /pat-nc-/.test(e.message),
    );
    assert.deepEqual(h.sim.requests, []);
  });

  it('retries a list after a 500, and maps coded errors to CloudError', async () => {
    h.control.seedRuntime({ name: 'x' });
    h.sim.addFault({ cloud: 'neevcloud', method: 'GET', path: '/gpu/', status: 503, times: 1 });
    assert.equal((await h.provider().listPods()).length, 1);
    h.sim.addFault({
      cloud: 'neevcloud',
      method: 'GET',
      path: '/gpu/',
      status: 400,
      body: { code: 'invalid_argument', message: 'page is invalid.' },
    });
    await assert.rejects(h.provider().listPods(), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.code, 'invalid_argument');
      assert.equal(e.httpStatus, 400);
      assert.equal(e.message, 'NeevCloud could not list AI runtimes: page is invalid.');
      return true;
    });
  });

  it('finds runtimes by exact name', async () => {
    h.control.seedRuntime({ name: 'twin' });
    h.control.seedRuntime({ name: 'twin' });
    h.control.seedRuntime({ name: 'twin-2' });
    const found = await h.provider().findPodsByName('twin');
    assert.equal(found.length, 2);
    assert.ok(found.every((p) => p.name === 'twin'));
  });
});
