import * as assert from 'node:assert/strict';
import { Simulator } from '../../simulator/server';
import { installYotta, type YottaSimControl } from '../../simulator/yotta';
import { YOTTA_LIMITS, yottaSpec } from '../../simulator/yotta/spec';

/** The simulated Yotta refuses what Yotta's published spec does not allow, with Yotta's documented error. */
describe('Yotta simulator: strict to the published spec', () => {
  let sim: Simulator;
  let control: YottaSimControl;
  const KEY = 'yk-strict';
  before(async () => {
    sim = new Simulator({ ledger: false, timeScale: 0.01 }); // bad requests on purpose: keep them out of the coverage ledger
    control = installYotta(sim);
    await sim.start(0);
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    control.setBudget(100_000);
  });

  async function call(method: string, path: string, body?: unknown, key = KEY) {
    const res = await fetch(`${sim.baseUrl('yotta')}${path}`, {
      method,
      headers: { 'X-Api-Key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { message: string; code: number; data: unknown },
      headers: res.headers,
    };
  }

  /** OpenAPI BadRequest: HTTP 400, ErrorResponse envelope, 10001 "Invalid request parameters". */
  function assertInvalid(r: Awaited<ReturnType<typeof call>>, mentions: RegExp) {
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.code, 10001);
    assert.equal(r.body.data, null);
    assert.match(r.body.message, /^Invalid request parameters: /);
    assert.match(r.body.message, mentions);
  }

  const pod = { name: 'p', image: 'yottalabsai/pytorch:latest', gpuType: 'NVIDIA_RTX_4090_24G', gpuCount: 1 };

  it('a missing required query parameter: GET /v2/volumes without storageType', async () => {
    assertInvalid(await call('GET', '/v2/volumes?page=1&size=10'), /storageType" is required/);
    const ok = await call('GET', '/v2/volumes?page=1&size=10&storageType=CEPH');
    assert.equal(ok.status, 200);
    assert.equal(ok.body.code, 10000);
  });

  it('a query value outside its enum: storageType=NFS, statusList of words instead of codes', async () => {
    assertInvalid(await call('GET', '/v2/volumes?storageType=NFS'), /storageType must be one of S3, CEPH, VENDOR, R2/);
    assertInvalid(await call('GET', '/v2/pods?statusList=RUNNING'), /statusList must be a list of integer/);
    assertInvalid(
      await call('GET', '/openapi/v1/pods/list?statusList=5'),
      /statusList must be one of 0, 1, 2, 3, 4, 6/,
    );
    assert.equal((await call('GET', '/v2/pods?statusList=1,3')).status, 200);
  });

  it('a missing required body field: a pod without gpuType', async () => {
    const { gpuType: _g, ...noType } = pod;
    assertInvalid(await call('POST', '/v2/pods', noType), /body\.gpuType is required/);
    assert.equal(control.state.pods.size, 0, 'nothing was created');
  });

  it('an undocumented body field: a pod with "sshKeys" (no key API is documented)', async () => {
    assertInvalid(
      await call('POST', '/v2/pods', { ...pod, sshKeys: ['ssh-ed25519 AAAA'] }),
      /body\.sshKeys is not documented/,
    );
    assert.equal(control.state.pods.size, 0);
  });

  it('a wrong type: gpuCount as a string, a volume size as a string', async () => {
    assertInvalid(await call('POST', '/v2/pods', { ...pod, gpuCount: '1' }), /body\.gpuCount must be integer/);
    const vol = control.addVolume();
    assertInvalid(await call('POST', `/v2/volumes/${vol}/resize`, { sizeInGb: '200' }), /sizeInGb must be integer/);
  });

  it('an undocumented endpoint: DELETE /openapi/v1/pods/{id} (the v1 reference lists no delete) gets the NotFound envelope', async () => {
    const id = control.addPod();
    const r = await call('DELETE', `/openapi/v1/pods/${id}`);
    assert.equal(r.status, 404);
    assert.equal(r.body.data, null);
    assert.match(r.body.message, /not a documented yotta endpoint/);
    assert.equal(control.pod(id)?.status, 'RUNNING', 'the pod was not touched');
    assert.equal(
      (await call('DELETE', `/v2/pods/${id}`)).body.code,
      10000,
      'the documented v2 delete takes the same id',
    );
  });

  it('answers only documented pod fields: no region, failure reason or container size', async () => {
    const id = control.addPod({ region: 'us-east-3', failedReason: 'x', containerVolumeInGb: 80, status: 'FAILED' });
    const r = await call('GET', `/v2/pods/${id}`);
    assert.equal(r.status, 200);
    const fields = Object.keys(r.body.data as object).sort();
    assert.deepEqual(fields, [
      'createdAt',
      'expose',
      'gpuCount',
      'gpuDisplayName',
      'gpuType',
      'id',
      'image',
      'imageRegistry',
      'name',
      'sshCmd',
      'status',
    ]);
  });

  it('enforces the documented lowest plan: 60 requests a minute per key, then 429 with Retry-After', async () => {
    control.setBudget(YOTTA_LIMITS.requestsPerMinute);
    const statuses: number[] = [];
    for (let i = 0; i <= 60; i++) statuses.push((await call('GET', '/v2/pods')).status);
    assert.deepEqual(statuses.slice(0, 60), Array(60).fill(200));
    const last = await call('GET', '/v2/pods');
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) >= 1);
    assert.equal((await call('GET', '/v2/pods', undefined, 'another-key')).status, 200, 'the budget is per key');
  });

  it('enforces the documented 5 concurrent pod operations per key', async () => {
    control.setDelays({ podOpMs: 20_000 }); // ×0.01: each pause is in flight for 200 ms
    const ids = Array.from({ length: 6 }, () => control.addPod());
    const answers = await Promise.all(ids.map((id) => call('POST', `/v2/pods/${id}/pause`)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 429]);
    assert.match(answers.find((a) => a.status === 429)!.body.message, /at most 5/);
    assert.notEqual(
      (await call('POST', `/v2/pods/${ids[0]}/resume`)).status,
      429,
      'once they finished, the next one is taken',
    );
  });

  it('every entry cites its source, and the rate limits cite theirs', () => {
    for (const e of yottaSpec.endpoints) assert.ok(e.source.length > 10, `${e.id} has no source`);
    assert.equal(new Set(yottaSpec.endpoints.map((e) => e.id)).size, yottaSpec.endpoints.length);
    assert.match(YOTTA_LIMITS.source, /Rate limits|API Spec/i);
    assert.ok(!yottaSpec.endpoints.some((e) => e.method === 'DELETE' && e.path.startsWith('/openapi/v1/pods')));
  });
});
