import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './support/extension';
import { disconnectAll, onFasterClock, testHooks } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

const repoRoot = path.join(__dirname, '../../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Names of members that only a service holding keys or passwords has. */
const SERVICE_MEMBERS = ['getKey', 'setKey', 'getJupyterPassword', 'setJupyterPassword', 'allPods', 'runCommand'];

/**
 * Everything another extension can reach from `roots` without calling a function (it may read getters):
 * returns a path for each secret string, forbidden object or service-like object found. Getters are read
 * on the objects that own them only: run on a prototype they would set state on the prototype itself.
 */
function findLeaks(roots: Record<string, unknown>, secrets: string[], forbidden: unknown[]): string[] {
  const leaks: string[] = [];
  const seen = new Set<unknown>([Object.prototype, Function.prototype, Array.prototype]);
  const queue: Array<{ value: unknown; where: string; prototype: boolean }> = Object.entries(roots).map(
    ([where, value]) => ({ value, where, prototype: false }),
  );
  let visited = 0;
  while (queue.length > 0 && visited < 500_000) {
    const { value, where, prototype } = queue.shift()!;
    if (typeof value === 'string') {
      if (secrets.some((s) => value.includes(s))) leaks.push(`${where} holds a secret`);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    visited++;
    if (forbidden.includes(value)) {
      leaks.push(`${where} is GPU Pods' context, secret storage or state`);
      continue;
    }
    if (typeof value === 'object' && !prototype) {
      for (const m of SERVICE_MEMBERS) {
        try {
          if (typeof (value as Record<string, unknown>)[m] === 'function') leaks.push(`${where} has ${m}()`);
        } catch {
          // a throwing getter leads nowhere
        }
      }
    }
    const next = (v: unknown, w: string, p = false) => queue.push({ value: v, where: w, prototype: p });
    if (value instanceof Map) {
      for (const [k, v] of value) {
        next(k, `${where}<key>`);
        next(v, `${where}<value>`);
      }
    }
    if (value instanceof Set) for (const v of value) next(v, `${where}<item>`);
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d) continue;
      if ('value' in d) next(d.value, `${where}.${String(key)}`, typeof value === 'function' && key === 'prototype');
      else if (d.get && !prototype) {
        try {
          next(d.get.call(value), `${where}.${String(key)}`);
        } catch {
          // a throwing getter leads nowhere
        }
      }
    }
    next(Object.getPrototypeOf(value), `${where}.__proto__`, true);
  }
  return leaks;
}

describe('activation: what other extensions can reach, and what runs after a reload', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('idleGuard.graceMinutes', undefined, vscode.ConfigurationTarget.Global);
    await disconnectAll();
    await sim.dispose();
  });

  it('another extension gets nothing from the shipped GPU Pods that leads to a key, a password or a service', async () => {
    const hooks = await testHooks();
    const { services } = await hooks.gpuPods();
    const key = `yotta-key-${Math.random().toString(36).slice(2)}`;
    const password = `jupyter-pw-${Math.random().toString(36).slice(2)}`;
    const account = await services.accounts.add({ cloud: 'yotta', label: 'exports', options: {} }, key);
    await services.podSecrets.setJupyterPassword('yotta', 'pod-1', password);
    const forbidden = [hooks.context, hooks.context.secrets, hooks.context.globalState];
    // The check itself finds a way to the keys when there is one (the test entry's handle is such a way).
    assert.ok(
      findLeaks({ testEntry: await hooks.gpuPods() }, [key, password], forbidden).length > 0,
      'the leak check finds nothing even where there is a leak',
    );

    // Run the shipped entry in the test entry's place, as VS Code runs it for users: dist/extension.js's
    // activate() with GPU Pods' own context (same global state and secret storage).
    hooks.stop();
    const shippedContext = Object.create(hooks.context, { subscriptions: { value: [] } }) as vscode.ExtensionContext;
    try {
      const entry = require(path.join(repoRoot, 'dist/extension.js')) as {
        activate(c: vscode.ExtensionContext): unknown;
      };
      const exported = await entry.activate(shippedContext);
      // Load the rest the way a user does (a command), so the lazily loaded bundles are there to be found too.
      await vscode.commands.executeCommand('gpuPods.refresh');
      // What another extension has: `getExtension('gpu-pods.gpu-pods').exports` (what activate() returned),
      // and whatever it can require() from GPU Pods' folder.
      const roots: Record<string, unknown> = {
        exports: exported,
        'require(dist/extension.js)': entry,
        'require(dist/gpuPods.js)': require(path.join(repoRoot, 'dist/gpuPods.js')),
      };
      for (const cloud of ['yotta', 'novita', 'gpugeek', 'neevcloud']) {
        roots[`require(dist/clouds/${cloud}.js)`] = require(path.join(repoRoot, `dist/clouds/${cloud}.js`));
      }
      assert.equal(exported, undefined, `${EXTENSION_ID}'s activate() returns something another extension can read`);
      assert.deepEqual(findLeaks(roots, [key, password], forbidden), []);
    } finally {
      for (const d of shippedContext.subscriptions.splice(0)) d.dispose();
      hooks.restart();
    }
    const fresh = await hooks.gpuPods();
    assert.equal(await fresh.services.accounts.getKey(account.id), key, 'the key is still in secret storage');
    await fresh.services.podSecrets.forget('yotta', 'pod-1');
    await disconnectAll();
  });

  it('after a reload, with the view never shown, a due stop timer still stops the pod', async () => {
    const hooks = await testHooks();
    const { services } = await hooks.gpuPods();
    const account = await services.accounts.add({ cloud: 'novita', label: 'reload', options: {} }, 'nk-reload');
    const podId = sim.sim.controls.novita.seedInstance({ name: 'reload-pod' });
    await services.data.refresh(account.id);
    const pod = services.data.snapshot(account.id)?.pods.find((p) => p.id === podId);
    assert.equal(pod?.status, 'running');
    await vscode.workspace
      .getConfiguration('gpuPods')
      .update('idleGuard.graceMinutes', 0.01, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.explorer'); // the GPU Pods view is hidden
    await services.idleGuard.set(account, pod!, 'stop', 0.002); // due in about 7 s

    // A window reload: everything disposed, then started again from global state and secret storage.
    hooks.restart();
    const before = sim.sim.requests.length;
    await sleep(1000);
    assert.equal(hooks.isLoaded(), false, 'only activation ran before the timer was due');
    assert.deepEqual(
      sim.sim.requests.slice(before).map((r) => `${r.method} ${r.path}`),
      [],
      'no request before the timer is due',
    );

    // The rest of the timer's 7 s passes on GPU Pods' clock, 20 times as fast as the system's.
    await onFasterClock(20, () =>
      waitFor(
        'the idle guard to stop the pod',
        () => sim.sim.requestsFor('novita', 'POST', '/gpu/instance/stop').length === 1,
        60_000,
        100,
      ),
    );
    const after = await hooks.gpuPods();
    assert.equal(after.services.view.visible, false, 'the view was never shown');
    assert.equal(after.services.idleGuard.get(account.id, podId), undefined, 'the timer is gone');
    assert.equal(after.services.burnRate.visible, true, 'the status bar item shows');
    await disconnectAll();
  });
});
