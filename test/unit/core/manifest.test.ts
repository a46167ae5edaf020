import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  activationEvents?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited' };
  };
  name: string;
  publisher: string;
  contributes: { configuration: Array<{ properties: Record<string, { scope?: string }> }> };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;

describe('package.json: where GPU Pods runs and when it starts', () => {
  it('works in Restricted Mode: it declares untrusted workspaces supported (nothing is read from the workspace)', () => {
    // Without this declaration VS Code disables the extension in an untrusted folder: the view, the
    // status bar and the idle guard's stop timers would all be gone.
    assert.deepEqual(manifest.capabilities?.untrustedWorkspaces, { supported: true });
    for (const [name, setting] of manifest.contributes.configuration.flatMap((c) => Object.entries(c.properties))) {
      assert.equal(setting.scope, 'application', `${name} could be set by a workspace`);
    }
  });

  it('works in virtual workspaces (it never reads workspace files)', () => {
    const v = manifest.capabilities?.virtualWorkspaces;
    assert.ok(v === true || (typeof v === 'object' && v.supported === true), JSON.stringify(v));
  });

  it('starts after startup (idle timers and burn rate without opening the view) and for notebooks', () => {
    const events = manifest.activationEvents ?? [];
    for (const e of ['onStartupFinished', 'onNotebook:jupyter-notebook', 'onNotebook:interactive'])
      assert.ok(events.includes(e), `missing ${e}`);
    assert.ok(!events.includes('*'), 'activating on "*" would slow every window down');
  });

  it('names its own extension id nowhere in its contributions, so a new publisher id breaks no link', () => {
    // The walkthrough link runs gpuPods.openWalkthrough, which asks VS Code for the running extension's id.
    const id = `${manifest.publisher}.${manifest.name}`;
    assert.ok(!JSON.stringify(manifest.contributes).includes(id), `${id} is written into contributes`);
  });
});
