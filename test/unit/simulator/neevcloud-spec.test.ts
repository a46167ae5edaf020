import * as assert from 'node:assert/strict';
import { installNeevCloud, type NeevCloudSimControl } from '../../simulator/neevcloud';
import { neevCloudSpec } from '../../simulator/neevcloud/spec';
import { NEEV_TEST_TOKEN } from '../../simulator/neevcloud/testing';
import { Simulator } from '../../simulator/server';

/**
 * The simulated NeevCloud refuses what NeevCloud's published API does not allow, with NeevCloud's own error
 * (400 `invalid_argument`, 404 `not_found`, `{ code, message }`), before any route runs. Bad requests are
 * sent on purpose here, so this simulator keeps them out of the coverage ledger.
 */
describe('NeevCloud simulator: strict to the published spec', () => {
  let sim: Simulator;
  let control: NeevCloudSimControl;
  before(async () => {
    sim = new Simulator({ ledger: false });
    control = installNeevCloud(sim);
    await sim.start(0);
  });
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  const rt = () => `/gpu/api/v1beta1/orgs/${control.orgId}/projects/${control.projectId}/airuntimes`;
  const GOOD_CREATE = {
    name: 'strict-1',
    region: 'as-south-1',
    templateID: 'tpl-jupyterlab-pytorch',
    gpuConfigID: 'gpu-h100-80g-20cpu-125g',
    gpuCount: 1,
    planId: 'gpu-h100-on-demand-1h',
    sshKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9rZXktZm9yLXRlc3Rz user@laptop'],
  };

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: { code?: string; message?: string } }> {
    const res = await fetch(`${sim.baseUrl('neevcloud')}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${NEEV_TEST_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  }

  function refusedAsInvalid(r: { status: number; body: { code?: string; message?: string } }, pattern: RegExp): void {
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'invalid_argument');
    assert.match(r.body.message ?? '', pattern);
  }

  it('every entry cites its source, and the spec names its documents', () => {
    assert.ok(neevCloudSpec.sources.length >= 4);
    for (const e of neevCloudSpec.endpoints) assert.ok(e.source.length > 10, `${e.id} cites a source`);
  });

  it('accepts the create body the CLI sends', async () => {
    const r = await call('POST', rt(), GOOD_CREATE);
    assert.equal(r.status, 201);
    assert.equal(control.state.runtimes.length, 1);
  });

  it('a missing required query parameter: 400 invalid_argument', async () => {
    refusedAsInvalid(await call('GET', '/inventory/api/v1beta1/inventory/gpuconfig'), /config_id.*required/);
  });

  it('a missing required body field (planId): 400 invalid_argument, nothing created', async () => {
    const { planId: _omitted, ...withoutPlan } = GOOD_CREATE;
    refusedAsInvalid(await call('POST', rt(), withoutPlan), /planId is required/);
    assert.equal(control.state.runtimes.length, 0);
  });

  it('an unknown body field: 400 invalid_argument, nothing created', async () => {
    refusedAsInvalid(
      await call('POST', rt(), { ...GOOD_CREATE, image: 'ubuntu:22.04' }),
      /body\.image is not documented/,
    );
    assert.equal(control.state.runtimes.length, 0);
  });

  it('a field of the wrong type: 400 invalid_argument', async () => {
    refusedAsInvalid(await call('POST', rt(), { ...GOOD_CREATE, gpuCount: '1' }), /gpuCount must be integer/);
    refusedAsInvalid(await call('GET', '/inventory/api/v1beta1/inventory?vram_min=lots'), /vram_min must be integer/);
    refusedAsInvalid(await call('GET', '/inventory/api/v1beta1/inventory?type=CPU'), /type must be one of GPU/);
  });

  it('an undocumented query parameter (template paging): 400 invalid_argument', async () => {
    refusedAsInvalid(
      await call('GET', '/gpu/api/v1beta1/airuntime-templates?page=1&limit=100'),
      /"page" is not documented/,
    );
    assert.equal((await call('GET', '/gpu/api/v1beta1/airuntime-templates')).status, 200);
  });

  it("an undocumented endpoint (stop): 404 not_found in the cloud's envelope", async () => {
    const id = control.seedRuntime({ name: 'no-stop' });
    const r = await call('POST', `${rt()}/${id}/stop`);
    assert.equal(r.status, 404);
    assert.deepEqual(Object.keys(r.body).sort(), ['code', 'message']);
    assert.equal(r.body.code, 'not_found');
    assert.equal(control.runtime(id)?.status, 'Running');
  });

  it('a body where none is documented: 400 invalid_argument', async () => {
    const id = control.seedRuntime({ name: 'bodied' });
    refusedAsInvalid(await call('DELETE', `${rt()}/${id}`, { force: true }), /takes no body/);
    assert.equal(control.runtime(id)?.status, 'Running');
  });

  it('answers the documented "No content" to delete and to a notify request', async () => {
    const id = control.seedRuntime({ name: 'gone' });
    const del = await fetch(`${sim.baseUrl('neevcloud')}${rt()}/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${NEEV_TEST_TOKEN}` },
    });
    assert.equal(del.status, 204);
    assert.equal(await del.text(), '');
    const notify = await fetch(`${sim.baseUrl('neevcloud')}/inventory/api/v1beta1/inventory/gpu/notify-availability`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${NEEV_TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ region_id: 'as-south-1', config_id: 'gpu-l40s-48g-8cpu-64g' }),
    });
    assert.equal(notify.status, 201);
    assert.equal(await notify.text(), '');
  });

  it('a plan the account cannot use is refused as an invalid argument (nothing created)', async () => {
    refusedAsInvalid(
      await call('POST', rt(), { ...GOOD_CREATE, planId: 'gpu-b200-on-demand-1h' }),
      /plan gpu-b200-on-demand-1h is not available/,
    );
    refusedAsInvalid(
      await call('POST', rt(), { ...GOOD_CREATE, planId: 'gpu-h200-on-demand-1h' }),
      /does not cover H100/,
    );
    assert.equal(control.state.runtimes.length, 0);
  });
});
