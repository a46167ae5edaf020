import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem } from '../../src/ui/prompts';
import { AutoInput } from '../support/autoInput';
import { accountNode, disconnectAll, gpuPods, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

const SECRET = 'hf_spec_it_secret_value_123';
const CREATE = /^\/gpu\/instance\/create$/;

/**
 * The workspace pod spec against the strict simulator (Novita AI): the create wizard's summary saves its answers
 * to .vscode/gpu-pods.json (a secret by its name only), and Create Pod from Workspace Spec shows just the summary
 * and sends one create with the spec's values (the secret's value read from SecretStorage, as at any create).
 */
describe('Workspace pod spec (Novita AI)', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  let accountId: string;
  const specFile = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.vscode', 'gpu-pods.json');
  const removeSpec = () => vscode.workspace.fs.delete(specFile()).then(undefined, () => undefined);
  const creates = () => sim.sim.requestsFor('novita', 'POST', '/gpu/instance/create').length;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    await removeSpec();
    const { services } = await gpuPods();
    accountId = (await services.accounts.add({ cloud: 'novita', label: 'spec', options: {} }, 'nk-spec')).id;
  });
  after(async () => {
    const { services } = await gpuPods();
    await services.env.forAccount(accountId).forgetSecret('spec-token');
    await removeSpec();
    await disconnectAll();
    await sim.dispose();
  });

  /** The summary's line that starts with `label`; a second asking dismisses the summary (Escape). */
  const once = (label: string) => {
    let asked = 0;
    return (items: PickItem<unknown>[]) => (asked++ === 0 ? items.find((i) => i.label.includes(label)) : undefined);
  };

  it('"Save These Answers to the Workspace" on the summary writes the spec, the secret by its name only, and creates nothing', async () => {
    const ui = new AutoInput({
      productId: 'RTX 4090',
      env: ['Add Variable', 'Add Variable', 'Continue'],
      'env.name': ['WANDB_KEY', 'WANDB_PROJECT'],
      'env.kind': ['New Secret Value', 'Plain Value'],
      'env.secretName': 'spec-token',
      'env.secretValue': SECRET,
      'env.value': 'demo',
      name: 'it-spec-saved',
      summary: once('Save These Answers to the Workspace'),
    });
    const { workbench } = await script(ui);
    const before = creates();

    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('novita'));

    assert.deepEqual(workbench.errors, []);
    assert.equal(creates(), before, 'nothing was created');
    assert.deepEqual(workbench.infos.at(-1), 'Saved to .vscode/gpu-pods.json.');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(specFile()));
    assert.ok(!text.includes(SECRET), 'the secret value is not in the file');
    const spec = JSON.parse(text) as Record<string, unknown>;
    assert.equal(spec.cloud, 'novita');
    assert.equal(spec.account, 'spec');
    assert.deepEqual(spec.gpu, { type: 'prod-4090', count: 1 });
    assert.deepEqual(spec.env, [
      { name: 'WANDB_KEY', secret: 'spec-token' },
      { name: 'WANDB_PROJECT', value: 'demo' },
    ]);
  });

  it("Create Pod from Workspace Spec shows only the summary, then sends one create with the spec's values", async () => {
    const spec = {
      cloud: 'novita',
      account: 'spec',
      name: 'it-from-spec',
      gpu: { type: 'prod-4090', count: 1 },
      image: 'nvcr.io/nvidia/pytorch:24.05-py3',
      disks: { systemGb: 70, dataGb: 90 },
      ports: [
        { port: 8888, protocol: 'http' },
        { port: 8080, protocol: 'tcp' },
      ],
      env: [
        { name: 'WANDB_KEY', secret: 'spec-token' },
        { name: 'WANDB_PROJECT', value: 'demo' },
      ],
    };
    await vscode.workspace.fs.writeFile(specFile(), new TextEncoder().encode(JSON.stringify(spec, null, 2)));
    const ui = new AutoInput();
    const { workbench } = await script(ui);
    const before = sim.sim.requests.length;

    await vscode.commands.executeCommand('gpuPods.createPodFromWorkspaceSpec');

    assert.deepEqual(workbench.errors, []);
    assert.deepEqual(
      ui.asked.map((q) => q.id),
      ['summary'],
      'only the summary was shown',
    );
    assert.match(
      ui.asked[0].items!.map((i) => `${i.label} ${i.description ?? ''}`).join('\n'),
      /\$\d/,
      'the summary shows the price',
    );
    const posts = sim.sim.requests
      .slice(before)
      .filter((r) => r.cloud === 'novita' && r.method === 'POST' && CREATE.test(r.path));
    assert.equal(posts.length, 1, 'exactly one create request');
    const body = posts[0].body as Record<string, unknown>;
    assert.equal(body.name, 'it-from-spec');
    assert.equal(body.productId, 'prod-4090');
    assert.equal(body.gpuNum, 1);
    assert.equal(body.imageUrl, 'nvcr.io/nvidia/pytorch:24.05-py3');
    assert.equal(body.rootfsSize, 70);
    assert.equal(body.diskSize, 90);
    assert.deepEqual(body.envs, [
      { key: 'WANDB_KEY', value: SECRET },
      { key: 'WANDB_PROJECT', value: 'demo' },
    ]);
    assert.equal(body.ports, '8080/tcp');
  });
});
