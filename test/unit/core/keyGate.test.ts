import assert from 'node:assert/strict';
import { CancelledError, RateLimitError } from '../../../src/core/errors';
import { HttpClient, type HttpMethod } from '../../../src/core/http';
import { KeyGate } from '../../../src/core/keyGate';
import { silentLogger } from '../../../src/core/logger';
import { CLOUDS } from '../../../src/providers/clouds';
import { FakeClock } from './fakeClock';

interface Sent {
  at: number;
  method: string;
  url: string;
}

/** A fake cloud on virtual time: records when each request arrives, answers after `latencyMs` of it. */
function fakeCloud(clock: FakeClock, answer: (sent: Sent, n: number) => Response = () => okJson(), latencyMs = 0) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let inFlightOps = 0;
  let maxInFlight = 0;
  let maxInFlightOps = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const s = { at: clock.now(), method: request.method, url: request.url };
    sent.push(s);
    const op = request.method !== 'GET';
    inFlight++;
    if (op) inFlightOps++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    maxInFlightOps = Math.max(maxInFlightOps, inFlightOps);
    try {
      if (latencyMs > 0) await clock.sleep(latencyMs);
      return answer(s, sent.length);
    } finally {
      inFlight--;
      if (op) inFlightOps--;
    }
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    sent,
    maxInFlight: () => maxInFlight,
    maxInFlightOps: () => maxInFlightOps,
  };
}

function okJson(status = 200, body: unknown = { ok: true }, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

function clientOn(gate: KeyGate, clock: FakeClock, fetch: typeof globalThis.fetch, name: string) {
  return new HttpClient({
    baseUrl: `https://api.example.test/${name}`,
    cloudName: 'Test Cloud',
    headers: { 'X-Api-Key': 'yk-gate-test-key' },
    logger: silentLogger,
    limiter: gate,
    fetch,
    backoffMs: 1000,
  });
}

/** Most arrivals in any window of `windowMs`. */
function peakInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= windowMs) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

const get = (c: HttpClient, what = 'list pods', signal?: AbortSignal) =>
  c.request({ method: 'GET', path: '/pods', what, signal });
const op = (c: HttpClient, method: HttpMethod = 'POST') =>
  c.request({ method, path: '/pods/1/pause', what: 'pause the pod' });

describe('KeyGate: a cloud’s documented limits per API key', () => {
  it('Yotta’s documented limits are the lowest plan’s: 60 requests a minute, 5 concurrent pod operations', () => {
    assert.deepEqual(CLOUDS.yotta.rateLimit, { perMinute: 60, concurrentOperations: 5 });
    for (const info of Object.values(CLOUDS)) {
      assert.ok(info.rateLimit.perMinute > 0 && info.rateLimit.perMinute <= 60, `${info.id} stays at or below 60/min`);
      assert.ok(info.rateLimit.concurrentOperations >= 1 && info.rateLimit.concurrentOperations <= 5);
    }
  });

  it('200 requests from several clients on one key never exceed 60 in any 60 s window, and all succeed', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock);
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock });
    const clients = ['pods', 'volumes', 'vms', 'endpoints'].map((n) => clientOn(gate, clock, cloud.fetch, n));
    const all = Array.from({ length: 200 }, (_, i) => get(clients[i % clients.length]));
    const results = await clock.run(Promise.all(all));
    assert.equal(results.length, 200);
    assert.equal(cloud.sent.length, 200);
    const times = cloud.sent.map((s) => s.at);
    assert.ok(peakInWindow(times, 60_000) <= 60, `peak ${peakInWindow(times, 60_000)} in a minute`);
    // The budget is used, not just respected: the first 60 go at once, the rest as the window frees up.
    assert.equal(peakInWindow(times, 1), 60);
    assert.ok(Math.max(...times) >= 3 * 60_000, 'the 200th request had to wait three windows');
  });

  it('keeps pod operations at the documented 5 in flight while reads still flow', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, () => okJson(), 2_000);
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock, concurrentRequests: 20 });
    const a = clientOn(gate, clock, cloud.fetch, 'a');
    const b = clientOn(gate, clock, cloud.fetch, 'b');
    const work = [
      ...Array.from({ length: 12 }, (_, i) => op(i % 2 ? a : b, i % 3 ? 'POST' : 'DELETE')),
      ...Array.from({ length: 8 }, () => get(a)),
    ];
    await clock.run(Promise.all(work));
    assert.equal(cloud.maxInFlightOps(), 5);
    assert.ok(cloud.maxInFlight() > 5, 'reads are not queued behind operations');
    assert.equal(cloud.sent.length, 20);
  });

  it('after a 429 the whole key waits out Retry-After, then carries on', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, (_s, n) =>
      n === 1 ? okJson(429, { message: 'slow down' }, { 'retry-after': '30' }) : okJson(),
    );
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock });
    const a = clientOn(gate, clock, cloud.fetch, 'a');
    const b = clientOn(gate, clock, cloud.fetch, 'b');
    const first = get(a);
    // The other client asks a second later, while the key rests.
    const second = (async () => {
      await clock.sleep(1_000);
      return get(b, 'list volumes');
    })();
    await clock.run(Promise.all([first, second]));
    const times = cloud.sent.map((s) => s.at);
    assert.equal(times[0], 0);
    assert.equal(cloud.sent.length, 3);
    assert.ok(
      times.slice(1).every((t) => t >= 30_000),
      `sent at ${times.join(', ')} ms: nothing before Retry-After ended`,
    );
  });

  it('every retry is a request of the key: it waits for the budget like any other', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, (_s, n) => (n <= 2 ? okJson(503, { message: 'busy' }) : okJson()));
    const gate = new KeyGate({ perMinute: 2, concurrentOperations: 1 }, { clock });
    await clock.run(get(clientOn(gate, clock, cloud.fetch, 'a')));
    const times = cloud.sent.map((s) => s.at);
    // ky backs off 1 s before the first retry; the second retry is the key's third request in a minute.
    assert.deepEqual(times.slice(0, 2), [0, 1_000]);
    assert.ok(times[2] >= 60_000, `third attempt at ${times[2]} ms`);
  });

  it('a request backing off gives its in-flight slot to the next one', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, (s) =>
      s.url.endsWith('/a/pods') && cloud.sent.length === 1 ? okJson(503) : okJson(),
    );
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock, concurrentRequests: 1 });
    const [first] = await clock.run(
      Promise.all([get(clientOn(gate, clock, cloud.fetch, 'a')), get(clientOn(gate, clock, cloud.fetch, 'b'))]),
    );
    assert.deepEqual(first.body, { ok: true });
    assert.deepEqual(
      cloud.sent.map((s) => [new URL(s.url).pathname, s.at]),
      [
        ['/a/pods', 0],
        ['/b/pods', 0],
        ['/a/pods', 1_000],
      ],
    );
  });

  it('a rest longer than we would wait fails requests at once instead of holding them or asking the cloud', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, (_s, n) => (n === 1 ? okJson(429, {}, { 'retry-after': '3600' }) : okJson()));
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock });
    const a = clientOn(gate, clock, cloud.fetch, 'a');
    await assert.rejects(clock.run(get(a)), RateLimitError);
    await assert.rejects(clock.run(get(clientOn(gate, clock, cloud.fetch, 'b'))), (e: unknown) => {
      assert.ok(e instanceof RateLimitError);
      assert.ok(e.retryAfterMs! > 3_500_000);
      return true;
    });
    assert.equal(cloud.sent.length, 1);
  });

  it('a cancelled request stops waiting for budget and is never sent; the queue behind it moves on', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock);
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock });
    const c = clientOn(gate, clock, cloud.fetch, 'a');
    await clock.run(Promise.all(Array.from({ length: 60 }, () => get(c))));
    const abort = new AbortController();
    const cancelled = get(c, 'get pod', abort.signal);
    const next = get(c, 'list pods');
    const outcome = clock.run(
      Promise.allSettled([
        cancelled,
        next,
        (async () => {
          await clock.sleep(10_000);
          abort.abort();
        })(),
      ]),
    );
    const [c1, c2] = await outcome;
    assert.equal(c1.status, 'rejected');
    assert.ok((c1 as PromiseRejectedResult).reason instanceof CancelledError);
    assert.equal(c2.status, 'fulfilled');
    assert.equal(cloud.sent.length, 61);
    assert.ok(cloud.sent[60].at >= 60_000);
  });

  it('a cancelled operation stops waiting for an operation slot', async () => {
    const clock = new FakeClock();
    const cloud = fakeCloud(clock, () => okJson(), 5_000);
    const gate = new KeyGate({ perMinute: 60, concurrentOperations: 1 }, { clock });
    const c = clientOn(gate, clock, cloud.fetch, 'a');
    const abort = new AbortController();
    const results = await clock.run(
      Promise.allSettled([
        op(c),
        c.request({ method: 'DELETE', path: '/pods/2', what: 'terminate the pod', signal: abort.signal }),
        (async () => {
          await clock.sleep(1_000);
          abort.abort();
        })(),
      ]),
    );
    assert.equal(results[0].status, 'fulfilled');
    assert.ok(results[1].status === 'rejected' && results[1].reason instanceof CancelledError);
    assert.deepEqual(
      cloud.sent.map((s) => s.method),
      ['POST'],
    );
  });
});
