import * as assert from 'node:assert/strict';
import { raw } from '../../../test/simulator/json';
import { Simulator } from '../../../test/simulator/server';
import type { CloudSpec, EndpointSpec } from '../../../test/simulator/spec/types';
import { matchEndpoint, parseForSpec, validateRequest, validateResponse } from '../../../test/simulator/spec/validate';

const list: EndpointSpec = {
  id: 'things.list',
  method: 'GET',
  path: '/v1/things',
  source: 'test',
  query: {
    kind: { type: 'string', required: true, enum: ['A', 'B'] },
    page: { type: 'integer' },
    status: { type: 'integer', list: true },
  },
  response: {
    type: 'object',
    fields: {
      data: {
        type: 'array',
        nullable: true,
        items: { type: 'object', fields: { id: { type: 'integer', int64: true } } },
      },
    },
  },
};
const create: EndpointSpec = {
  id: 'things.create',
  method: 'POST',
  path: '/v1/things',
  source: 'test',
  body: {
    type: 'object',
    fields: {
      name: { type: 'string', required: true },
      regions: { type: 'array', items: { type: 'string' } },
      size: { type: 'integer', oneOf: [{ type: 'integer' }, { type: 'string' }] },
    },
  },
  response: { type: 'object', fields: { id: { type: 'string' } } },
};
const byId: EndpointSpec = {
  id: 'things.get',
  method: 'GET',
  path: '/v1/things/:id',
  source: 'test',
  response: { type: 'any' },
};
const special: EndpointSpec = {
  id: 'things.types',
  method: 'GET',
  path: '/v1/things/types',
  source: 'test',
  response: { type: 'any' },
};
const spec: CloudSpec = {
  cloud: 'yotta',
  sources: ['test'],
  endpoints: [list, create, byId, special],
  refuse: (violations) => ({
    status: 400,
    body: { code: 10001, message: violations.map((v) => v.message).join('; ') },
  }),
};

describe('spec validation (the simulator refuses what a cloud refuses)', () => {
  it('matches literal segments before parameters', () => {
    assert.equal(matchEndpoint(spec, 'GET', '/v1/things/types')?.id, 'things.types');
    assert.equal(matchEndpoint(spec, 'GET', '/v1/things/42')?.id, 'things.get');
    assert.equal(matchEndpoint(spec, 'DELETE', '/v1/things/42'), undefined);
  });

  it('refuses a missing required query parameter, an undocumented one, a bad enum and a bad list item', () => {
    const problems = validateRequest(list, new URLSearchParams('page=1&size=5&status=1,x'), undefined).map(
      (v) => `${v.at} ${v.problem}`,
    );
    assert.deepEqual(problems.sort(), ['query.kind missing', 'query.size undocumented', 'query.status type'].sort());
    assert.deepEqual(
      validateRequest(list, new URLSearchParams('kind=C'), undefined).map((v) => v.problem),
      ['enum'],
    );
    assert.deepEqual(validateRequest(list, new URLSearchParams('kind=A&status=1,2'), undefined), []);
  });

  it('refuses a missing required field, an unknown field and a wrong type in the body', () => {
    const v = validateRequest(create, new URLSearchParams(), { regions: 'us', extra: 1 });
    assert.deepEqual(v.map((x) => `${x.at} ${x.problem}`).sort(), [
      'body.extra undocumented',
      'body.name missing',
      'body.regions type',
    ]);
  });

  it('accepts each documented alternative and refuses anything else', () => {
    assert.deepEqual(validateRequest(create, new URLSearchParams(), { name: 'a', size: 5 }), []);
    assert.deepEqual(validateRequest(create, new URLSearchParams(), { name: 'a', size: '5' }), []);
    assert.equal(validateRequest(create, new URLSearchParams(), { name: 'a', size: true })[0]?.problem, 'type');
  });

  it('refuses a body where the endpoint takes none', () => {
    assert.equal(validateRequest(byId, new URLSearchParams(), { a: 1 })[0]?.problem, 'unexpected-body');
  });

  it('keeps ids beyond 2^53 as integers, distinct from strings', () => {
    const parsed = parseForSpec('{"data":[{"id":362740422811062272}]}');
    assert.deepEqual(validateResponse(list, parsed), []);
    assert.deepEqual(validateResponse(list, { data: [{ id: raw('362740422811062272') }] }), []);
    assert.equal(validateResponse(list, { data: [{ id: '362740422811062272' }] })[0]?.problem, 'type');
  });

  it('flags an answer with an undocumented field', () => {
    assert.equal(validateResponse(list, { data: [{ id: 1, region: 'x' }] })[0]?.at, 'response.data[0].region');
    assert.deepEqual(validateResponse(list, { data: null }), []);
  });

  it('a simulator with the spec answers a refused request with the cloud refusal, and a bad answer with a 500', async () => {
    const sim = new Simulator({ ledger: false });
    sim.useSpec(spec);
    sim.router('yotta').get('/v1/things', () => ({ body: { data: [{ id: 1, secret: 'x' }] } }));
    await sim.start(0);
    try {
      const refused = await fetch(`${sim.baseUrl('yotta')}/v1/things?page=1`);
      assert.equal(refused.status, 400);
      assert.equal(((await refused.json()) as { code: number }).code, 10001);
      const bad = await fetch(`${sim.baseUrl('yotta')}/v1/things?kind=A`);
      assert.equal(bad.status, 500);
      assert.match(((await bad.json()) as { message: string }).message, /secret is not documented/);
      const undocumented = await fetch(`${sim.baseUrl('yotta')}/v1/other`);
      assert.equal(undocumented.status, 400);
    } finally {
      await sim.stop();
    }
  });
});
