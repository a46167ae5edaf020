import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CloudId } from '../../src/core/model';
import { RealPodBackend } from '../simulator/realBackend';
import { AutoInput } from '../support/autoInput';
import { screenshot } from './support/control';
import { accountNode, disconnectAll, flatten, gpuPods, item, script, waitForPodNode } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';
import { sshSandbox, sshTrue, type SshSandbox } from './support/sshSandbox';
import { waitFor } from './support/extension';

interface CloudCase {
  cloud: CloudId;
  name: string;
  connect: Record<string, string>;
  create: Record<string, string>;
  stops: boolean;
  password: boolean;
}

const CASES: CloudCase[] = [
  {
    cloud: 'novita',
    name: 'Novita AI',
    connect: { cloud: 'Novita AI', apiKey: 'nk' },
    create: { productId: 'RTX 4090' },
    stops: true,
    password: true,
  },
  {
    cloud: 'gpugeek',
    name: 'GPUGeek',
    connect: { cloud: 'GPUGeek', apiKey: 'gk' },
    create: {},
    stops: true,
    password: true,
  },
  {
    cloud: 'neevcloud',
    name: 'NeevCloud',
    connect: { cloud: 'NeevCloud', apiKey: 'pat-nc-it', orgId: 'org-sim-7f3a', projectId: 'proj-sim-21c9' },
    create: { gpu: 'H100' },
    stops: false,
    password: false,
  },
];

describe('every cloud end to end: create, connect over SSH, Jupyter, lifecycle', function () {
  this.timeout(240_000);
  let sim: SimulatorHandle;
  let backend: RealPodBackend;
  let sandbox: SshSandbox;
  let userConfig: string;

  before(async () => {
    backend = await RealPodBackend.start();
    sim = await startSimulator({ timeScale: 0.02, backend });
    sandbox = await sshSandbox('Host *\n  ServerAliveInterval 60\n');
    userConfig = sandbox.userConfig;
    await disconnectAll();
  });
  after(async () => {
    await disconnectAll();
    await sandbox.dispose();
    await sim.dispose();
    await backend.stop();
  });

  for (const c of CASES) {
    describe(c.name, () => {
      const podName = `it-${c.cloud}`;

      it('connects the account and creates a pod through its wizard, showing the price first', async () => {
        await script(new AutoInput({ label: 'it', ...c.connect }));
        await vscode.commands.executeCommand('gpuPods.connectCloud');
        const auto = new AutoInput({ createSshKey: true, name: podName, ...c.create });
        await script(auto);
        await vscode.commands.executeCommand('gpuPods.createPod', await accountNode(c.cloud));
        const summary = auto.asked.find((q) => q.id === 'summary');
        assert.ok(summary, `the wizard ends on a summary (asked: ${auto.asked.map((q) => q.id).join(', ')})`);
        const text = summary.items!.map((i) => `${i.label} ${i.description ?? ''}`).join('\n');
        if (c.cloud !== 'gpugeek')
          assert.match(text, /\$\d[\d.]*\/h\b/, `the summary shows the price per hour:\n${text}`);
        else
          assert.match(
            text,
            /\d\/(h|day|week|month) \(GPUGeek's quote/,
            `the summary shows the dry-run price:\n${text}`,
          );
        const pod = await waitForPodNode(c.cloud, podName, 'running', 60_000);
        assert.ok(pod);
      });

      it('connects over SSH with no password typed: ssh -F logs in against the real sshd', async function () {
        if (c.password && backend.passwordUnavailable) this.skip();
        const pod = await waitForPodNode(c.cloud, podName, 'running');
        const { workbench } = await script(new AutoInput({ createSshKey: true }));
        await vscode.commands.executeCommand('gpuPods.connectRemoteSsh', pod);
        assert.deepEqual(workbench.errors, []);
        assert.equal(workbench.folders.length, 1);
        const alias = /ssh-remote\+([^/]+)/.exec(workbench.folders[0].uri)![1];
        assert.equal(alias, `gpupods-${c.cloud}-it-${c.cloud}`);
        const login = sshTrue(userConfig, alias);
        assert.equal(login.code, 0, `ssh failed: ${login.stderr}`);
      });

      it('opens Jupyter with a URL the server accepts', async () => {
        const pod = await waitForPodNode(c.cloud, podName, 'running');
        const { workbench } = await script(new AutoInput());
        await vscode.commands.executeCommand('gpuPods.openJupyter', pod);
        assert.deepEqual(workbench.errors, []);
        assert.equal(workbench.opened.length, 1);
        assert.equal((await fetch(workbench.opened[0])).status, 200);
      });

      if (c.stops) {
        it('stops and starts the pod', async () => {
          await script(new AutoInput());
          await vscode.commands.executeCommand('gpuPods.stopPod', await waitForPodNode(c.cloud, podName, 'running'));
          const stopped = await waitForPodNode(c.cloud, podName, 'stopped', 30_000);
          assert.match(String((await item(stopped)).contextValue), /\+canStart/);
          await vscode.commands.executeCommand('gpuPods.startPod', stopped);
          await waitForPodNode(c.cloud, podName, 'running', 30_000);
        });
      } else {
        it('offers no stop, and says why', async () => {
          const pod = await waitForPodNode(c.cloud, podName, 'running');
          const row = await item(pod);
          assert.doesNotMatch(String(row.contextValue), /\+canStop/);
          assert.match((row.tooltip as vscode.MarkdownString).value, /not offered by this cloud/);
          const { workbench } = await script(new AutoInput());
          await vscode.commands.executeCommand('gpuPods.stopPod');
          assert.ok(
            workbench.infos.some((m) => /NeevCloud cannot stop pods/.test(m)),
            workbench.infos.join(' | '),
          );
        });

        it('shows utilisation when the pod is hovered', async () => {
          const { tree } = await gpuPods();
          const pod = await waitForPodNode(c.cloud, podName, 'running');
          const resolved = await tree.resolveTreeItem(await item(pod), pod, new vscode.CancellationTokenSource().token);
          assert.match((resolved.tooltip as vscode.MarkdownString).value, /CPU \d+% · RAM \d+% · GPU \d+%/);
          await screenshot(`tree-${c.cloud}`);
        });
      }

      it('terminates the pod after confirmation and removes its SSH entry', async () => {
        await script(new AutoInput({ confirmTerminate: true }));
        await vscode.commands.executeCommand('gpuPods.terminatePod', await waitForPodNode(c.cloud, podName, 'running'));
        await waitFor(
          'the pod to leave the tree',
          async () =>
            !(await flatten(await accountNode(c.cloud))).some((n) => n.type === 'pod' && n.pod.name === podName),
          30_000,
        );
        assert.notEqual(sshTrue(userConfig, `gpupods-${c.cloud}-it-${c.cloud}`).code, 0);
      });
    });
  }

  describe('cloud-specific behaviour', () => {
    it('Novita: sold-out products are listed but cannot be picked', async () => {
      const auto = new AutoInput({ productId: () => undefined });
      await script(auto);
      await vscode.commands
        .executeCommand('gpuPods.createPod', await accountNode('novita'))
        .then(undefined, () => undefined);
      const products = auto.asked.find((q) => q.id === 'productId')!.items!;
      const soldOut = products.find((p) => p.label.includes('3090'));
      assert.ok(soldOut?.disabledReason, 'RTX 3090 is sold out and disabled');
      const prices = products
        .filter((p) => !p.disabledReason)
        .map((p) => Number(/\$(\d+(\.\d+)?)/.exec(`${p.label} ${p.description}`)?.[1]));
      assert.deepEqual(
        [...prices].sort((a, b) => a - b),
        prices,
        'sorted by price',
      );
    });

    it('GPUGeek: a failed operation is shown and the instance stays as it was', async () => {
      const instance = sim.sim.controls.gpugeek.seed({ name: 'it-op-fails' });
      const pod = await waitForPodNode('gpugeek', 'it-op-fails', 'running');
      sim.sim.controls.gpugeek.failNextOperation('stop');
      const { workbench } = await script(new AutoInput());
      await vscode.commands.executeCommand('gpuPods.stopPod', pod);
      assert.ok(workbench.errors.length === 1, `one error: ${workbench.errors.join(' | ')}`);
      const again = await waitForPodNode('gpugeek', 'it-op-fails', 'running');
      assert.equal(again.pod.id, instance.id);
    });

    it('GPUGeek: Manage Ports replaces the ports and waits for the operation', async () => {
      const pod = await waitForPodNode('gpugeek', 'it-op-fails', 'running');
      await script(new AutoInput({ ports: '8080/http, 6006/tcp' }));
      await vscode.commands.executeCommand('gpuPods.managePorts', pod);
      const sent = sim.sim.requestsFor('gpugeek', 'POST', '/api/v1/openapi/instance/action');
      assert.ok(sent.length >= 1);
      const state = sim.sim.controls.gpugeek.instances.get(pod.pod.id)!;
      assert.deepEqual(state.httpPorts, [8080]);
      assert.deepEqual(state.tcpPorts, [6006]);
    });

    it('NeevCloud: "notify me" registers an availability alert for a sold-out GPU', async () => {
      const { workbench } = await script(new AutoInput({ soldOutOffer: 'L40S' }));
      await vscode.commands.executeCommand('gpuPods.notifyWhenAvailable', await accountNode('neevcloud'));
      assert.ok(
        workbench.infos.some((m) => /e-mail/.test(m)),
        workbench.infos.join(' | '),
      );
      assert.ok(sim.sim.controls.neevcloud.alerts().some((a) => a.config_id.includes('l40s')));
    });
  });
});
