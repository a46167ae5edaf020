import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PickItem } from '../../src/ui/prompts';
import { ScriptedInput } from '../support/scriptedInput';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, gpuPods, recordingWorkbench, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/*
 * Issue #20: a wrong key was stored and only the next refresh said so; two accounts with one key counted every
 * pod twice. Now a key is checked with the cloud before it is stored, and a key already connected is refused.
 */
describe('connecting an account checks its API key before storing it', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  const keyOf = async (label: string) => {
    const { services } = await gpuPods();
    const account = services.accounts.list().find((a) => a.label === label);
    return account && services.accounts.getKey(account.id);
  };
  const connectYotta = (label: string, ...answers: ConstructorParameters<typeof ScriptedInput>[0]) =>
    new ScriptedInput([{ id: 'cloud', pick: 'Yotta Labs' }, { id: 'label', input: label }, ...answers]);

  before(async () => {
    sim = await startSimulator();
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
  });
  afterEach(() => sim.sim.clearFaults());
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('a key the cloud refuses is not stored: the prompt says why and asks again, and a good key is stored', async () => {
    sim.sim.revokedKeys.add('yotta-wrong-key');
    const ui = connectYotta(
      'checked',
      { id: 'apiKey', input: 'yotta-wrong-key' },
      { id: 'apiKey', input: 'yotta-right-key' },
    );
    const { workbench } = await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.deepEqual(ui.remaining, []);
    const keys = ui.asked.filter((q) => q.id === 'apiKey');
    assert.equal(keys.length, 2, 'the key was asked again');
    assert.match(keys[1].prompt ?? '', /Yotta Labs refused the API key \(HTTP 401\)\. Paste the key again/);
    assert.equal(await keyOf('checked'), 'yotta-right-key');
    assert.deepEqual(workbench.errors, []);
  });

  it('giving up after a refused key stores nothing', async () => {
    sim.sim.revokedKeys.add('yotta-wrong-key');
    const ui = connectYotta('given-up', { id: 'apiKey', input: 'yotta-wrong-key' }, { id: 'apiKey', input: undefined });
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.deepEqual(ui.remaining, []);
    assert.equal(await keyOf('given-up'), undefined);
    const { services } = await gpuPods();
    assert.ok(!services.accounts.list().some((a) => a.label === 'given-up'), 'no account for a refused key');
  });

  it('the same key twice on one cloud is refused, naming the account that has it', async () => {
    const ui = connectYotta('twin', { id: 'apiKey', input: '  yotta-right-key\n' });
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    const asked = ui.asked.at(-1);
    assert.equal(asked?.id, 'apiKey');
    assert.equal(asked?.validation, 'This key is already connected as the Yotta Labs account "checked".');
    assert.equal(await keyOf('twin'), undefined);
  });

  it('when the cloud cannot answer (HTTP 503), Retry asks it again and Save Anyway stores the key', async () => {
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', status: 503 });
    const offered: string[][] = [];
    const retry = (items: PickItem<unknown>[]) => {
      offered.push(items.map((i) => i.label));
      sim.sim.clearFaults(); // the cloud is back for the second try
      return items.find((i) => i.label === 'Retry');
    };
    const ui = connectYotta('flaky', { id: 'apiKey', input: 'yotta-flaky-key' }, { id: 'keyUnchecked', pick: retry });
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.deepEqual(ui.remaining, []);
    assert.deepEqual(offered, [['Retry', 'Save Anyway']]);
    assert.match(ui.asked.find((q) => q.id === 'keyUnchecked')?.title ?? '', /could not be checked: .*HTTP 503/);
    assert.equal(await keyOf('flaky'), 'yotta-flaky-key');

    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', status: 503 });
    const save = connectYotta(
      'saved-anyway',
      { id: 'apiKey', input: 'yotta-unchecked-key' },
      { id: 'keyUnchecked', pick: 'Save Anyway' },
    );
    await script(save);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.deepEqual(save.remaining, []);
    assert.equal(await keyOf('saved-anyway'), 'yotta-unchecked-key');
  });

  it('Update API Key checks the new key too: a refused one is asked again and the old key stays until then', async () => {
    sim.sim.revokedKeys.add('yotta-revoked-update');
    const ui = new ScriptedInput([
      { id: 'apiKey', input: 'yotta-revoked-update' },
      { id: 'apiKey', input: undefined },
    ]);
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.updateKey', await accountNode('yotta', 'checked'));
    assert.deepEqual(ui.remaining, []);
    assert.equal(await keyOf('checked'), 'yotta-right-key');
  });

  it('two accounts already stored with one key count each running pod once in the status bar', async () => {
    await disconnectAll();
    sim.sim.controls.yotta.addPod({ name: 'twin-pod', status: 'RUNNING' });
    await script(new ScriptedInput([]), recordingWorkbench());
    const { services } = await gpuPods();
    // Stored before keys were checked for duplicates (the way an older version let it happen).
    const ids: string[] = [];
    for (const label of ['one', 'two']) {
      const account = await services.accounts.add({ cloud: 'yotta', label, options: {} }, 'yotta-shared-key');
      await services.data.refresh(account.id);
      ids.push(account.id);
    }
    const running = services.data.snapshot(ids[0])?.pods.filter((p) => p.status === 'running').length ?? 0;
    assert.ok(running > 0, 'the account lists running pods');
    const state = await waitFor('the burn rate', () => services.burnRate.state);
    assert.equal(state?.running, running, `each pod counted once (${running} listed by each account)`);
    assert.match(services.burnRate.item.text, new RegExp(`\\b${running} running\\b`));
  });
});
