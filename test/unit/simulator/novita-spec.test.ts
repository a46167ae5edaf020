import * as assert from 'node:assert/strict';
import { installNovita } from '../../simulator/novita';
import { novitaSpec } from '../../simulator/novita/spec';
import { Simulator } from '../../simulator/server';

/**
 * The simulated Novita refuses what the published reference does not allow, with Novita's own error
 * (HTTP status and an UPPER_SNAKE reason). These requests are wrong on purpose: the ledger stays off.
 */
describe('Novita simulator: the published spec, strictly', () => {
  const sim = new Simulator({ ledger: false });
  installNovita(sim);
  before(() => sim.start(0));
  after(() => sim.stop());
  beforeEach(() => sim.reset());

  async function call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${sim.baseUrl('novita')}${path}`, {
      method,
      headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  function assertRefused(
    res: { status: number; body: Record<string, unknown> },
    status: number,
    reason: string,
    mentions: RegExp,
  ): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.reason, reason);
    assert.equal(res.body.code, status);
    assert.match(String(res.body.message), mentions);
  }

  const createBody = {
    name: 'x',
    productId: 'prod-4090',
    gpuNum: 1,
    rootfsSize: 30,
    imageUrl: 'ubuntu:22.04',
    ports: '',
    command: '',
    kind: 'gpu',
  };

  it('a documented request is answered', async () => {
    assert.equal((await call('GET', '/gpu/instances?pageSize=10&pageNum=1')).status, 200);
    assert.equal((await call('POST', '/gpu/instance/create', createBody)).status, 200);
  });

  it('a missing required query parameter → 400 VALIDATOR_PARAM', async () => {
    assertRefused(await call('GET', '/gpu/instances?pageSize=10'), 400, 'VALIDATOR_PARAM', /pageNum/);
    assertRefused(await call('GET', '/templates?channel=private'), 400, 'VALIDATOR_PARAM', /isMyCommunity/);
  });

  it('a missing required body field → 400 VALIDATOR_PARAM', async () => {
    const { productId: _drop, ...withoutProduct } = createBody;
    assertRefused(await call('POST', '/gpu/instance/create', withoutProduct), 400, 'VALIDATOR_PARAM', /productId/);
    assertRefused(await call('POST', '/gpu/instance/stop', {}), 400, 'VALIDATOR_PARAM', /instanceId/);
  });

  it('an undocumented body field or query parameter → 400 VALIDATOR_PARAM', async () => {
    assertRefused(
      await call('POST', '/gpu/instance/create', { ...createBody, sshKey: 'ssh-ed25519 AAAA' }),
      400,
      'VALIDATOR_PARAM',
      /sshKey/,
    );
    assertRefused(await call('POST', '/networkstorage/delete', { id: 'ns-0001' }), 400, 'VALIDATOR_PARAM', /\bid\b/);
    assertRefused(
      await call('GET', '/gpu/instances?pageSize=10&pageNum=1&pageNumber=1'),
      400,
      'VALIDATOR_PARAM',
      /pageNumber/,
    );
  });

  it('a wrong type or a value outside the enum → 400 VALIDATOR_PARAM', async () => {
    assertRefused(
      await call('POST', '/gpu/instance/create', { ...createBody, gpuNum: '1' }),
      400,
      'VALIDATOR_PARAM',
      /gpuNum/,
    );
    assertRefused(
      await call('POST', '/gpu/instance/create', { ...createBody, kind: 'vm' }),
      400,
      'VALIDATOR_PARAM',
      /kind/,
    );
    assertRefused(
      await call('GET', '/templates?channel=official&isMyCommunity=no'),
      400,
      'VALIDATOR_PARAM',
      /isMyCommunity/,
    );
    assertRefused(await call('GET', '/products?billingMethod=hourly'), 400, 'VALIDATOR_PARAM', /billingMethod/);
  });

  it('usage-based bills: cycle and product category are required; a range over 31 days is refused', async () => {
    assertRefused(await call('GET', '/billing/bill/list?productCategory=gpu'), 400, 'VALIDATOR_PARAM', /cycleType/);
    assertRefused(await call('GET', '/billing/bill/list?cycleType=Day'), 400, 'VALIDATOR_PARAM', /productCategory/);
    assertRefused(
      await call('GET', '/billing/bill/list?cycleType=Day&productCategory=gpu&startTime=0&endTime=1&ownerId=x&page=2'),
      400,
      'VALIDATOR_PARAM',
      /page/,
    );
    const month = 31 * 86_400;
    assertRefused(
      await call('GET', `/billing/bill/list?cycleType=Day&productCategory=gpu&startTime=1000&endTime=${1001 + month}`),
      400,
      'VALIDATOR_PARAM',
      /31 days/,
    );
    const ok = await call(
      'GET',
      `/billing/bill/list?cycleType=Day&productCategory=gpu&startTime=1000&endTime=${1000 + month}`,
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { bills: [] });
  });

  it('an undocumented endpoint → 404 API_NOT_FOUND', async () => {
    assertRefused(await call('GET', '/gpu/instance/ssh-keys'), 404, 'API_NOT_FOUND', /not a documented/);
    assertRefused(await call('DELETE', '/gpu/instance'), 404, 'API_NOT_FOUND', /not a documented/);
  });

  it('every entry names its source; decisions are written where the sources disagree', () => {
    for (const e of novitaSpec.endpoints) {
      assert.ok(e.source.trim().length > 10, `${e.id} has a source`);
      assert.match(e.source, /novita|seeds|novita-mcp-server|sdk/i, `${e.id} cites a Novita document`);
    }
    const ids = novitaSpec.endpoints.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ['instances.list', 'templates.list', 'storages.create', 'instances.create']) {
      assert.ok(novitaSpec.endpoints.find((e) => e.id === id)?.decision, `${id} explains its decision`);
    }
  });
});
