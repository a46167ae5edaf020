import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CloudId } from '../../src/core/model';
import { AutoInput } from '../support/autoInput';
import { accountNode, disconnectAll, gpuPods, script, waitForPodNode } from './support/gpuPods';
import { atTrace, scanForSecrets, simulatorSecrets } from './support/secretScan';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/**
 * Environment variables and start commands at create, through each cloud's real wizard: the request the strict
 * simulator received carries them (a secret's value too), and the secret is in nothing a person or another
 * program can read afterwards (the secret scan).
 */
const SECRET = 'wb_itest_Zq8WmV3pL0sK';
/** The clouds that take an environment at create, with the suite's API keys. */
const KEYS: Partial<Record<CloudId, string>> = {
  novita: 'nk-env-it-key',
  gpugeek: 'gk-env-it-key',
  yotta: 'yk-env-it-key',
};
const NEEV_KEY = 'pat-nc-env-it';

/** The secret names the suite keeps (one per cloud, so each test stands alone). */
const KEPT = ['hf-token', 'hf-token-gpugeek', 'hf-token-yotta'];

/** The environment step as a user fills it: a new secret, a plain variable, then Continue. */
const withSecret = (secretName: string, extra: Record<string, string | string[]> = {}) => ({
  env: ['Add Variable', 'Add Variable', ...((extra.env as string[] | undefined) ?? []), 'Continue'],
  'env.name': ['WANDB_KEY', 'WANDB_PROJECT'],
  'env.kind': ['New Secret Value', 'Plain Value'],
  'env.secretName': secretName,
  'env.secretValue': SECRET,
  'env.value': 'demo',
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'env')),
});

describe('environment variables and start command at create (every cloud that documents them)', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  const secrets = () => [SECRET, ...Object.values(KEYS), NEEV_KEY, ...simulatorSecrets(sim)];

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    const { services } = await gpuPods();
    for (const [cloud, key] of Object.entries(KEYS))
      await services.accounts.add({ cloud: cloud as CloudId, label: 'env', options: {} }, key);
    // Kept secrets belong to the profile, not an account: each run starts without the ones it adds.
    for (const name of KEPT) await services.env.forAccount('env').forgetSecret(name);
  });
  after(async () => {
    const { services } = await gpuPods();
    for (const name of KEPT) await services.env.forAccount('env').forgetSecret(name);
    await disconnectAll();
    await sim.dispose();
  });

  /** Runs Create Pod on the cloud's account with `answers`; returns the create body the cloud received. */
  async function create(cloud: CloudId, answers: ConstructorParameters<typeof AutoInput>[0], path: RegExp) {
    const auto = new AutoInput(answers);
    const { workbench } = await script(auto);
    const before = sim.sim.requests.length;
    await atTrace(async () => {
      await vscode.commands.executeCommand('gpuPods.createPod', await accountNode(cloud));
      assert.deepEqual([...workbench.errors, ...workbench.warnings], [], `${cloud} created the pod`);
      await waitForPodNode(cloud, String(answers!.name), 'running', 60_000);
    });
    const posts = sim.sim.requests
      .slice(before)
      .filter((r) => r.cloud === cloud && r.method === 'POST' && path.test(r.path) && r.status < 300);
    const body = posts.at(-1)?.body as Record<string, unknown>;
    assert.ok(body, `${cloud} received a create`);
    const summary = auto.asked.filter((q) => q.id === 'summary').at(-1)!;
    const line = (label: string) => summary.items!.find((i) => i.label === label)?.description;
    return { auto, workbench, body, posts, line };
  }

  it('Novita AI: envs with the secret, command and entrypoint reach the cloud; the summary masks it; the scan finds it nowhere', async () => {
    const { auto, workbench, body, line } = await create(
      'novita',
      {
        ...withSecret('hf-token', {
          env: ['Start Command', 'Entrypoint', 'Save These Variables'],
          'env.command': 'python train.py',
          'env.entrypoint': '/bin/bash -lc',
          'env.setName': 'my HF and W&B',
        }),
        productId: 'RTX 4090',
        name: 'it-env-novita',
      },
      /^\/gpu\/instance\/create$/,
    );
    assert.deepEqual(body.envs, [
      { key: 'WANDB_KEY', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
    ]);
    assert.equal(body.command, 'python train.py');
    assert.equal(body.entrypoint, '/bin/bash -lc');
    assert.equal(line('Environment'), 'WANDB_KEY = •••••• (secret: hf-token), WANDB_PROJECT = demo');
    assert.equal(line('Start command'), 'python train.py');
    assert.equal(line('Entrypoint'), '/bin/bash -lc');
    const { services } = await gpuPods();
    assert.equal(await services.env.secretValue('hf-token'), SECRET, 'the value is kept in SecretStorage');
    const report = await scanForSecrets(secrets(), { asked: auto.asked, workbench });
    assert.ok(report.logBytes > 0 && report.globalStateKeys > 0 && report.settingsBytes > 0);
    const log = report.logFile
      .split(', ')
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    assert.match(log, /"key":"WANDB_KEY","value":"\*\*\*"/, 'the trace log was read: it names the variable');
  });

  it('Novita AI: the saved set is offered at the next create on the account and sends the secret from SecretStorage', async () => {
    const { auto, workbench, body } = await create(
      'novita',
      { env: ['Use "my HF and W&B"', 'Continue'], productId: 'RTX 4090', name: 'it-env-novita-2' },
      /^\/gpu\/instance\/create$/,
    );
    const offered = auto.asked.find((q) => q.id === 'env')!.items!.find((i) => i.label.includes('my HF and W&B'));
    assert.equal(offered?.description, 'WANDB_KEY, WANDB_PROJECT');
    assert.deepEqual(body.envs, [
      { key: 'WANDB_KEY', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
    ]);
    const { services } = await gpuPods();
    const state = JSON.stringify(services.context.globalState.get('gpuPods.envSets'));
    assert.match(state, /"secret":"hf-token"/, 'the set names the secret');
    await scanForSecrets(secrets(), { asked: auto.asked, workbench });
  });

  it('GPUGeek: env as KEY=VALUE lines and cmd go with the create, not the dry run; the scan finds the secret nowhere', async () => {
    const { auto, workbench, body, posts, line } = await create(
      'gpugeek',
      {
        ...withSecret('hf-token-gpugeek', { env: ['Start Command'], 'env.command': 'bash /gz-data/start.sh' }),
        name: 'it-env-gpugeek',
      },
      /^\/api\/v1\/openapi\/instance\/create$/,
    );
    assert.equal(body.dryRun, false);
    assert.equal(body.env, `WANDB_KEY=${SECRET}\nWANDB_PROJECT=demo`);
    assert.equal(body.cmd, 'bash /gz-data/start.sh');
    for (const dry of posts.filter((p) => (p.body as { dryRun?: boolean }).dryRun))
      assert.ok(!JSON.stringify(dry.body).includes(SECRET), 'the dry run carries no secret');
    assert.equal(line('Environment'), 'WANDB_KEY = •••••• (secret: hf-token-gpugeek), WANDB_PROJECT = demo');
    assert.equal(line('Entrypoint'), undefined, 'GPUGeek documents none');
    await scanForSecrets(secrets(), { asked: auto.asked, workbench });
  });

  it('Yotta Labs: environmentVars carry the secret next to GPU Pods’ own; no start command is offered', async () => {
    const { auto, workbench, body, line } = await create(
      'yotta',
      { ...withSecret('hf-token-yotta'), gpu: 'RTX 4090', name: 'it-env-yotta' },
      /^\/v2\/pods$/,
    );
    const vars = body.environmentVars as Array<{ key: string; value: string }>;
    assert.deepEqual(vars.slice(0, 2), [
      { key: 'WANDB_KEY', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
    ]);
    assert.equal(body.initializationCommand, undefined);
    assert.match(line('Environment') ?? '', /^WANDB_KEY = •••••• \(secret: hf-token-yotta\), WANDB_PROJECT = demo/);
    assert.ok(!auto.asked.find((q) => q.id === 'env')!.items!.some((i) => i.label.includes('Start Command')));
    await scanForSecrets(secrets(), { asked: auto.asked, workbench });
  });

  it('NeevCloud: no environment step; the summary says NeevCloud does not offer it', async () => {
    await script(
      new AutoInput({
        cloud: 'NeevCloud',
        label: 'env',
        apiKey: NEEV_KEY,
        orgId: 'org-sim-7f3a',
        projectId: 'proj-sim-21c9',
      }),
    );
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    const auto = new AutoInput({ createSshKey: true, gpu: 'H100', name: 'it-env-neev', summary: () => undefined });
    await script(auto);
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('neevcloud'));
    assert.ok(!auto.asked.some((q) => q.id === 'env'), 'no environment step');
    const summary = auto.asked.find((q) => q.id === 'summary')!;
    assert.equal(
      summary.items!.find((i) => i.label === 'Environment')?.description,
      'not offered by NeevCloud: its API documents no environment variables or start command',
    );
  });
});
