import assert from 'node:assert/strict';
import { capabilitiesOf } from '../../../src/core/capabilities';
import { AuthError, CancelledError, CloudError, TimeoutError } from '../../../src/core/errors';
import type { Pod } from '../../../src/core/model';
import { OPERATION_FAILED } from '../../../src/providers/gpugeek/operations';
import type { PortSpec } from '../../../src/core/provider';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';

const tcp = (port: number): PortSpec => ({ port, protocol: 'tcp' });
const http = (port: number): PortSpec => ({ port, protocol: 'http' });

/** GPUGeek contract: asynchronous actions through operation ids, their failures and timeouts. */
describe('GPUGeek provider: actions', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const pod = async (id: string): Promise<Pod> => {
    const p = await h.provider().getPod(id);
    assert.ok(p, `pod ${id} listed`);
    return p;
  };

  it('has the capabilities its operations give, and calls terminate "release"', () => {
    const c = capabilitiesOf(h.provider());
    assert.deepEqual([...c.podActions].sort(), ['restart', 'start', 'stop', 'terminate']);
    assert.equal(c.stopWord, 'stop');
    assert.equal(c.terminateWord, 'release');
    assert.equal(c.volumes, false);
    assert.equal(c.endpoints, false);
    assert.equal(c.vms, false);
    assert.equal(c.ports, true, 'set_port');
    assert.equal(c.alerts, false);
    assert.equal(c.sshAuth, 'password');
    assert.equal(c.jupyter, true);
  });

  it('stops and starts, waiting on each operation (ids as number and as string)', async () => {
    const inst = h.control.seed();
    const p = h.provider();
    const progress: string[] = [];
    await p.podAction(inst.id, 'stop', { onProgress: (m) => progress.push(m) });
    assert.equal((await pod(inst.id)).status, 'stopped');
    assert.ok(progress.some((m) => /operation \d+/.test(m)));
    await p.podAction(inst.id, 'start');
    const after = await pod(inst.id);
    assert.equal(after.status, 'running');
    assert.equal(after.pending, false);
    const styles = new Set([...h.control.operations.values()].map((o) => o.idAs));
    assert.deepEqual([...styles].sort(), ['number', 'string']);
    assert.ok(h.sim.requestsFor('gpugeek', 'POST', '/api/v1/openapi/instance/op/result').length >= 2);
  });

  it('sends ids beyond 2^53 as bare JSON integers', async () => {
    const inst = h.control.seed();
    const bodies: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      if (input instanceof Request && input.method === 'POST') bodies.push(await input.clone().text());
      return fetch(input, init);
    };
    await h.provider({ fetch: spy }).podAction(inst.id, 'restart');
    const action = bodies.find((b) => b.includes('"action"'));
    assert.ok(action?.includes(`"instanceId":${inst.id}`), action);
    assert.equal((await pod(inst.id)).status, 'running');
  });

  it('restarts and releases (release removes the instance)', async () => {
    const inst = h.control.seed();
    const p = h.provider();
    await p.podAction(inst.id, 'restart');
    await p.podAction(inst.id, 'terminate');
    assert.equal(await p.getPod(inst.id), undefined);
    assert.equal(h.control.operations.size, 2);
    assert.deepEqual(
      [...h.control.operations.values()].map((o) => o.action),
      ['restart', 'release'],
    );
  });

  it('a failed operation (status 3) reports the failure and leaves the instance as it was', async () => {
    const inst = h.control.seed();
    h.control.failNextOperation('stop');
    const err = await h
      .provider()
      .podAction(inst.id, 'stop')
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, OPERATION_FAILED);
    assert.match(err.message, /"stop" failed/);
    const p = await pod(inst.id);
    assert.equal(p.status, 'running');
    assert.equal(p.pending, false);
  });

  it('a never-completing operation times out as still pending, and the instance shows pending', async () => {
    const inst = h.control.seed();
    h.control.hangNextOperation();
    const p = h.provider({ operationTimeoutMs: 150 });
    const err = await p.podAction(inst.id, 'stop').catch((e: unknown) => e);
    assert.ok(err instanceof TimeoutError);
    assert.match(err.message, /still pending/);
    const now = await pod(inst.id);
    assert.equal(now.pending, true);
    assert.equal(now.status, 'running', 'not marked as done');
    for (const a of ['stop', 'start', 'restart', 'terminate'] as const)
      assert.equal(capabilitiesOf(p).allows(a, now), false);
    // A second action while it runs: GPUGeek refuses it with 10135.
    await assert.rejects(
      p.podAction(inst.id, 'restart'),
      (e: unknown) => e instanceof CloudError && e.code === '10135',
    );
    h.control.finishOperation(inst.operationId!);
    assert.equal((await pod(inst.id)).status, 'stopped');
  });

  it('stops waiting when the signal aborts', async () => {
    const inst = h.control.seed();
    h.control.hangNextOperation();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 40);
    await assert.rejects(
      h.provider({ operationTimeoutMs: 5000 }).podAction(inst.id, 'stop', { signal: ac.signal }),
      CancelledError,
    );
  });

  it('10135 carries the reason: start while running, or a reason the cloud forces', async () => {
    const inst = h.control.seed();
    const err = await h
      .provider()
      .podAction(inst.id, 'start')
      .catch((e: unknown) => e);
    assert.ok(err instanceof CloudError);
    assert.equal(err.code, '10135');
    assert.match(err.message, /already running/);
    h.control.rejectNextAction('Instance operation error: insufficient balance', 'stop');
    await assert.rejects(h.provider().podAction(inst.id, 'stop'), /insufficient balance/);
    assert.equal((await pod(inst.id)).status, 'running');
  });

  it('allows() follows status, isStartable and isPending', async () => {
    const running = h.control.seed({ name: 'r' });
    const stopped = h.control.seed({ name: 's', status: 'stopd' });
    const stuck = h.control.seed({ name: 'n', status: 'stopd', isStartable: false });
    const p = h.provider();
    const { allows } = capabilitiesOf(p);
    const r = await pod(running.id);
    const s = await pod(stopped.id);
    const n = await pod(stuck.id);
    assert.deepEqual(
      [allows('stop', r), allows('restart', r), allows('start', r), allows('terminate', r)],
      [true, true, false, true],
    );
    assert.deepEqual([allows('stop', s), allows('start', s), allows('terminate', s)], [false, true, true]);
    assert.equal(allows('start', n), false);
    await assert.rejects(p.podAction(stuck.id, 'start'), /no free GPU/);
  });

  it('ports.set replaces the custom ports and waits for the operation', async () => {
    const inst = h.control.seed({ tcpPorts: [22222] });
    const p = h.provider();
    await p.ports!.set(inst.id, [tcp(6006), http(8080), http(7860)]);
    const now = await pod(inst.id);
    assert.deepEqual(
      now.ports.filter((x) => x.protocol === 'http').map((x) => x.port),
      [8080, 7860],
    );
    assert.equal(now.ports.filter((x) => x.protocol === 'tcp').length, 1);
    assert.equal([...h.control.operations.values()][0].action, 'set_port');
    await p.ports!.set(inst.id, []);
    assert.equal((await pod(inst.id)).ports.filter((x) => x.protocol !== 'ssh').length, 0);
  });

  it('ports.set refuses more than three ports before asking the cloud', async () => {
    const inst = h.control.seed();
    await assert.rejects(h.provider().ports!.set(inst.id, [tcp(1), tcp(2), http(3), http(4)]), /at most 3/);
    await assert.rejects(h.provider().ports!.set(inst.id, [tcp(70000)]), /not a valid port/);
    assert.equal(h.sim.requestsFor('gpugeek', 'POST', '/api/v1/openapi/instance/action').length, 0);
  });

  it('a revoked token during an action is an AuthError', async () => {
    const inst = h.control.seed();
    h.sim.revokedKeys.add('gg-test-token');
    await assert.rejects(h.provider().podAction(inst.id, 'stop'), AuthError);
  });
});
