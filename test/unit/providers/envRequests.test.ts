import assert from 'node:assert/strict';
import type { Answers, CreateContext, CreateForm, PickField } from '../../../src/core/createForm';
import { ConfigError } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/logger';
import type { Pod } from '../../../src/core/model';
import { DEFAULT_IMAGE } from '../../../src/providers/novita/form/catalog';
import { FakePodBackend } from '../../simulator/backend';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';
import { type NovitaHarness, startNovitaHarness, waitFor } from '../../simulator/novita/harness';
import { startYotta, type YottaHarness } from '../../simulator/yotta/harness';

/** The create request each cloud received carries the environment; the summary and the log never the secret. */

const SECRET = 'hf_sEcReT_0123456789';
const env = {
  vars: [
    { name: 'HF_TOKEN', secret: 'hf-token' },
    { name: 'WANDB_PROJECT', value: 'demo' },
  ],
  command: 'python train.py --epochs 3',
  entrypoint: '/bin/bash -lc',
};
const ctx: CreateContext = {
  jupyterPassword: 'jp-env-test',
  secretValue: async (name) => (name === 'hf-token' ? SECRET : undefined),
};

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const put = (m: unknown, ...a: unknown[]) => lines.push([m, ...a].map((x) => JSON.stringify(x)).join(' '));
  return { lines, trace: put, debug: put, info: put, warn: put, error: put };
}

const lastBody = (requests: Array<{ body?: unknown }>) => requests.at(-1)?.body as Record<string, unknown>;

describe('environment at create: Novita AI', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  const answers: Answers = {
    productId: 'prod-4090',
    gpuNum: 1,
    clusterId: '',
    image: DEFAULT_IMAGE,
    rootfsSize: '50',
    diskSize: '0',
    jupyter: true,
    ports: '',
    networkStorages: [],
    env,
    name: 'env-pod',
  };

  async function form(logger?: Logger): Promise<CreateForm<Pod>> {
    const f = h.provider(undefined, logger).createForm();
    await (f.fields.find((x) => x.id === 'productId') as PickField).options({});
    return f;
  }

  it('sends envs (the secret read at create), command and entrypoint; the summary masks the secret', async () => {
    const logger = recordingLogger();
    const f = await form(logger);
    const lines = await f.summarize(answers, ctx);
    const by = new Map(lines.map((l) => [l.label, l.value]));
    assert.equal(by.get('Environment'), 'HF_TOKEN = •••••• (secret: hf-token), WANDB_PROJECT = demo');
    assert.equal(by.get('Start command'), 'python train.py --epochs 3');
    assert.equal(by.get('Entrypoint'), '/bin/bash -lc');
    const pod = await f.create(answers, ctx);
    const body = lastBody(h.sim.requestsFor('novita', 'POST', '/gpu/instance/create'));
    assert.deepEqual(body.envs, [
      { key: 'HF_TOKEN', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
    ]);
    assert.equal(body.command, 'python train.py --epochs 3');
    assert.equal(body.entrypoint, '/bin/bash -lc');
    // Novita echoes the environment in its instance answers: the trace log keeps the names only.
    await waitFor(h.provider(undefined, logger), pod.id, 'running');
    assert.ok(logger.lines.some((l) => l.includes('HF_TOKEN')));
    for (const line of logger.lines) assert.ok(!line.includes(SECRET), `the log shows the secret: ${line}`);
  });

  it('without variables or a start command: no envs, no entrypoint, and the template’s own command', async () => {
    const f = await form();
    await (f.fields.find((x) => x.id === 'image') as PickField).options({});
    const a = { ...answers, image: 'template:tpl-2', ports: '', env: { vars: [] } };
    const lines = await f.summarize(a, ctx);
    assert.equal(lines.find((l) => l.label === 'Start command')!.value, "the template's: vllm serve");
    assert.equal(lines.find((l) => l.label === 'Environment')!.value, 'none');
    await f.create(a, ctx);
    const body = lastBody(h.sim.requestsFor('novita', 'POST', '/gpu/instance/create'));
    assert.equal(body.envs, undefined);
    assert.equal(body.entrypoint, undefined);
    assert.equal(body.command, 'vllm serve');
  });

  it('a secret no longer kept: nothing is sent, and the reason names the secret', async () => {
    const f = await form();
    await assert.rejects(
      f.create(answers, { ...ctx, secretValue: async () => undefined }),
      (e: unknown) => e instanceof ConfigError && /"hf-token" for HF_TOKEN/.test(e.message),
    );
    assert.equal(h.sim.requestsFor('novita', 'POST', '/gpu/instance/create').length, 0);
  });
});

describe('environment at create: GPUGeek', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => {
    h.sim.reset();
    h.sim.backend = new FakePodBackend();
  });

  const answers: Answers = {
    gpuName: 'G40-24G',
    gpuNum: '1',
    dcId: 'suqian-b',
    skuName: 'payg',
    imageId: '123abc',
    systemDiskSize: '30',
    dataDiskSize: '20',
    tcpPorts: '',
    httpPorts: '',
    env,
    name: 'env-train',
  };
  const posts = () => h.sim.requestsFor('gpugeek', 'POST', '/api/v1/openapi/instance/create');

  it('sends env as one KEY=VALUE per line and cmd with the create; the dry run carries neither', async () => {
    const f = h.provider().createForm();
    const lines = await f.summarize(answers, ctx);
    const by = new Map(lines.map((l) => [l.label, l.value]));
    assert.equal(by.get('Environment'), 'HF_TOKEN = •••••• (secret: hf-token), WANDB_PROJECT = demo');
    assert.equal(by.get('Start command'), 'python train.py --epochs 3');
    assert.equal(by.get('Entrypoint'), undefined, 'GPUGeek documents no entrypoint');
    const dryRun = lastBody(posts());
    assert.equal(dryRun.dryRun, true);
    assert.equal(dryRun.env, undefined);
    assert.equal(dryRun.cmd, undefined);
    const pod = await f.create(answers, ctx);
    const body = lastBody(posts());
    assert.equal(body.dryRun, false);
    assert.equal(body.env, `HF_TOKEN=${SECRET}\nWANDB_PROJECT=demo`);
    assert.equal(body.cmd, 'python train.py --epochs 3');
    assert.equal(body.entrypoint, undefined);
    assert.ok(pod.quotedPrice, 'the quote of the dry run still goes with the pod');
  });
});

describe('environment at create: Yotta Labs', () => {
  let h: YottaHarness;
  before(async () => (h = await startYotta()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  it('sends environmentVars with the secret read at create, after the user’s and before GPU Pods’ own; no command', async () => {
    const answers: Answers = {
      gpu: 'NVIDIA_RTX_4090_24G',
      gpuCount: 1,
      region: 'us-east-1',
      volume: 'none',
      ports: ['22/SSH', '8888/HTTP'],
      env,
      name: 'env-yotta',
    };
    const f = h.provider().createForm();
    const lines = await f.summarize(answers, ctx);
    assert.equal(
      lines.find((l) => l.label === 'Environment')?.value,
      'HF_TOKEN = •••••• (secret: hf-token), WANDB_PROJECT = demo, JUPYTER_PASSWORD = •••••• (set by GPU Pods for Jupyter)',
    );
    assert.equal(
      lines.find((l) => l.label === 'Start command'),
      undefined,
    );
    await f.create(answers, { ...ctx, sshPublicKey: 'ssh-ed25519 AAAAenv' });
    const body = lastBody(h.sim.requestsFor('yotta', 'POST', '/v2/pods'));
    assert.deepEqual(body.environmentVars, [
      { key: 'HF_TOKEN', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
      { key: 'JUPYTER_PASSWORD', value: 'jp-env-test' },
      { key: 'PUBLIC_KEY', value: 'ssh-ed25519 AAAAenv' },
    ]);
    assert.equal(body.initializationCommand, undefined);
  });
});
