import * as assert from 'node:assert/strict';
import { AuthError, CloudError, CloudRefusal, NotFoundError } from '../../../src/core/errors';
import type { HttpRequest, HttpResponse } from '../../../src/core/http';
import { mapNeevError } from '../../../src/providers/neevcloud/api';
import { mapMetrics, mapRuntime, mapStatus, readJupyter, readSsh } from '../../../src/providers/neevcloud/mapping';
import { zRuntime, type RawRuntime } from '../../../src/providers/neevcloud/schemas';

/** The SSH/Jupyter field names are unpublished: these are the shapes we read defensively. */
const rt = (extra: Record<string, unknown>): RawRuntime =>
  zRuntime.parse({ id: 'f3b1c7de-0000-4000-8000-000000000001', name: 'r', status: 'Running', ...extra });

describe('NeevCloud mapping', () => {
  it('maps status words case-insensitively; unknown stays unknown', () => {
    const cases: Array<[string, string]> = [
      ['Running', 'running'],
      ['RUNNING', 'running'],
      ['provisioning', 'provisioning'],
      ['Pending', 'provisioning'],
      ['Creating', 'provisioning'],
      ['Deleting', 'terminating'],
      ['terminating', 'terminating'],
      ['Failed', 'failed'],
      ['error', 'failed'],
      ['Stopped', 'stopped'],
      ['Hibernating', 'unknown'],
    ];
    for (const [raw, want] of cases) assert.equal(mapStatus(raw), want, raw);
    const pod = mapRuntime(rt({ status: 'Hibernating' }));
    assert.equal(pod.status, 'unknown');
    assert.equal(pod.rawStatus, 'Hibernating');
  });

  it('reads SSH from the plausible places', () => {
    const want = { host: 'gpu-1.neevcloud.com', port: 30123, user: 'root' };
    assert.deepEqual(readSsh(rt({ ssh_host: 'gpu-1.neevcloud.com', ssh_port: '30123' })), want);
    assert.deepEqual(readSsh(rt({ sshCommand: 'ssh -p 30123 root@gpu-1.neevcloud.com' })), want);
    assert.deepEqual(readSsh(rt({ endpoints: { ssh: 'ssh root@gpu-1.neevcloud.com -p 30123' } })), want);
    assert.deepEqual(readSsh(rt({ endpoints: { ssh: 'gpu-1.neevcloud.com:30123' } })), want);
    assert.deepEqual(
      readSsh(rt({ endpoints: { ssh: { host: 'gpu-1.neevcloud.com', port: 30123, username: 'root' } } })),
      want,
    );
    assert.deepEqual(readSsh(rt({ endpoints: { ssh_host: 'gpu-1.neevcloud.com', ssh_port: 30123 } })), want);
    assert.deepEqual(readSsh(rt({ endpoints: { ssh: { ip: '10.1.2.3', port: 22, user: 'ubuntu' } } })), {
      host: '10.1.2.3',
      port: 22,
      user: 'ubuntu',
    });
  });

  it('untrusted SSH values give no endpoint instead of a guess', () => {
    assert.equal(readSsh(rt({})), undefined);
    assert.equal(readSsh(rt({ ssh_host: 'evil;rm -rf /', ssh_port: 22 })), undefined);
    assert.equal(readSsh(rt({ ssh_host: 'h.example', ssh_port: 70000 })), undefined);
    assert.equal(readSsh(rt({ ssh_command: 'ssh root@h.example "curl x | sh"' })), undefined);
    assert.equal(readSsh(rt({ endpoints: ['odd'] })), undefined);
    assert.equal(readSsh(rt({ endpoints: { ssh: 42 } })), undefined);
  });

  it('reads Jupyter only as http(s) without credentials; the token moves out of the URL', () => {
    assert.deepEqual(readJupyter(rt({ jupyter_url: 'https://nb.neevcloud.com/r/lab?token=abc' })), {
      url: 'https://nb.neevcloud.com/r/lab',
      token: 'abc',
    });
    assert.deepEqual(readJupyter(rt({ endpoints: { jupyter: { url: 'https://nb.example/x', token: 't' } } })), {
      url: 'https://nb.example/x',
      token: 't',
    });
    assert.deepEqual(readJupyter(rt({ endpoints: { jupyterUrl: 'https://nb.example/x' } })), {
      url: 'https://nb.example/x',
    });
    assert.equal(readJupyter(rt({ jupyter_url: 'javascript:alert(1)' })), undefined);
    assert.equal(readJupyter(rt({ jupyter_url: 'https://user:pw@nb.example/' })), undefined);
    assert.equal(readJupyter(rt({ jupyter_url: 'not a url' })), undefined);
    assert.equal(readJupyter(rt({})), undefined);
  });

  it('accepts snake_case runtime fields too, and price = per GPU-hour × count', () => {
    const pod = mapRuntime(
      rt({
        gpu_config: { config_id: 'gpu-x', gpu_model: 'L40S', vram_gib: '48', price_per_gpu_per_hour: '0.89' },
        gpu_count: 4,
        region: 'as-south-1',
        created_at: 1_700_000_000,
      }),
    );
    assert.equal(pod.gpuName, 'L40S');
    assert.equal(pod.vramGb, 48);
    assert.equal(pod.pricePerHour, 3.56);
    assert.equal(pod.createdAt, 1_700_000_000_000);
    assert.equal(
      mapRuntime(rt({ gpuConfigID: 'gpu-x', gpuCount: 1 })).pricePerHour,
      undefined,
      'unknown price stays unknown',
    );
    assert.equal(mapRuntime(rt({ gpuConfigID: 'gpu-x', gpuCount: 2 }), new Map([['gpu-x', 1.5]])).pricePerHour, 3);
  });

  it('names a missing id or name', () => {
    const r = zRuntime.safeParse({ status: 'Running' });
    assert.equal(r.success, false);
    assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')).sort(), ['id', 'name']);
  });

  it('reads metrics in several spellings', () => {
    assert.deepEqual(mapMetrics({ cpu_utilization: 10, ram_utilization: 20, gpu_utilization: 30 }), {
      cpuPercent: 10,
      ramPercent: 20,
      gpuPercent: 30,
      gpus: [],
    });
    const nested = mapMetrics({
      utilization: { cpu: '11.5', memory: { percent: 22 } },
      gpus: [{ utilization: 40 }, { utilization: 60 }],
    });
    assert.equal(nested.cpuPercent, 11.5);
    assert.equal(nested.ramPercent, 22);
    assert.equal(nested.gpuPercent, 50);
    assert.equal(nested.gpus.length, 2);
    assert.deepEqual(mapMetrics({ something: 'else' }), {
      cpuPercent: undefined,
      ramPercent: undefined,
      gpuPercent: undefined,
      gpus: [],
    });
  });

  it('maps error bodies by status and code', () => {
    const req: HttpRequest = { method: 'GET', path: '/x', what: 'list AI runtimes' };
    const res = (status: number, body: unknown): HttpResponse => ({ status, headers: new Headers(), body });
    const auth = mapNeevError(res(401, { code: 'unauthorized', message: 'missing authorization header' }), req);
    assert.ok(auth instanceof AuthError);
    assert.equal(auth.message, 'NeevCloud refused the access token: missing authorization header.');
    assert.ok(mapNeevError(res(400, { code: 'unauthorized', message: 'token expired' }), req) instanceof AuthError);
    assert.ok(
      mapNeevError(res(404, { code: 'not_found', message: 'project not found' }), req) instanceof NotFoundError,
    );
    const cloud = mapNeevError(res(422, { code: 'quota_exceeded', message: 'GPU quota exceeded' }), req);
    assert.ok(cloud instanceof CloudError);
    assert.equal(cloud.code, 'quota_exceeded');
    assert.ok(!(cloud instanceof CloudRefusal), "an undocumented refusal leaves a create's outcome unknown");
    const refused = mapNeevError(res(400, { code: 'invalid_argument', message: 'planId is required' }), req);
    assert.ok(refused instanceof CloudRefusal, 'the documented "nothing was done" answer');
    assert.equal(refused.code, 'invalid_argument');
    assert.ok(!(mapNeevError(res(400, { code: 'failed_precondition', message: 'x' }), req) instanceof CloudRefusal));
    assert.equal(
      mapNeevError(res(429, { code: 'rate_limited', message: 'slow down' }), req),
      undefined,
      'Retry-After handling stays generic',
    );
    assert.equal(mapNeevError(res(502, '<html>bad gateway</html>'), req), undefined);
  });
});
