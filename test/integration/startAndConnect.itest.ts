import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { waitFor } from './support/extension';
import { disconnectAll, gpuPods, recordingWorkbench, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, type SshSandbox } from './support/sshSandbox';

/**
 * "Start and Connect" against the strict simulator and a real sshd: a paused Yotta pod, Connect with Remote-SSH
 * (or Connect to a GPU Pod… in the Remote indicator), one confirmation, one resume request, and the Remote-SSH
 * window opened only once the pod's SSH answers.
 */
describe('Start and Connect on a paused pod', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let backend: RealPodBackend;
  let sandbox: SshSandbox;
  const resumes = () => sim.sim.requestsFor('yotta', 'POST').filter((r) => r.path.endsWith('/resume'));

  before(async () => {
    backend = await RealPodBackend.start({ passwordUser: false });
    sim = await startSimulator({ timeScale: 0.02, backend });
    sim.sim.controls.yotta.setBudget(100_000);
    sandbox = await sshSandbox('Host github.com\n  User git\n');
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'yotta', label: 'start', options: {} }, 'yk-start');
    const key = await services.ssh.ensureKey(new AutoInput({ createSshKey: true }));
    sim.sim.controls.yotta.authorizeKey(key.publicKey); // the key is in the console: every pod takes it
    sim.sim.controls.yotta.addPod({ name: 'awake' });
  });
  after(async () => {
    await backend.sshd.listen();
    await disconnectAll();
    await sandbox.dispose();
    await sim.dispose();
    await backend.stop();
  });

  it('Connect to a GPU Pod… lists the paused pod after the running one, "paused — will be resumed"; declining sends nothing', async () => {
    sim.sim.controls.yotta.addPod({ name: 'napper', status: 'PAUSED' });
    await waitForPodNode('yotta', 'napper', 'stopped');
    const ui = new AutoInput({ pod: 'napper', startBeforeConnect: false });
    const { workbench } = await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectToPod');
    const offered = ui.asked.find((q) => q.id === 'pod')!.items!.map((i) => `${i.label} | ${i.description}`);
    assert.deepEqual(offered, [
      'awake | Yotta Labs (start) · running',
      'napper | Yotta Labs (start) · paused — will be resumed',
    ]);
    assert.deepEqual(
      ui.asked.filter((q) => q.kind === 'confirm').map((q) => q.title),
      ['"napper" is paused.'],
      'one confirmation, naming the pod',
    );
    assert.equal(resumes().length, 0, 'no resume request was sent');
    assert.deepEqual(workbench.folders, []);
    assert.deepEqual(workbench.errors, []);
  });

  it('Resume and Connect: one resume request, and Remote-SSH opens only once SSH answers', async () => {
    const id = sim.sim.controls.yotta.addPod({ name: 'sleeper', status: 'PAUSED' });
    const pod = await waitForPodNode('yotta', 'sleeper', 'stopped');
    // The pod will run before its sshd answers.
    await backend.sshd.stopListening();
    let sshUp = false;
    const openedWith: boolean[] = [];
    const workbench = recordingWorkbench();
    const record = workbench.openFolder;
    workbench.openFolder = (uri, newWindow) => (openedWith.push(sshUp), record(uri, newWindow));
    const { services } = await script(new AutoInput({ startBeforeConnect: true }), workbench);

    const done = vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
    await waitFor(
      'the pod to run, as GPU Pods sees it',
      () => services.data.snapshot(pod.account.id)?.pods.some((p) => p.id === id && p.status === 'running'),
      30_000,
    );
    await new Promise((r) => setTimeout(r, 1500)); // several looks at SSH, which does not answer
    assert.deepEqual(workbench.folders, [], 'no window while SSH does not answer');

    await backend.sshd.listen();
    sshUp = true;
    await done;
    assert.deepEqual(workbench.errors, []);
    assert.equal(resumes().length, 1, 'exactly one resume request');
    assert.ok(resumes()[0].path.endsWith(`/v2/pods/${id}/resume`));
    assert.deepEqual(workbench.folders, [
      { uri: 'vscode-remote://ssh-remote+gpupods-yotta-sleeper/root', newWindow: true },
    ]);
    assert.deepEqual(openedWith, [true], 'Remote-SSH was opened after SSH answered');
  });
  it('Resume and Open Jupyter: one resume request, then Jupyter opens at the address the running pod gives', async () => {
    const id = sim.sim.controls.yotta.addPod({ name: 'notebook', status: 'PAUSED' });
    const pod = await waitForPodNode('yotta', 'notebook', 'stopped');
    const ui = new AutoInput({ startBeforeConnect: true });
    const { workbench } = await script(ui);
    await vscode.commands.executeCommand('gpuPods.openJupyter', pod);
    assert.deepEqual(workbench.errors, []);
    assert.deepEqual(
      ui.asked.filter((q) => q.kind === 'confirm').map((q) => q.title),
      ['"notebook" is paused.'],
    );
    assert.equal(resumes().filter((r) => r.path.endsWith(`/v2/pods/${id}/resume`)).length, 1);
    assert.equal(workbench.opened.length, 1);
    assert.equal(new URL(workbench.opened[0]).protocol, 'http:');
  });
});
