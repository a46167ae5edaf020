import assert from 'node:assert/strict';
import type { Answers, CreateContext, PickField } from '../../../src/core/createForm';
import { CloudError, UnexpectedResponseError } from '../../../src/core/errors';
import { gpuGeekSpec } from '../../simulator/gpugeek/spec';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';

const P = '/api/v1/openapi';

/** The simulated GPUGeek refuses what the public API page does not allow, with GPUGeek's own error. */
describe('GPUGeek spec: strictness', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek({ ledger: false })));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const send = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${h.sim.baseUrl('gpugeek')}${path}`, {
      method,
      headers: { 'gz-api-token': 'k', 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  const create = (fields: Record<string, unknown>) =>
    send(
      'POST',
      `${P}/instance/create`,
      JSON.stringify({ type: 2, gpuName: 'G40-24G', skuName: 'payg', gpuNum: 1, imageId: '123abc', ...fields }),
    );

  /** DOC Appendix 3: 10005 "Parameter error", inside the common envelope, HTTP 200. */
  function assertParameterError(r: { status: number; json?: Record<string, unknown> }, mentions: RegExp): void {
    assert.equal(r.status, 200);
    assert.equal(r.json?.code, 10005);
    assert.match(String(r.json?.message), /^Parameter error: /);
    assert.match(String(r.json?.message), mentions);
    assert.match(String(r.json?.traceid), /^[0-9a-f]{32}$/);
    assert.deepEqual(r.json?.data, {});
  }

  it('a missing required body field is 10005 and creates nothing', async () => {
    assertParameterError(await create({ imageId: undefined }), /imageId is required/);
    assertParameterError(await send('POST', `${P}/instance/op/result`, '{}'), /ids is required/);
    assertParameterError(
      await send('POST', `${P}/instance/action`, JSON.stringify({ action: 'stop' })),
      /instanceId is required/,
    );
    assert.equal(h.control.counts.creates, 0);
  });

  it('an unknown body field is 10005', async () => {
    assertParameterError(await create({ region: 'suqian-b' }), /body\.region is not documented/);
  });

  it('a wrong type or value is 10005: strings for integers, unknown enum words, type other than 2', async () => {
    assertParameterError(await create({ gpuNum: '1' }), /gpuNum must be integer/);
    assertParameterError(await create({ skuName: 'hourly' }), /skuName must be one of/);
    assertParameterError(await create({ type: 1 }), /type must be one of 2/);
    assertParameterError(
      await send('POST', `${P}/instance/action`, '{"instanceId":"512300905672709","action":"stop"}'),
      /instanceId must be an int64 integer/,
    );
    assertParameterError(
      await send('POST', `${P}/instance/op/result`, '{"ids":["512303116840965"]}'),
      /ids\[0\] must be/,
    );
  });

  it('query parameters: wrong type, unknown status word and undocumented names are 10005 (none is required)', async () => {
    assert.ok(
      Object.values(gpuGeekSpec.endpoints.find((e) => e.id === 'instance.query')!.query!).every((q) => !q.required),
    );
    assertParameterError(await send('GET', `${P}/instance/query?pn=first`), /pn must be integer/);
    assertParameterError(
      await send('GET', `${P}/instance/query?status=stopped`),
      /status must be one of stopd, running, creating/,
    );
    assertParameterError(await send('GET', `${P}/instance/query?page=1`), /"page" is not documented/);
    assertParameterError(await send('GET', `${P}/gpu/list?region=x`), /"region" is not documented/);
  });

  it('an undocumented endpoint or method is HTTP 404 with no body', async () => {
    for (const [method, path] of [
      ['GET', `${P}/instance/list`],
      ['GET', `${P}/instance/create`],
      ['DELETE', `${P}/instance/action`],
    ]) {
      const r = await send(method, path);
      assert.equal(r.status, 404, `${method} ${path}`);
      assert.equal(r.text, '');
    }
  });

  it('accepts an Int64 id beyond 2^53 written as bare digits', async () => {
    const inst = h.control.seed();
    const r = await send('POST', `${P}/instance/action`, `{"instanceId":${inst.id},"action":"restart"}`);
    assert.equal(r.json?.code, 0, r.text);
    assert.match(r.text, /"operationId":\d+\}/);
  });

  it('every endpoint cites the public API page', () => {
    for (const e of gpuGeekSpec.endpoints) assert.match(e.source, /gpugeek-openapi\.txt/, e.id);
    assert.deepEqual(gpuGeekSpec.endpoints.map((e) => e.id).sort(), [
      'datacenter.list',
      'gpu.list',
      'image.list',
      'instance.action',
      'instance.create',
      'instance.op.result',
      'instance.query',
    ]);
  });
});

/** The client reads every answer the spec allows, and refuses to read a broken list as an empty one. */
describe('GPUGeek spec: contract with the client', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  const ctx: CreateContext = { jupyterPassword: 'unused' };
  const answers: Answers = { gpuName: 'G40-24G', gpuNum: '1', skuName: 'daily', imageId: '123abc', name: 'contract' };
  const serve = (method: 'GET' | 'POST', path: string, body: unknown) =>
    h.sim.addFault({ cloud: 'gpugeek', method, path: `${P}${path}`, status: 200, body, times: 1 });
  const ok = (data: string) => `{"code":0,"message":"success","traceid":"t","data":${data}}`;

  describe('documented answers', () => {
    for (const key of ['instanceId', 'InstanceId']) {
      it(`create: the instance id as ${key} (table / example), Int64 beyond 2^53`, async () => {
        const inst = h.control.seed({ name: 'contract' });
        serve(
          'POST',
          '/instance/create',
          ok(`{"${key}":${inst.id},"operationId":0,"spec":{"gpuName":"G40-24G","price":"22"}}`),
        );
        const pod = await h.provider().createForm().create(answers, ctx);
        assert.equal(pod.id, inst.id);
      });
    }

    for (const form of ['string', 'number'] as const) {
      it(`op/result: operationId as a ${form} (the table says String, the example a number)`, async () => {
        const inst = h.control.seed();
        h.control.hangNextOperation('stop'); // only the served answer can end the wait
        const p = h.provider();
        const done = p.podAction(inst.id, 'stop');
        while (!inst.operationId) await new Promise((r) => setTimeout(r, 2));
        const opId = inst.operationId;
        const id = form === 'string' ? `"${opId}"` : opId;
        serve(
          'POST',
          '/instance/op/result',
          ok(
            `{"operations":[{"instanceId":${inst.id},"operationId":${id},"action":"stop","status":2,"isCompleted":1,"startTime":"2024-02-06 17:06:45","completeTime":"2024-02-06 17:06:47"}]}`,
          ),
        );
        await done;
      });
    }

    it('dry run: the price is a String shown as GPUGeek wrote it', async () => {
      serve(
        'POST',
        '/instance/create',
        ok(
          '{"instanceId":0,"operationId":0,"spec":{"gpuName":"G40-24G","vram":"24G","skuName":"daily","price":"¥47.52","payByVoucher":1}}',
        ),
      );
      const lines = await h.provider().createForm().summarize(answers, ctx);
      assert.equal(new Map(lines.map((l) => [l.label, l.value])).get('Price'), "¥47.52/day (GPUGeek's quote)");
    });

    it('the error envelope (each documented code) is an error with its message, on each list endpoint', async () => {
      const p = h.provider();
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['/gpu/list', () => p.listOffers()],
        ['/instance/query', () => p.listPods()],
        ['/image/list', () => (p.createForm().fields.find((f) => f.id === 'imageId') as PickField).options({})],
      ];
      for (const [path, call] of calls) {
        serve('GET', path, { code: 10135, message: 'Instance operation error: busy', traceid: 't', data: {} });
        await assert.rejects(
          call(),
          (e: unknown) => e instanceof CloudError && e.code === '10135' && /busy/.test(e.message),
          path,
        );
      }
    });
  });

  describe('broken list bodies are errors, never an empty list', () => {
    const broken: Array<[string, unknown]> = [
      ['an empty body', ''],
      ['null', 'null'],
      ['a bare array', '[]'],
      ['data null', ok('null')],
      ['data without the list', ok('{}')],
      ['another envelope', '{"status":"ok","result":{"instances":[],"total":0}}'],
      ['no code', '{"message":"success","data":{"instances":[],"total":0}}'],
      ['a list under another name', ok('{"list":[],"total":0}')],
      ['no total', ok('{"instances":[]}')],
      ['null instances with a total', ok('{"instances":null,"total":2}')],
      ['fewer instances than the total', ok('{"instances":[],"total":3}')],
    ];
    for (const [label, body] of broken) {
      it(`instance list: ${label}`, async () => {
        h.control.seed();
        serve('GET', '/instance/query', body);
        await assert.rejects(
          h.provider().listPods(),
          (e: unknown) => e instanceof UnexpectedResponseError || e instanceof CloudError,
        );
      });
    }

    it('null instances with total 0 is an empty account, read as such', async () => {
      serve('GET', '/instance/query', ok('{"instances":null,"total":0}'));
      assert.deepEqual(await h.provider().listPods(), []);
    });

    for (const [label, body] of [
      ['data null', ok('null')],
      ['gpus null', ok('{"gpus":null}')],
      ['no gpus', ok('{}')],
    ] as const) {
      it(`GPU list: ${label}`, async () => {
        serve('GET', '/gpu/list', body);
        await assert.rejects(h.provider().listOffers(), UnexpectedResponseError);
      });
    }

    for (const [label, body] of [
      ['no operations', ok('{}')],
      ['operations null', ok('{"operations":null}')],
    ] as const) {
      it(`operation result: ${label} is an error at once, not minutes of "pending"`, async () => {
        const inst = h.control.seed();
        serve('POST', '/instance/op/result', body);
        await assert.rejects(
          h.provider({ operationTimeoutMs: 60_000 }).podAction(inst.id, 'stop'),
          UnexpectedResponseError,
        );
      });
    }

    it('image list without images', async () => {
      serve('GET', '/image/list', ok('{"images":null}'));
      const field = h
        .provider()
        .createForm()
        .fields.find((f) => f.id === 'imageId') as PickField;
      await assert.rejects(field.options({}), UnexpectedResponseError);
    });
  });
});
