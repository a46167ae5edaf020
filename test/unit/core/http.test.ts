import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Semaphore } from '../../../src/core/concurrency';
import {
  AuthError,
  CancelledError,
  CloudError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
} from '../../../src/core/errors';
import { HttpClient, retryAfterMs } from '../../../src/core/http';
import { systemClock } from '../../../src/core/clock';
import { KeyGate } from '../../../src/core/keyGate';
import type { Logger } from '../../../src/core/logger';

type Reply = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

/** A tiny server whose answers the test scripts one request at a time. */
async function server(replies: Reply[]) {
  const seen: Array<{ at: number; method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  let active = 0;
  let maxActive = 0;
  const s = http.createServer(async (req, res) => {
    active++;
    maxActive = Math.max(maxActive, active);
    let body = '';
    for await (const c of req) body += c;
    seen.push({ at: Date.now(), method: req.method!, url: req.url!, headers: req.headers, body });
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    res.on('close', () => active--);
    reply(req, res, body);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    maxActive: () => maxActive,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_q, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: unknown, ...a: unknown[]) => lines.push([m, ...a].map(String).join(' '));
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

/** ky waits between attempts; the waits it announces are read back from the log the user sees. */
function client(url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const logger = recordingLogger();
  const c = new HttpClient({
    baseUrl: url,
    cloudName: 'Test Cloud',
    headers: { 'X-Api-Key': 'sk-secret-123' },
    logger,
    backoffMs: 10,
    ...extra,
  });
  const delays = () => logger.lines.flatMap((l) => /Retrying in (\d+) ms/.exec(l)?.[1] ?? []).map(Number);
  return { c, logger, delays };
}

/** Milliseconds between the server's arrivals: the waits that really happened. */
const gaps = (seen: Array<{ at: number }>) => seen.slice(1).map((s, i) => s.at - seen[i].at);

describe('HttpClient', () => {
  it('sends the auth header, parses big ids exactly, and never logs the key', async () => {
    const s = await server([json(200, '{"id":362740422811062272}')]);
    try {
      const { c, logger } = client(s.url);
      const res = await c.request({
        method: 'GET',
        path: '/v2/pods',
        query: { regionList: 'us-east-1', skip: undefined },
        what: 'list pods',
      });
      assert.deepEqual(res.body, { id: '362740422811062272' });
      assert.equal(s.seen[0].headers['x-api-key'], 'sk-secret-123');
      assert.equal(s.seen[0].url, '/v2/pods?regionList=us-east-1');
      assert.ok(logger.lines.some((l) => l.includes('/v2/pods')));
      assert.ok(logger.lines.every((l) => !l.includes('sk-secret-123')));
    } finally {
      await s.close();
    }
  });

  it('retries an idempotent GET after 429, waiting what Retry-After says', async () => {
    const s = await server([json(429, { message: 'slow down' }, { 'retry-after': '1' }), json(200, { ok: true })]);
    try {
      const { c, delays } = client(s.url);
      const res = await c.request({ method: 'GET', path: '/x', what: 'list' });
      assert.deepEqual(res.body, { ok: true });
      assert.deepEqual(delays(), [1000]);
      assert.equal(s.seen.length, 2);
      assert.ok(gaps(s.seen)[0] >= 995, `retried after ${gaps(s.seen)[0]} ms, not the backoff of 10 ms`);
    } finally {
      await s.close();
    }
  });

  it('backs off exponentially on 5xx and gives up after the retry budget', async () => {
    const s = await server([json(503, { message: 'busy' })]);
    try {
      const { c, delays } = client(s.url, { maxRetries: 3 });
      await assert.rejects(
        c.request({ method: 'GET', path: '/x', what: 'list' }),
        (e: unknown) => e instanceof CloudError && e.httpStatus === 503,
      );
      assert.deepEqual(delays(), [10, 20, 40]);
      assert.equal(s.seen.length, 4);
      gaps(s.seen).forEach((gap, i) => assert.ok(gap >= [10, 20, 40][i] - 2, `gap ${i}: ${gap} ms`));
    } finally {
      await s.close();
    }
  });

  it('never retries a POST (a create) on 500, 503, 429 or a timeout', async () => {
    for (const reply of [json(500, {}), json(503, { message: 'busy' }), json(429, {}, { 'retry-after': '1' })]) {
      const s = await server([reply]);
      try {
        const { c } = client(s.url);
        await assert.rejects(c.request({ method: 'POST', path: '/v2/pods', body: { name: 'a' }, what: 'create pod' }));
        assert.equal(s.seen.length, 1);
      } finally {
        await s.close();
      }
    }
    const slow = await server([(_q, res) => setTimeout(() => json(200, {})(_q, res, ''), 500)]);
    try {
      const { c } = client(slow.url, { timeoutMs: 100 });
      await assert.rejects(
        c.request({ method: 'POST', path: '/v2/pods', body: {}, what: 'create pod' }),
        (e: unknown) => e instanceof TimeoutError && /may still have been carried out/.test(e.message),
      );
      assert.equal(slow.seen.length, 1);
    } finally {
      await slow.close();
    }
  });

  it('maps 401 to AuthError and gives up on a Retry-After beyond the cap', async () => {
    const s = await server([json(401, { message: 'bad key' })]);
    try {
      await assert.rejects(client(s.url).c.request({ method: 'GET', path: '/x', what: 'list' }), AuthError);
    } finally {
      await s.close();
    }
    const r = await server([json(429, {}, { 'retry-after': '3600' })]);
    try {
      await assert.rejects(client(r.url).c.request({ method: 'GET', path: '/x', what: 'list' }), RateLimitError);
      assert.equal(r.seen.length, 1);
    } finally {
      await r.close();
    }
  });

  it('does not wait out a Retry-After beyond the cap, even one ky would shorten to the cap and wait', async () => {
    const s = await server([json(429, {}, { 'retry-after': '2' }), json(200, {})]);
    try {
      const started = Date.now();
      await assert.rejects(
        client(s.url, { maxRetryAfterMs: 1000 }).c.request({ method: 'GET', path: '/x', what: 'list' }),
        (e: unknown) => e instanceof RateLimitError && e.retryAfterMs === 2000,
      );
      assert.equal(s.seen.length, 1);
      assert.ok(Date.now() - started < 900, `gave up after ${Date.now() - started} ms`);
    } finally {
      await s.close();
    }
  });

  it('backs off on a 429 without Retry-After', async () => {
    const s = await server([json(429, {}), json(200, { ok: true })]);
    try {
      const { c, delays } = client(s.url);
      assert.deepEqual((await c.request({ method: 'GET', path: '/x', what: 'list' })).body, { ok: true });
      assert.deepEqual(delays(), [10]);
    } finally {
      await s.close();
    }
  });

  it('retries a GET that timed out, then reports the timeout', async () => {
    const slow = await server([(_q, res) => setTimeout(() => json(200, {})(_q, res, ''), 500)]);
    try {
      const { c } = client(slow.url, { timeoutMs: 50, maxRetries: 2 });
      await assert.rejects(
        c.request({ method: 'GET', path: '/x', what: 'list pods' }),
        (e: unknown) => e instanceof TimeoutError && e.message === 'Test Cloud did not answer list pods in time.',
      );
      assert.equal(slow.seen.length, 3);
    } finally {
      await slow.close();
    }
  });

  it('follows the provider’s reading of an answer: a 5xx it calls final is not retried, a rate limit it finds is', async () => {
    const s = await server([json(503, { code: 'GONE' })]);
    try {
      const { c } = client(s.url, { mapError: () => new NotFoundError('gone') });
      await assert.rejects(c.request({ method: 'GET', path: '/x', what: 'get pod' }), NotFoundError);
      assert.equal(s.seen.length, 1);
    } finally {
      await s.close();
    }
    const limited = await server([json(400, { reason: 'RATE_LIMIT_EXCEEDED' }), json(200, { ok: true })]);
    try {
      const { c, delays } = client(limited.url, {
        mapError: (r) => (r.status === 400 ? new RateLimitError('slow down', undefined) : undefined),
      });
      assert.deepEqual((await c.request({ method: 'GET', path: '/x', what: 'list' })).body, { ok: true });
      assert.equal(limited.seen.length, 2);
      assert.deepEqual(delays(), [10]);
    } finally {
      await limited.close();
    }
  });

  it('a caller who cancels during the backoff gets CancelledError and nothing more is sent', async () => {
    const s = await server([json(503, {})]);
    try {
      const { c } = client(s.url, { backoffMs: 5_000 });
      const abort = new AbortController();
      const pending = c.request({ method: 'GET', path: '/x', what: 'list', signal: abort.signal });
      while (s.seen.length === 0) await new Promise((r) => setTimeout(r, 5));
      setTimeout(() => abort.abort(), 50);
      const started = Date.now();
      await assert.rejects(pending, CancelledError);
      assert.ok(Date.now() - started < 2_000);
      assert.equal(s.seen.length, 1);
    } finally {
      await s.close();
    }
  });

  it('turns a non-JSON or truncated 200 into one clear sentence with details for the log', async () => {
    for (const body of ['<html>502 Bad Gateway</html>', '{"code":10000,"data":[{"id":1']) {
      const s = await server([json(200, body)]);
      try {
        await assert.rejects(
          client(s.url).c.request({ method: 'GET', path: '/x', what: 'list pods' }),
          (e: unknown) => {
            assert.ok(e instanceof UnexpectedResponseError);
            assert.match(e.message, /^Test Cloud sent a response that is not valid JSON for list pods\.$/);
            assert.ok(e.details?.includes('body starts'));
            return true;
          },
        );
      } finally {
        await s.close();
      }
    }
  });

  it('reports a dropped connection as a network error, retried for GET', async () => {
    const s = await server([(req) => req.socket.destroy()]);
    try {
      const { c } = client(s.url, { maxRetries: 1 });
      await assert.rejects(
        c.request({ method: 'GET', path: '/x', what: 'list pods' }),
        (e: unknown) => e instanceof NetworkError && /Could not reach Test Cloud/.test(e.message),
      );
      assert.equal(s.seen.length, 2);
    } finally {
      await s.close();
    }
  });

  it('caps concurrent requests per key with the shared limiter', async () => {
    const s = await server([(_q, res) => setTimeout(() => json(200, {})(_q, res, ''), 50)]);
    try {
      const limiter = new Semaphore(2);
      const { c } = client(s.url, { limiter });
      await Promise.all(Array.from({ length: 6 }, () => c.request({ method: 'GET', path: '/x', what: 'get' })));
      assert.equal(s.maxActive(), 2);
      assert.equal(s.seen.length, 6);
    } finally {
      await s.close();
    }
  });

  it('lets the provider map its own error bodies', async () => {
    const s = await server([json(400, { code: 'BALANCE_NOT_ENOUGH', message: 'Balance is not enough' })]);
    try {
      const { c } = client(s.url, {
        mapError: (r) =>
          new CloudError((r.body as { message: string }).message, (r.body as { code: string }).code, r.status),
      });
      await assert.rejects(
        c.request({ method: 'POST', path: '/create', body: {}, what: 'create' }),
        (e: unknown) =>
          e instanceof CloudError && e.code === 'BALANCE_NOT_ENOUGH' && e.message === 'Balance is not enough',
      );
    } finally {
      await s.close();
    }
  });

  it('redacts secrets from logged request bodies, including env pairs', async () => {
    const s = await server([json(200, {})]);
    try {
      const { c, logger } = client(s.url);
      await c.request({
        method: 'POST',
        path: '/v2/pods',
        what: 'create',
        body: {
          name: 'p',
          environmentVars: [{ key: 'JUPYTER_PASSWORD', value: 'hunter2-jupyter' }],
          sshKeys: ['ssh-ed25519 AAAA'],
        },
      });
      const all = logger.lines.join('\n');
      assert.ok(all.includes('"name":"p"'));
      assert.ok(!all.includes('hunter2-jupyter'));
      assert.ok(!all.includes('AAAA'));
    } finally {
      await s.close();
    }
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '1.5' })), 1500);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': new Date(10_000).toUTCString() }), 4_000), 6_000);
    assert.equal(retryAfterMs(new Headers({})), undefined);
  });
});

describe('HttpClient: secrets by value', () => {
  const KEY = 'sk-secret-123';
  /** Everything a user or the log could see of a failed request. */
  const visible = (e: unknown) => {
    const err = e as Error & { details?: string; code?: string };
    return [err.message, err.details ?? '', err.stack ?? '', String(err.code ?? '')].join('\n');
  };

  it('keeps a key the cloud echoes in a 400 body out of the log, the message and the details', async () => {
    const s = await server([json(400, { message: `API key ${KEY} is not valid for this region`, code: 'INVALID' })]);
    try {
      // The provider's own mapping puts the cloud's message into the error, as real providers do.
      const { c, logger } = client(s.url, {
        mapError: (r) =>
          new CloudError(
            `Test Cloud refused: ${(r.body as { message: string }).message}`,
            'INVALID',
            r.status,
            JSON.stringify(r.body),
          ),
      });
      let caught: unknown;
      await c.request({ method: 'GET', path: '/x', what: 'list' }).catch((e) => (caught = e));
      assert.ok(caught instanceof CloudError);
      assert.match(caught.message, /is not valid for this region/);
      assert.ok(!visible(caught).includes(KEY), visible(caught));
      assert.ok(logger.lines.length > 0);
      assert.ok(
        logger.lines.every((l) => !l.includes(KEY)),
        logger.lines.join('\n'),
      );
    } finally {
      await s.close();
    }
  });

  it('keeps a key echoed in a 200 body out of the log and out of what the provider reads', async () => {
    const s = await server([json(200, { data: { owner: 'me', note: `requested with ${KEY}` } })]);
    try {
      const { c, logger } = client(s.url);
      const res = await c.request({ method: 'GET', path: '/x', what: 'list' });
      assert.ok(!JSON.stringify(res.body).includes(KEY));
      assert.equal((res.body as { data: { owner: string } }).data.owner, 'me');
      assert.ok(
        logger.lines.every((l) => !l.includes(KEY)),
        logger.lines.join('\n'),
      );
    } finally {
      await s.close();
    }
    const broken = await server([json(200, `<html>bad gateway for key ${KEY}</html>`)]);
    try {
      const { c, logger } = client(broken.url);
      let caught: unknown;
      await c.request({ method: 'GET', path: '/x', what: 'list' }).catch((e) => (caught = e));
      assert.ok(caught instanceof UnexpectedResponseError);
      assert.ok(caught.details?.includes('bad gateway'));
      assert.ok(!visible(caught).includes(KEY), visible(caught));
      assert.ok(logger.lines.every((l) => !l.includes(KEY)));
    } finally {
      await broken.close();
    }
  });

  it('scrubs a bearer token, not just the whole header value', async () => {
    const s = await server([json(401, { error: `token ${KEY} expired` })]);
    try {
      const { c, logger } = client(s.url, { headers: { Authorization: `Bearer ${KEY}` } });
      let caught: unknown;
      await c.request({ method: 'GET', path: '/x', what: 'list' }).catch((e) => (caught = e));
      assert.ok(caught instanceof AuthError);
      assert.ok(!visible(caught).includes(KEY));
      assert.ok(logger.lines.every((l) => !l.includes(KEY)));
    } finally {
      await s.close();
    }
  });

  it('remembers a pod password from an earlier answer and scrubs it wherever it turns up later, on every client of the key', async () => {
    const password = 'Q3rDHh7-pod-pw';
    const s = await server([
      json(200, { data: { id: 'p1', sshPassword: password, notebookUrl: 'http://h:8888/lab?token=jt-5f6a7b8c9d' } }),
      json(400, { message: `ssh login root:${password} refused; jupyter jt-5f6a7b8c9d unreachable` }),
    ]);
    try {
      const gate = new KeyGate({ perMinute: 600, concurrentOperations: 5 }, { clock: systemClock });
      const first = client(s.url, { limiter: gate });
      const second = client(s.url, { limiter: gate, headers: { 'X-Api-Key': 'another-client-same-account' } });
      await first.c.request({ method: 'GET', path: '/pods/p1', what: 'get pod' });
      let caught: unknown;
      await second.c.request({ method: 'GET', path: '/pods/p1/ssh', what: 'check ssh' }).catch((e) => (caught = e));
      assert.ok(caught instanceof CloudError);
      for (const secret of [password, 'jt-5f6a7b8c9d']) {
        assert.ok(!visible(caught).includes(secret), visible(caught));
        for (const l of [...first.logger.lines, ...second.logger.lines]) assert.ok(!l.includes(secret), l);
      }
      assert.match(String(caught.details), /ssh login root:\*\*\* refused/);
    } finally {
      await s.close();
    }
  });

  it('scrubs what a provider registers through the account’s secrets', async () => {
    const s = await server([json(500, { message: 'jupyter password hunter2-jupyter rejected' })]);
    try {
      const gate = new KeyGate({ perMinute: 600, concurrentOperations: 5 }, { clock: systemClock });
      gate.secrets.add('hunter2-jupyter');
      const { c, logger } = client(s.url, { limiter: gate, maxRetries: 1 });
      let caught: unknown;
      await c.request({ method: 'GET', path: '/x', what: 'list' }).catch((e) => (caught = e));
      assert.ok(caught instanceof CloudError);
      assert.ok(!visible(caught).includes('hunter2-jupyter'));
      assert.ok(logger.lines.some((l) => l.includes('Retrying')));
      assert.ok(logger.lines.every((l) => !l.includes('hunter2-jupyter')));
    } finally {
      await s.close();
    }
  });
});
