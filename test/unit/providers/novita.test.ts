import * as assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { PickField } from '../../../src/core/createForm';
import { AuthError, CloudError, NotFoundError, RateLimitError } from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { KEY, type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

/** Raw statuses seen while polling, in order, without repeats. */
async function watch(h: NovitaHarness, id: string, until: string): Promise<string[]> {
  const seen: string[] = [];
  const end = Date.now() + 5000;
  while (Date.now() < end) {
    const raw = h.control.instance(id)?.status ?? 'gone';
    if (seen[seen.length - 1] !== raw) seen.push(raw);
    if (raw === until) return seen;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`never reached ${until}: ${seen.join(' → ')}`);
}

function isSubsequence(seen: string[], order: string[]): boolean {
  let i = 0;
  for (const s of seen) {
    i = order.indexOf(s, i);
    if (i < 0) return false;
  }
  return true;
}

describe('Novita provider: instances against the simulator', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.2)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('lists every page of instances with one request per page', async () => {
    for (let i = 0; i < 120; i++) h.control.seedInstance({ name: `pod-${i}` });
    const pods = await h.provider().listPods();
    assert.equal(pods.length, 120);
    assert.equal(new Set(pods.map((p) => p.id)).size, 120);
    const pages = h.sim.requestsFor('novita', 'GET', '/gpu/instances');
    assert.equal(pages.length, 3);
    assert.ok(pages.every((r) => r.authenticated));
  });

  it('maps a running instance: price, GPU, cluster, password SSH, Jupyter with token', async () => {
    const id = h.control.seedInstance({
      name: 'train',
      productId: 'prod-h100',
      gpuNum: 2,
      ports: [{ port: 8080, type: 'tcp' }],
    });
    const pod = (await h.provider().getPod(id)) as Pod;
    assert.equal(pod.status, 'running');
    assert.equal(pod.rawStatus, 'running');
    assert.equal(pod.name, 'train');
    assert.equal(pod.gpuName, 'H100 SXM 80GB');
    assert.equal(pod.gpuCount, 2);
    assert.equal(pod.vramGb, 80);
    assert.equal(pod.region, 'US-CA-01');
    assert.equal(pod.pricePerHour, 5.18); // 2 × 259000 / 100000
    assert.deepEqual(pod.ssh, { host: '127.0.0.1', port: 30022, user: 'root', password: `pw-${id.slice(-6)}` });
    assert.equal(pod.jupyter?.url, `http://127.0.0.1:38888/${id}/`);
    assert.equal(pod.jupyter?.token, `tok-${id.slice(-6)}`);
    assert.ok(!JSON.stringify(pod.details).includes('pw-'), 'password never in details');
    const tcp = pod.ports.find((p) => p.port === 8080);
    assert.equal(tcp?.protocol, 'tcp');
    assert.equal(tcp?.publicHost, '127.0.0.1');
    assert.equal(pod.ports.find((p) => p.port === 8888)?.url, `https://${id}-8888.proxy.novita.sim/`);
  });

  it('never logs the SSH password, the Jupyter token or the API key, even at trace level', async () => {
    const lines: string[] = [];
    const log = (m: unknown, ...a: unknown[]) => void lines.push(String(m), ...a.map(String));
    const logger = { trace: log, debug: log, info: log, warn: log, error: log };
    const id = h.control.seedInstance({});
    const pod = (await h.provider(KEY, logger).getPod(id))!;
    assert.ok(pod.ssh?.password && pod.jupyter?.token);
    const text = lines.join('\n');
    assert.ok(text.includes('token=***'), 'bodies are traced, the token scrubbed');
    assert.ok(!text.includes(pod.ssh.password), 'password leaked');
    assert.ok(!text.includes(pod.jupyter.token), 'token leaked');
    assert.ok(!text.includes(KEY), 'key leaked');
  });

  it('list items (no connection components) still carry price and status', async () => {
    h.control.seedInstance({ name: 'a' });
    const [pod] = await h.provider().listPods();
    assert.equal(pod.pricePerHour, 0.35);
    assert.equal(pod.ssh, undefined);
  });

  it('has volumes and port edits from its operations, no endpoints or VMs, and calls terminate "delete"', () => {
    const c = capabilitiesOf(h.provider());
    assert.deepEqual([...c.podActions].sort(), ['restart', 'start', 'stop', 'terminate']);
    assert.deepEqual([c.volumes, c.ports, c.endpoints, c.vms, c.alerts], [true, true, false, false, false]);
    assert.deepEqual([c.stopWord, c.terminateWord, c.sshAuth], ['stop', 'delete', 'password']);
  });

  it('walks stop → start → restart → delete through Novita’s status words', async () => {
    const p = h.provider();
    const id = h.control.seedInstance({ name: 'life' });
    const running = (await p.getPod(id))!;
    assert.ok(capabilitiesOf(p).allows('stop', running));
    assert.ok(!capabilitiesOf(p).allows('start', running));

    await p.podAction(id, 'stop');
    const stopSeen = await watch(h, id, 'exited');
    assert.ok(isSubsequence(stopSeen, ['toStop', 'stopping', 'exited']), stopSeen.join(','));
    const stopped = (await p.getPod(id))!;
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.ssh, undefined);
    assert.ok(capabilitiesOf(p).allows('start', stopped));

    await p.podAction(id, 'start');
    assert.equal((await p.getPod(id))?.status, 'provisioning');
    await watch(h, id, 'running');
    await p.podAction(id, 'restart');
    assert.ok(isSubsequence(await watch(h, id, 'running'), ['toRestart', 'restarting', 'running']));

    await p.podAction(id, 'terminate');
    const pod = await p.getPod(id);
    assert.equal(pod?.status, 'terminating');
    assert.ok(isSubsequence(await watch(h, id, 'gone'), ['toRemove', 'removing', 'removed', 'gone']));
    assert.equal(await p.getPod(id), undefined);
  });

  it('refuses actions in the wrong state with the cloud’s reason', async () => {
    const id = h.control.seedInstance({ status: 'exited' });
    await assert.rejects(h.provider().podAction(id, 'stop'), (e: unknown) => {
      assert.ok(e instanceof CloudError);
      assert.equal(e.code, 'VALIDATOR_PARAM');
      assert.match(e.message, /instance is exited; cannot stop/);
      return true;
    });
  });

  it('stop is not repeated after a 500 (it may have happened); delete is', async () => {
    const id = h.control.seedInstance({});
    const fault = {
      cloud: 'novita' as const,
      status: 500,
      body: { code: 500, reason: 'UNKNOWN', message: 'boom' },
      times: 1,
    };
    h.sim.addFault({ ...fault, path: '/gpu/instance/stop' });
    await assert.rejects(
      h.provider().podAction(id, 'stop'),
      (e: unknown) => e instanceof CloudError && e.code === 'UNKNOWN',
    );
    assert.equal(h.sim.requestsFor('novita', 'POST', '/gpu/instance/stop').length, 1);
    h.sim.addFault({ ...fault, path: '/gpu/instance/delete' });
    await h.provider().podAction(id, 'terminate');
    assert.equal(h.sim.requestsFor('novita', 'POST', '/gpu/instance/delete').length, 2);
  });

  it('an action on a missing instance is NotFound; getPod gives undefined', async () => {
    await assert.rejects(h.provider().podAction('nope', 'start'), NotFoundError);
    assert.equal(await h.provider().getPod('nope'), undefined);
  });

  it('findPodsByName keeps exact matches only (the cloud filter is loose)', async () => {
    h.control.seedInstance({ name: 'exp' });
    h.control.seedInstance({ name: 'exp-2' });
    const found = await h.provider().findPodsByName('exp');
    assert.deepEqual(
      found.map((p) => p.name),
      ['exp'],
    );
    assert.match(h.sim.requestsFor('novita', 'GET', '/gpu/instances')[0].query, /name=exp/);
  });

  it('a failed instance shows failed with the cloud’s statusError as reason', async () => {
    const id = h.control.seedInstance({});
    h.control.failInstance(id, 'pull image failed: manifest unknown');
    const pod = (await h.provider().getPod(id))!;
    assert.equal(pod.status, 'failed');
    assert.equal(pod.rawStatus, 'exited');
    assert.equal(pod.statusReason, 'pull image failed: manifest unknown');
  });

  it('an unknown status shows as unknown with the raw word', async () => {
    const id = h.control.seedInstance({});
    // Not a documented status word, so only a fault can send it.
    h.sim.addFault({
      cloud: 'novita',
      method: 'GET',
      path: '/gpu/instance',
      status: 200,
      body: { id, name: 'seeded-pod', status: 'hibernating', gpuNum: '1' },
    });
    const pod = (await h.provider().getPod(id))!;
    assert.equal(pod.status, 'unknown');
    assert.equal(pod.rawStatus, 'hibernating');
    assert.ok(!capabilitiesOf(h.provider()).allows('stop', pod));
    assert.ok(capabilitiesOf(h.provider()).allows('terminate', pod));
  });

  it('revoked key → AuthError on every endpoint', async () => {
    h.sim.revokedKeys.add(KEY);
    const p = h.provider();
    await assert.rejects(p.listPods(), AuthError);
    await assert.rejects(p.listOffers(), AuthError);
    await assert.rejects(p.volumes!.list(), AuthError);
  });

  it('RATE_LIMIT_EXCEEDED → retried, then RateLimitError', async () => {
    const body = { code: 429, reason: 'RATE_LIMIT_EXCEEDED', message: 'too many requests' };
    h.sim.addFault({ cloud: 'novita', path: '/gpu/instances', status: 429, body, times: 1 });
    assert.deepEqual(await h.provider().listPods(), []);
    h.sim.addFault({ cloud: 'novita', path: '/gpu/instances', status: 429, body });
    await assert.rejects(h.provider().listPods(), RateLimitError);
  });

  it('error bodies with only `code` or only `message` still map', async () => {
    h.sim.addFault({ cloud: 'novita', path: '/clusters', status: 400, body: { code: 'BALANCE_NOT_ENOUGH' } });
    await assert.rejects(
      h.provider().listOffers(),
      (e: unknown) => e instanceof CloudError && e.code === 'BALANCE_NOT_ENOUGH',
    );
    h.sim.clearFaults();
    h.sim.addFault({ cloud: 'novita', path: '/clusters', status: 418, body: { message: 'teapot' } });
    await assert.rejects(h.provider().listOffers(), (e: unknown) => e instanceof CloudError && e.code === 'HTTP_418');
  });

  it('edits ports; reserved ports are refused before and by the cloud', async () => {
    const id = h.control.seedInstance({});
    await h.provider().ports!.set(id, [
      { port: 8080, protocol: 'tcp' },
      { port: 9000, protocol: 'http' },
    ]);
    assert.deepEqual(h.control.instance(id)?.ports, [
      { port: 8080, type: 'tcp' },
      { port: 9000, type: 'http' },
    ]);
    await assert.rejects(h.provider().ports!.set(id, [{ port: 2222, protocol: 'tcp' }]), /reserved/);
    await assert.rejects(
      h.api().editInstance(id, [{ port: 2223, type: 'tcp' }]),
      (e: unknown) => e instanceof CloudError && e.code === 'VALIDATOR_PARAM',
    );
  });

  it('templates: official and private channels', async () => {
    const image = h
      .provider()
      .createForm()
      .fields.find((f) => f.id === 'image') as PickField;
    const names = (await image.options({})).map((o) => o.label);
    assert.deepEqual(names, ['PyTorch', 'PyTorch 2.3 CUDA 12.1', 'my-comfy']);
    assert.equal((await h.api().getTemplate('tpl-2')).image, 'vllm/vllm-openai:latest');
    await assert.rejects(
      h.api().getTemplate('missing'),
      (e: unknown) => e instanceof CloudError && e.code === 'TEMPLATE_NOT_FOUND',
    );
  });
});
