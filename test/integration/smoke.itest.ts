import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { controlEndpoint, screenshot } from './support/control';
import { contributedCommands, EXTENSION_ID, getExtension, waitFor } from './support/extension';

// Read when mocha loads the files, before any suite runs (another suite may activate the extension first).
const activeBeforeAnyTest = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;

describe('smoke: the extension in a real VS Code', () => {
  before(() => {
    const control = controlEndpoint();
    console.log(`launcher control endpoint: ${control ? `${control.url} (from ${control.source})` : 'none'}`);
  });

  it(`${EXTENSION_ID} is loaded as a development extension`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
    assert.equal(ext.packageJSON.name, 'gpu-pods');
    assert.equal(activeBeforeAnyTest, false, 'the extension must not activate before its view opens or a command runs');
  });

  it('activates when gpuPods.refresh runs', async () => {
    const ext = getExtension();
    assert.ok(contributedCommands().includes('gpuPods.refresh'), 'the manifest does not contribute gpuPods.refresh');
    let error: unknown;
    try {
      await vscode.commands.executeCommand('gpuPods.refresh');
    } catch (e) {
      error = e;
    }
    await waitFor('the extension to be active', () => ext.isActive, 10_000);
    if (error) {
      // Tolerated only while src/extension.ts is the placeholder that registers no command at all.
      const contributed = new Set(contributedCommands());
      const registered = (await vscode.commands.getCommands(true)).filter((c) => contributed.has(c));
      assert.equal(registered.length, 0, `gpuPods.refresh failed: ${(error as Error).message}`);
      console.log('note: the extension activated but registers none of its contributed commands yet (placeholder activate())');
    }
  });

  it('saves a screenshot of the workbench', async () => {
    const containers = (getExtension().packageJSON.contributes?.viewsContainers?.activitybar ?? []) as Array<{ id: string }>;
    if (containers[0]) await vscode.commands.executeCommand(`workbench.view.extension.${containers[0].id}`);
    const file = await screenshot('smoke-workbench', 1500);
    // The code-server launcher holds a browser page and must save it; the Electron launcher cannot.
    if (process.env.GPU_PODS_SCREENSHOTS === '1') assert.ok(file, 'the launcher did not save the screenshot');
  });
});
