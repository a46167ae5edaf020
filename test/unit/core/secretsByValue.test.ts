import assert from 'node:assert/strict';
import type { Answers } from '../../../src/core/createForm';
import { CloudError } from '../../../src/core/errors';
import { systemClock } from '../../../src/core/clock';
import { KeyGate } from '../../../src/core/keyGate';
import type { Logger } from '../../../src/core/logger';
import type { Provider } from '../../../src/core/provider';
import { CLOUDS } from '../../../src/providers/clouds';
import { buildAccountProvider } from '../../../src/providers/deps';
import { createYottaProvider } from '../../../src/providers/yotta';
import { startYotta, TEST_KEY, type YottaHarness } from '../../simulator/yotta/harness';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: unknown, ...a: unknown[]) =>
    lines.push([m, ...a].map((x) => (x instanceof Error ? `${x.message} ${x.stack}` : String(x))).join(' '));
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

/** Everything of an error a user (toast, tree node) or the output channel could see. */
function visible(e: unknown): string {
  const err = e as Error & { details?: string; code?: string };
  return [err.message, err.details ?? '', err.stack ?? '', String(err.code ?? '')].join('\n');
}

const envelope = (code: number, message: string) => ({ code, message, data: null });
const JUPYTER_PASSWORD = 'Jup-Secret-4711';
const createAnswers: Answers = {
  gpu: 'NVIDIA_RTX_4090_24G',
  gpuCount: 1,
  region: 'us-east-1',
  volume: 'none',
  ports: ['22/SSH', '8888/HTTP'],
  name: 'secrets',
};

describe('Secrets by value: a Yotta account built as ProviderManager builds it, against the simulator', () => {
  let h: YottaHarness;
  let logger: ReturnType<typeof recordingLogger>;
  let provider: Provider;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => {
    h.sim.reset();
    logger = recordingLogger();
    const gate = new KeyGate(CLOUDS.yotta.rateLimit, { clock: systemClock });
    provider = buildAccountProvider(
      createYottaProvider,
      { apiKey: TEST_KEY, baseUrls: { base: h.sim.baseUrl('yotta') }, options: {} },
      gate,
      logger,
      { backoffMs: 5, timeoutMs: 2000 },
    );
  });

  const clean = (secret: string, error: unknown) => {
    assert.ok(!visible(error).includes(secret), `error shows the secret:\n${visible(error)}`);
    for (const line of logger.lines) assert.ok(!line.includes(secret), `log shows the secret: ${line}`);
  };

  it('the key echoed in a 400 body reaches neither the log nor the error', async () => {
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 400,
      body: envelope(10001, `Invalid request parameters: key ${TEST_KEY} has no access to us-east-1`),
      times: 1,
    });
    const e = await provider.listPods().catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.match(e.message, /has no access to us-east-1/);
    assert.ok(logger.lines.length > 0);
    clean(TEST_KEY, e);
  });

  it('the key echoed in an HTTP 200 envelope error reaches neither the log nor the error', async () => {
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 200,
      body: envelope(10002, `System error while checking ${TEST_KEY}`),
      times: 1,
    });
    const e = await provider.listPods().catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.match(e.message, /System error while checking \*\*\*/);
    clean(TEST_KEY, e);
  });

  it('the Jupyter password sent at create, echoed later by the cloud, reaches neither the log nor the error', async () => {
    const pod = await provider.createForm().create(createAnswers, { jupyterPassword: JUPYTER_PASSWORD });
    assert.ok(pod.id);
    h.sim.addFault({
      cloud: 'yotta',
      method: 'GET',
      path: '/v2/pods',
      status: 200,
      body: envelope(10002, `jupyter on ${pod.id} rejected password ${JUPYTER_PASSWORD}`),
      times: 1,
    });
    const e = await provider.listPods().catch((x: unknown) => x);
    assert.ok(e instanceof CloudError, String(e));
    assert.match(e.message, /rejected password \*\*\*/);
    clean(JUPYTER_PASSWORD, e);
    h.sim.addFault({
      cloud: 'yotta',
      method: 'POST',
      path: /\/pause$/,
      status: 400,
      body: envelope(12001, `cannot pause: password ${JUPYTER_PASSWORD} in use`),
      times: 1,
    });
    const e2 = await provider.podAction(pod.id, 'stop').catch((x: unknown) => x);
    assert.ok(e2 instanceof CloudError, String(e2));
    clean(JUPYTER_PASSWORD, e2);
  });
});
