import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ScriptedInput } from '../support/scriptedInput';
import { screenshot } from './support/control';
import { getExtension, waitFor } from './support/extension';
import { accountNode, children, disconnectAll, gpuPods, item, label, revealView, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

describe('foundation: connect, fail well, disconnect', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;

  before(async () => {
    sim = await startSimulator();
    sim.sim.controls.yotta.setBudget(100_000);
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  it('activates without a single request to any cloud', async () => {
    sim.sim.requests.length = 0;
    await gpuPods();
    await vscode.commands.executeCommand('gpuPods.showLog');
    assert.ok(getExtension().isActive);
    assert.deepEqual(sim.sim.requests, []);
  });

  it('refuses an empty key and trims a pasted one', async () => {
    const empty = new ScriptedInput([
      { id: 'cloud', pick: 'Yotta Labs' },
      { id: 'label', input: 'work' },
      { id: 'apiKey', input: '   \n' },
    ]);
    await script(empty);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.match(empty.asked.at(-1)?.validation ?? '', /cannot be empty/);
    assert.equal((await gpuPods()).services.accounts.list().length, 0, 'nothing is saved after a refused key');

    const ui = new ScriptedInput([
      { id: 'cloud', pick: 'Yotta Labs' },
      { id: 'label', input: 'work' },
      { id: 'apiKey', input: '  sim-key-1 \n' },
    ]);
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    assert.deepEqual(ui.remaining, []);
    const { services } = await gpuPods();
    const [account] = services.accounts.list();
    assert.equal(account.cloud, 'yotta');
    assert.equal(account.label, 'work');
    assert.equal(await services.accounts.getKey(account.id), 'sim-key-1');
    assert.ok(
      !JSON.stringify(vscode.workspace.getConfiguration('gpuPods')).includes('sim-key-1'),
      'the key must never be in settings',
    );
  });

  it('shows the account in the tree with its groups', async () => {
    await revealView();
    const account = await accountNode('yotta');
    const i = await item(account);
    assert.equal(label(i), 'Yotta Labs');
    assert.match(String(i.description), /work/);
    const groups = (await children(account)).map((n) => (n.type === 'group' ? n.group : n.type));
    assert.deepEqual(groups, ['pods', 'vms', 'volumes', 'endpoints']);
    await screenshot('foundation-connected');
  });

  it('turns a revoked key into an "update key" node, and a new key brings the account back', async () => {
    sim.sim.revokedKeys.add('sim-key-1');
    await vscode.commands.executeCommand('gpuPods.refresh');
    const account = await accountNode('yotta');
    const [first] = await children(account);
    assert.equal(first.type, 'error');
    const errorItem = await item(first);
    assert.equal(label(errorItem), 'Invalid API key — click to update');
    assert.equal(errorItem.command?.command, 'gpuPods.updateKey');
    await screenshot('foundation-invalid-key');

    const ui = new ScriptedInput([{ id: 'apiKey', input: 'sim-key-2' }]);
    await script(ui);
    await vscode.commands.executeCommand(errorItem.command!.command, ...(errorItem.command!.arguments ?? []));
    const after = await children(await accountNode('yotta'));
    assert.equal(after[0].type, 'group');
  });

  it('says one clear sentence for a malformed response, with no stack trace', async () => {
    sim.sim.addFault({ cloud: 'yotta', method: 'GET', path: '/v2/pods', mode: 'malformed' });
    try {
      await vscode.commands.executeCommand('gpuPods.refresh');
      // The pods list failed: its error is the first row of the Pods group, saying which list.
      const pods = (await children(await accountNode('yotta'))).find((n) => n.type === 'group' && n.group === 'pods')!;
      const [first] = await children(pods);
      assert.equal(first.type, 'error');
      const text = label(await item(first));
      assert.match(text, /^Pods could not be loaded: Yotta Labs sent a response that is not valid JSON for .+\.$/);
      assert.ok(!/\n|at \w+ \(/.test(text), 'no stack trace in the message');
    } finally {
      sim.sim.clearFaults();
    }
  });

  it('refuses a base URL that is not https, naming the setting', async () => {
    const config = vscode.workspace.getConfiguration('gpuPods');
    const good = config.get<string>('yotta.baseUrl');
    await config.update('yotta.baseUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
    try {
      sim.sim.requests.length = 0;
      await vscode.commands.executeCommand('gpuPods.refresh');
      const [first] = await children(await accountNode('yotta'));
      assert.equal(first.type, 'error');
      assert.match(label(await item(first)), /gpuPods\.yotta\.baseUrl.*https/);
      assert.equal(sim.sim.requests.length, 0);
    } finally {
      await config.update('yotta.baseUrl', good, vscode.ConfigurationTarget.Global);
    }
  });

  it('keeps other accounts working while one fails', async () => {
    const ui = new ScriptedInput([
      { id: 'cloud', pick: 'Novita AI' },
      { id: 'label', input: 'default' },
      { id: 'apiKey', input: 'novita-key' },
    ]);
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    sim.sim.revokedKeys.add('sim-key-2');
    await vscode.commands.executeCommand('gpuPods.refresh');
    assert.equal((await children(await accountNode('yotta')))[0].type, 'error');
    const novita = await children(await accountNode('novita'));
    assert.ok(novita.length > 0 && novita.every((n) => n.type !== 'error'), 'Novita keeps working');
    await screenshot('foundation-one-account-failing');
  });

  it('disconnects an account after confirmation and deletes its key', async () => {
    const { services } = await gpuPods();
    const yotta = services.accounts.list().find((a) => a.cloud === 'yotta')!;
    const ui = new ScriptedInput([{ id: 'confirmDisconnect', confirm: true }]);
    await script(ui);
    await vscode.commands.executeCommand('gpuPods.disconnect', await accountNode('yotta'));
    assert.equal(await services.accounts.getKey(yotta.id), undefined);
    const roots = await children();
    assert.deepEqual(
      roots.map((n) => n.account?.cloud),
      ['novita'],
    );
    await disconnectAll();
    await waitFor('the welcome view (no accounts)', async () => (await children()).length === 0);
    await screenshot('foundation-welcome');
  });
});
