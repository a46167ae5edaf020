import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clickWorkbench, pressWorkbench, readWorkbench, screenshot } from '../integration/support/control';
import { EXTENSION_ID, getExtension, waitFor } from '../integration/support/extension';
import { startSimulator, type SimulatorHandle } from '../integration/support/simulator';
import {
  answer,
  currentTitle,
  paletteRows,
  placeholders,
  QUICK_ROWS,
  renderedText,
  SIDEBAR,
  waitForRow,
  waitForTitle,
} from './workbench';

/*
 * Issue #20: the package a user installs. `npm run package` built it and VS Code's installer put it into this
 * run's extensions folder; nothing here was staged by hand. Everything is read from what the workbench renders.
 */

interface Manifest {
  displayName: string;
  description: string;
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    walkthroughs: Array<{ id: string; title: string; steps: Array<{ title: string }> }>;
  };
}

/** The installed package's own translations: what every `%key%` of its manifest must read as. */
function shippedStrings(): Record<string, string> {
  const file = path.join(getExtension().extensionPath, 'package.nls.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (e) {
    throw new Error(`the installed package has no readable package.nls.json (${(e as Error).message})`, { cause: e });
  }
}

const manifest = () => getExtension().packageJSON as Manifest;

describe('the installed .vsix', function () {
  this.timeout(120_000);

  before(async () => {
    await getExtension().activate();
  });

  it('is GPU Pods installed from the package, not a development copy', () => {
    const installedIn = process.env.GPU_PODS_EXTENSIONS_DIR;
    assert.ok(installedIn, 'the launcher names the extensions folder it installed the .vsix into');
    const ext = getExtension();
    assert.equal(path.dirname(ext.extensionPath), path.resolve(installedIn));
  });

  it('shows its name and description in words, and in the Extensions view', async () => {
    const { displayName, description } = manifest();
    assert.equal(displayName, shippedStrings()['extension.displayName']);
    assert.deepEqual(placeholders(`${displayName} ${description}`), []);
    await vscode.commands.executeCommand('workbench.extensions.search', '@installed GPU Pods');
    const rows = await renderedText(
      `${SIDEBAR} .extensions-list`,
      (t) => t.includes(displayName),
      'GPU Pods in the Extensions view',
    );
    assert.deepEqual(placeholders(rows), [], `the Extensions view shows: ${rows}`);
  });

  it('titles every contributed command in words, and the palette shows them so', async () => {
    const unresolved = manifest().contributes.commands.filter(
      (c) => placeholders(`${c.category ?? ''} ${c.title}`).length > 0,
    );
    assert.deepEqual(unresolved, [], 'commands whose title or category is a %key%');
    const connect = `GPU Pods: ${shippedStrings()['command.connectCloud.title']}`;
    const rows = await paletteRows('GPU Pods');
    assert.ok(
      rows.some((r) => r.includes(connect)),
      `the palette offers "${connect}"; it shows: ${rows.join(' | ')}`,
    );
    assert.deepEqual(
      rows.flatMap((r) => placeholders(r)),
      [],
      `palette rows: ${rows.join(' | ')}`,
    );
    // VS Code's own "Focus on … View" commands are made from our view and container titles.
    const focus = await paletteRows('Focus on Pods');
    assert.ok(
      focus.some((r) => /GPU Pods: Focus on .*View/.test(r)),
      `the palette offers GPU Pods' view; it shows: ${focus.join(' | ')}`,
    );
    assert.deepEqual(
      focus.flatMap((r) => placeholders(r)),
      [],
    );
  });

  it('titles its view container and view in words', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.gpuPods');
    const title = await renderedText(`${SIDEBAR} .composite.title`, (t) => t.trim() !== '', 'the side bar title');
    assert.match(title, /GPU Pods/i);
    const headers = (await readWorkbench(`${SIDEBAR} .pane-header`)) ?? [];
    assert.deepEqual(placeholders(`${title} ${headers.join(' ')}`), [], `headers: ${headers.join(' | ')}`);
    const welcome = await renderedText(`${SIDEBAR} .pane-body`, (t) => t.trim() !== '', 'the view welcome');
    assert.deepEqual(placeholders(welcome), [], `the view shows: ${welcome}`);
  });

  it('opens its walkthrough with every step titled in words', async () => {
    const walkthrough = manifest().contributes.walkthroughs[0];
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${EXTENSION_ID}#${walkthrough.id}`,
      false,
    );
    const page = await renderedText(
      '.gettingStartedContainer',
      (t) => t.includes(walkthrough.steps[0].title),
      'the walkthrough page with its first step',
    );
    assert.ok(page.includes(walkthrough.title), `the walkthrough page shows: ${page.slice(0, 300)}`);
    assert.deepEqual(placeholders(page), []);
    await screenshot('installed-walkthrough');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists its settings in words in the Settings editor', async () => {
    await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`);
    const page = await renderedText(
      '.settings-editor .settings-tree-container',
      (t) => /GPU Pods/i.test(t) && t.length > 200,
      "GPU Pods' settings",
    );
    assert.deepEqual(placeholders(page), [], `the Settings editor shows: ${page.slice(0, 400)}`);
    await screenshot('installed-settings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('connected to the simulated clouds through its own commands', () => {
    let sim: SimulatorHandle;
    before(async () => {
      sim = await startSimulator();
      const c = sim.sim.controls;
      const llama = c.yotta.addPod({ name: 'llama-finetune', status: 'RUNNING' });
      // Its GPUs are busy from the start: the sampler's first reading, taken when the pod shows in the open
      // view, is the one the row shows (the minute between rounds is utilisation.itest.ts's, on a faster clock).
      sim.sim.gpu.set('yotta', llama, {
        kind: 'gpus',
        gpus: [{ name: 'NVIDIA GeForce RTX 4090', utilizationPct: 87, memoryUsedMiB: 20100, memoryTotalMiB: 24564 }],
      });
      c.novita.seedInstance({ name: 'sdxl-train' });
      c.gpugeek.seed({ name: 'qwen-eval' });
      c.neevcloud.seedRuntime({ name: 'whisper-batch' });
    });
    after(async () => {
      await sim?.dispose();
    });

    /** Connect a GPU Cloud… from the palette's command, answered in the quick input as a user types. */
    async function connect(cloud: string, extra: Array<[RegExp, string]> = []): Promise<void> {
      const done = vscode.commands.executeCommand('gpuPods.connectCloud');
      await answer(/Connect a GPU cloud/i, cloud);
      await answer(new RegExp(`${cloud}.*label`, 'i'));
      await answer(new RegExp(`${cloud}.*API key`, 'i'), `sim-key-${cloud.length}`);
      for (const [title, text] of extra) await answer(title, text);
      await done;
    }

    it('shows each cloud pods once its key is pasted', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.gpuPods');
      // Wide enough for a pod's row to read whole in the README's pictures.
      // (the editor area has the focus: making it narrower makes the side bar wider)
      for (let i = 0; i < 5; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      await connect('Yotta Labs');
      await waitForRow('llama-finetune');
      await connect('Novita AI');
      await waitForRow('sdxl-train');
      await connect('GPUGeek');
      await waitForRow('qwen-eval');
      const neev = sim.sim.controls.neevcloud;
      await connect('NeevCloud', [
        [/NeevCloud.*organi[sz]ation/i, neev.orgId],
        [/NeevCloud.*project/i, neev.projectId],
      ]);
      await waitForRow('whisper-batch');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await screenshot('installed-all-clouds', 2000);
    });

    it('offers Connect to a GPU Pod… in the Remote indicator menu', async () => {
      assert.ok(await clickWorkbench('[id="status.host"]'), 'the status bar has a Remote indicator');
      let rows: string[] = [];
      await waitFor('the Remote indicator menu', async () => {
        rows = (await readWorkbench(QUICK_ROWS)) ?? [];
        return rows.some((r) => r.includes('Connect to a GPU Pod…'));
      }).catch((e: Error) => {
        throw new Error(`${e.message}; the menu showed: ${rows.join(' | ')}`, { cause: e });
      });
      await screenshot('installed-remote-indicator', 300);
      await pressWorkbench('Escape');
    });

    it('walks the create wizard from the GPU step to the summary, creating nothing until asked', async () => {
      // Novita: a password cloud, so no SSH key is asked for first (a modal dialog the page cannot answer).
      const creates = () => sim.sim.requestsFor('novita', 'POST').filter((r) => /create/.test(r.path)).length;
      const before = creates();
      const done = vscode.commands.executeCommand('gpuPods.createPod');
      await answer(/account|Create Pod/i, 'Novita');
      await waitForTitle(/GPU/);
      await screenshot('installed-wizard-gpu', 300);
      // Enter takes each step's first (or prefilled) answer, up to the summary.
      for (let step = 0; step < 20 && !/Summary/i.test(await currentTitle()); step++) {
        const title = await currentTitle();
        await pressWorkbench('Enter');
        await waitFor('the next step', async () => (await currentTitle()) !== title, 10_000, 150);
      }
      assert.match(await currentTitle(), /Summary/i);
      await screenshot('installed-wizard-summary', 300);
      await pressWorkbench('Escape');
      await done.then(
        () => undefined,
        () => undefined,
      );
      assert.equal(creates(), before, 'leaving the summary creates nothing');
    });

    it("shows a running pod's GPU % in its row, read by the shipped bundle's sampler", async () => {
      await waitForRow('GPU 87%');
    });

    it('keeps the pods when only the volumes list fails, and says so in the Volumes group', async () => {
      sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: /^\/v2\/volumes\/?$/, mode: 'malformed' });
      try {
        await vscode.commands.executeCommand('gpuPods.refresh');
        await waitForRow('not valid JSON');
        await waitForRow('llama-finetune');
        await screenshot('installed-partial-failure', 1000);
      } finally {
        sim.sim.clearFaults();
      }
      await vscode.commands.executeCommand('gpuPods.refresh');
    });

    it('keeps the other clouds working when one key is revoked', async () => {
      sim.sim.revokedKeys.add(`sim-key-${'Yotta Labs'.length}`);
      await vscode.commands.executeCommand('gpuPods.refresh');
      await waitForRow('key');
      await waitForRow('sdxl-train');
      await screenshot('installed-invalid-key', 1000);
      sim.sim.revokedKeys.clear();
      await vscode.commands.executeCommand('gpuPods.refresh');
      await waitForRow('llama-finetune');
    });
  });
});
