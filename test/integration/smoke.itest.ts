import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { controlEndpoint, screenshot } from './support/control';
import { contributedCommands, EXTENSION_ID, getExtension, waitFor } from './support/extension';
import type { TestHooks } from './support/testExtension';

describe('smoke: the extension in a real VS Code', () => {
  before(() => {
    const control = controlEndpoint();
    console.log(`launcher control endpoint: ${control ? `${control.url} (from ${control.source})` : 'none'}`);
  });

  it(`${EXTENSION_ID} is loaded as a development extension`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
    assert.equal(ext.packageJSON.name, 'gpu-pods');
  });

  it('activates after startup on its own, loading nothing beyond activation while the view is closed', async () => {
    // onStartupFinished: idle timers and the status bar work without the view ever being opened.
    const ext = getExtension();
    await waitFor('the extension to activate after startup', () => ext.isActive, 30_000);
    assert.equal(
      (ext.exports as TestHooks).isLoaded(),
      false,
      'activation loaded the services, the tree or the commands',
    );
  });

  it('runs gpuPods.refresh, loading the rest on first use', async () => {
    const ext = getExtension();
    assert.ok(contributedCommands().includes('gpuPods.refresh'), 'the manifest does not contribute gpuPods.refresh');
    let error: unknown;
    try {
      await vscode.commands.executeCommand('gpuPods.refresh');
    } catch (e) {
      error = e;
    }
    assert.equal(error, undefined, `gpuPods.refresh failed: ${(error as Error)?.message}`);
    assert.ok(ext.isActive);
    assert.equal((ext.exports as TestHooks).isLoaded(), true);
  });

  it('saves a screenshot of the workbench', async () => {
    const containers = (getExtension().packageJSON.contributes?.viewsContainers?.activitybar ?? []) as Array<{
      id: string;
    }>;
    if (containers[0]) await vscode.commands.executeCommand(`workbench.view.extension.${containers[0].id}`);
    const file = await screenshot('smoke-workbench', 1500);
    // The code-server launcher holds a browser page and must save it; the Electron launcher cannot.
    if (process.env.GPU_PODS_SCREENSHOTS === '1') assert.ok(file, 'the launcher did not save the screenshot');
  });
});
