import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GpuSample } from '../../src/core/utilisation/model';
import type { UtilisationSampler } from '../../src/core/utilisation/sampler';
import { AutoInput } from '../support/autoInput';
import { waitFor } from './support/extension';
import { disconnectAll, gpuPods, revealView, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, type SshSandbox } from './support/sshSandbox';

describe('utilisation: a running pod’s GPU readings reach the feed while the view is shown', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  let ssh: SshSandbox;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    ssh = await sshSandbox('Host *\n  ServerAliveInterval 60\n');
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'it', apiKey: 'yotta-utilisation-key' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
  });
  after(async () => {
    await disconnectAll();
    await ssh.dispose();
    await sim.dispose();
  });

  it('the readings set on the pod are the latest sample (Yotta metrics); a stopped pod has none', async () => {
    const { services } = await gpuPods();
    const running = sim.sim.controls.yotta.addPod({ name: 'util-busy', status: 'RUNNING', gpuCount: 2 });
    const stopped = sim.sim.controls.yotta.addPod({ name: 'util-paused', status: 'PAUSED', gpuCount: 1 });
    sim.sim.gpu.set('yotta', running, {
      kind: 'gpus',
      gpus: [
        { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 91, memoryUsedMiB: 70000, memoryTotalMiB: 81559 },
        { name: 'NVIDIA H100 80GB HBM3', utilizationPct: 4, memoryUsedMiB: 300, memoryTotalMiB: 81559 },
      ],
    });
    const [account] = services.accounts.list();
    await revealView();
    await services.data.refresh(account.id);
    const key = `${account.id}/${running}`;
    const sample = (await waitFor(
      'a GPU reading of the running pod',
      () => {
        const s = services.utilisation.latest(key);
        return s && 'gpus' in s ? s : undefined;
      },
      20_000,
    )) as GpuSample;
    assert.equal(sample.source, 'cloud-metrics');
    assert.deepEqual(
      sample.gpus.map((g) => [g.utilisationPercent, g.memoryUsedMiB, g.memoryTotalMiB]),
      [
        [91, 70000, 81559],
        [4, 300, 81559],
      ],
    );
    assert.equal(services.utilisation.latest(`${account.id}/${stopped}`), undefined);
    assert.ok(
      sim.sim.requestsFor('yotta', 'GET').every((r) => !r.path.startsWith(`/v2/metrics/gpu/pods/${stopped}`)),
      'the stopped pod was never asked about',
    );
  });

  it('hiding the view stops the sampling; showing it again starts it', async () => {
    const { services } = await gpuPods();
    const sampler = services.utilisation as UtilisationSampler;
    await revealView();
    await waitFor('sampling while the view is shown', () => sampler.hasDemand());
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('no sampling once the view is hidden', () => !sampler.hasDemand());
    await revealView();
    await waitFor('sampling again', () => sampler.hasDemand());
  });
});
