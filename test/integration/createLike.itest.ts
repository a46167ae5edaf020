import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AutoInput } from '../support/autoInput';
import { disconnectAll, gpuPods, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/**
 * Create Pod Like This… on a Novita pod against the strict simulator: the wizard, answered by accepting what
 * every step starts on, reaches its summary, and the create Novita receives asks for the source pod's product,
 * GPU count, image, disks, ports and storage.
 */
describe('Create Pod Like This (Novita AI)', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'novita', label: 'like', options: {} }, 'nk-like');
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it("accepting every suggestion reaches the summary, and the create carries the source pod's GPU, image, disks and ports", async () => {
    const novita = sim.sim.controls.novita;
    const storage = novita.seedStorage({ storageName: 'datasets', clusterId: 'cl-us' });
    const sourceId = novita.seedInstance({
      name: 'original',
      productId: 'prod-4090',
      clusterId: 'cl-us',
      gpuNum: 2,
      rootfsSize: 60,
      diskSize: 120,
      imageUrl: 'nvcr.io/nvidia/pytorch:24.05-py3',
      ports: [
        { port: 8080, type: 'tcp' },
        { port: 8081, type: 'http' },
      ],
      jupyter: true,
      networkStorages: [{ id: storage, mountPoint: '/network_0' }],
    });
    const node = await waitForPodNode('novita', 'original', 'running');
    const ui = new AutoInput();
    const { workbench } = await script(ui);
    const before = sim.sim.requestsFor('novita', 'POST', '/gpu/instance/create').length;

    await vscode.commands.executeCommand('gpuPods.createPodLikeThis', node);

    assert.deepEqual(workbench.errors, []);
    const summary = ui.asked.find((q) => q.id === 'summary');
    assert.ok(summary, `the summary was reached (${ui.asked.map((q) => q.id).join(', ')})`);
    assert.match(summary.title, /Create pod on Novita AI like "original"/);
    assert.equal(sim.sim.requestsFor('novita', 'POST', '/gpu/instance/create').length, before + 1, 'one create');
    const source = novita.instance(sourceId)!;
    const created = (await gpuPods()).services.data
      .snapshot(node.account.id)!
      .pods.find((p) => p.id !== sourceId && p.status !== 'terminated');
    assert.ok(created, 'the new pod is in the tree');
    const made = novita.instance(created.id)!;
    for (const key of ['productId', 'gpuNum', 'imageUrl', 'rootfsSize', 'diskSize', 'jupyter', 'clusterId'] as const)
      assert.deepEqual(made[key], source[key], `${key} as on "original"`);
    assert.deepEqual(made.ports, source.ports, 'the same ports');
    assert.deepEqual(
      made.networkStorages.map((n) => n.id),
      [storage],
      'the same storage',
    );
  });
});
