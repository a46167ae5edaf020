import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PodTarget } from '../../src/commands/pickTarget';
import { ScriptedInput } from '../support/scriptedInput';
import { clickWorkbench, readWorkbench, screenshot } from './support/control';
import { getExtension, waitFor } from './support/extension';
import { accountNode, children, disconnectAll, item, recordingWorkbench, revealView, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/*
 * Issue #15: what the palette offers, the Open Setting buttons and the Remote indicator entry, in the real
 * workbench. Context keys cannot be read from an extension (VS Code has no API for their values; the internal
 * `getContextKeyInfo` lists keys, not values), so the palette is asserted by what it shows: the test opens the
 * real command palette with a filter and the launcher reads its rows from the page (support/control.ts).
 */

const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';
const OPEN_PALETTE = '.quick-input-widget:not([style*="display: none"]) .quick-input-box input';

/** Our commands' titles (VS Code adds its own "GPU Pods: Focus on Pods View", which is not ours to gate). */
const OUR_TITLES = new Set(
  (getExtension().packageJSON.contributes.commands as Array<{ title: string }>).map((c) => c.title),
);

/** The titles of our commands among the rows the open quick input shows. */
async function paletteRows(): Promise<string[]> {
  const rows = (await readWorkbench(ROWS)) ?? [];
  return rows.flatMap((r) => {
    const title = /GPU Pods: ([^,]+)/.exec(r)?.[1].trim();
    return title && OUR_TITLES.has(title) ? [title] : [];
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the real command palette on `>filter` and waits until its rows satisfy `expected`; fails with what the
 * palette did show.
 */
async function palette(filter: string, expected: (titles: string[]) => boolean): Promise<string[]> {
  await vscode.commands.executeCommand('workbench.action.quickOpen', `>${filter}`);
  let shown: string[] = [];
  try {
    await waitFor(
      `the palette's rows for "${filter}"`,
      async () => {
        shown = await paletteRows();
        return expected(shown);
      },
      15_000,
      250,
    );
    return shown;
  } catch (e) {
    throw new Error(`${(e as Error).message}; the palette showed: ${shown.join(' | ') || 'nothing'}`, { cause: e });
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

/**
 * Whether the palette offers `title` when filtered on it: read for a second and a half after it is open, so a
 * row drawn late still counts (callers first see a command of the same state present, so the keys are set).
 */
async function paletteOffers(title: string): Promise<boolean> {
  await vscode.commands.executeCommand('workbench.action.quickOpen', `>GPU Pods: ${title}`);
  try {
    await waitFor('the command palette to open', async () => ((await readWorkbench(OPEN_PALETTE)) ?? []).length > 0);
    for (let i = 0; i < 6; i++) {
      if ((await paletteRows()).includes(title)) return true;
      await sleep(250);
    }
    return false;
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

const sameSet = (a: string[], b: string[]) => [...new Set(a)].sort().join('\n') === [...new Set(b)].sort().join('\n');

async function connect(cloud: string, apiKey: string): Promise<void> {
  await script(
    new ScriptedInput([
      { id: 'cloud', pick: cloud },
      { id: 'label', input: 'it' },
      { id: 'apiKey', input: apiKey },
    ]),
  );
  await vscode.commands.executeCommand('gpuPods.connectCloud');
}

describe('palette, Open Setting and the Remote indicator (issue #15)', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;

  before(async function () {
    if ((await readWorkbench('body')) === undefined) {
      console.log('[palette] the launcher holds no browser page (Electron): these tests read the page, skipped');
      this.skip();
    }
    sim = await startSimulator();
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await disconnectAll();
    await sim?.dispose();
  });

  it('with no account, the palette offers only connecting, the log, the SSH helpers, the walkthrough and Connect to a GPU Pod…', async () => {
    const expected = [
      'Connect a GPU Cloud…',
      'Show Log',
      'Remove Stale SSH Entries',
      'Show the SSH Include Line',
      'Connect to a GPU Pod…',
      'Open the Walkthrough',
    ];
    await palette('GPU Pods: ', (titles) => sameSet(titles, expected));
  });

  it('a Yotta account brings Pause/Resume and no Stop/Start Pod; a Novita account the reverse', async () => {
    await connect('Yotta Labs', 'palette-yotta');
    // Present first: that also proves the keys were set before the "absent" checks read the palette.
    await palette('GPU Pods: Pause Pod', (t) => t.includes('Pause Pod'));
    await palette('GPU Pods: Resume Pod', (t) => t.includes('Resume Pod'));
    await palette('GPU Pods: Create Volume', (t) => t.includes('Create Volume…'));
    await palette('GPU Pods: Manage Registry', (t) => t.includes('Manage Registry Credentials…'));
    for (const absent of ['Stop Pod', 'Start Pod', 'Restart Pod', 'Manage Ports…', 'Save Image…'])
      assert.equal(await paletteOffers(absent), false, `${absent} is offered for Yotta`);

    await disconnectAll();
    await connect('Novita AI', 'palette-novita');
    await palette('GPU Pods: Stop Pod', (t) => t.includes('Stop Pod'));
    await palette('GPU Pods: Start Pod', (t) => t.includes('Start Pod'));
    await palette('GPU Pods: Manage Ports', (t) => t.includes('Manage Ports…'));
    await palette('GPU Pods: Manage Registry', (t) => t.includes('Manage Registry Credentials…'));
    await palette('GPU Pods: Save Image', (t) => t.includes('Save Image…'));
    for (const absent of ['Pause Pod', 'Resume Pod', 'Create Virtual Machine…'])
      assert.equal(await paletteOffers(absent), false, `${absent} is offered for Novita`);
  });

  it('a command needing an account says "Connect a GPU cloud first." with a Connect button that connects', async () => {
    await disconnectAll();
    const workbench = recordingWorkbench();
    const buttons: string[][] = [];
    workbench.showInfo = async (message, ...b) => {
      workbench.infos.push(message);
      buttons.push(b);
      return b.find((x) => x === 'Connect a GPU Cloud');
    };
    // the button runs gpuPods.connectCloud: its first question is which cloud (dismissed here)
    const ui = new ScriptedInput([{ id: 'cloud', pick: undefined }]);
    await script(ui, workbench);
    await vscode.commands.executeCommand('gpuPods.createPod');
    assert.deepEqual(workbench.infos, ['Connect a GPU cloud first.']);
    assert.deepEqual(buttons, [['Connect a GPU Cloud']]);
    await waitFor('Connect a GPU Cloud to ask which cloud', () => ui.asked.some((q) => q.id === 'cloud'));

    // the Remote indicator's entry, with no account, offers the same
    const again = new ScriptedInput([{ id: 'cloud', pick: undefined }]);
    await script(again, workbench);
    await vscode.commands.executeCommand('gpuPods.connectToPod');
    assert.deepEqual(buttons, [['Connect a GPU Cloud'], ['Connect a GPU Cloud']]);
    await waitFor('Connect a GPU Cloud to ask which cloud', () => again.asked.some((q) => q.id === 'cloud'));
  });

  describe('errors a setting fixes open exactly that setting', () => {
    const SETTING = 'gpuPods.yotta.baseUrl';
    let good: string | undefined;

    before(async () => {
      await disconnectAll();
      await connect('Yotta Labs', 'palette-yotta');
      const config = vscode.workspace.getConfiguration('gpuPods');
      good = config.get<string>('yotta.baseUrl');
      await config.update('yotta.baseUrl', 'http://api.example.com', vscode.ConfigurationTarget.Global);
    });
    after(async () => {
      await vscode.workspace
        .getConfiguration('gpuPods')
        .update('yotta.baseUrl', good, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    /** The setting ids the open Settings editor lists, once its search reads `@id:<setting>`. */
    async function settingsEditorShows(setting: string): Promise<string[]> {
      let keys: string[] = [];
      await waitFor(
        `the Settings editor showing ${setting}`,
        async () => {
          const query = (await readWorkbench('.settings-editor .settings-header .view-line')) ?? [];
          keys = (await readWorkbench('.settings-editor .settings-tree-container [data-key]', 'data-key')) ?? [];
          return query.some((q) => q.replace(/\u00a0/g, ' ').includes(`@id:${setting}`)) && keys.length > 0;
        },
        20_000,
        250,
      );
      return [...new Set(keys)];
    }

    it('the toast of a failed command offers Open Setting, which opens the Settings editor on that setting', async () => {
      const workbench = recordingWorkbench();
      const offered: string[][] = [];
      workbench.showError = async (message, ...buttons) => {
        workbench.errors.push(message);
        offered.push(buttons);
        return buttons.find((b) => b === 'Open Setting');
      };
      await script(new ScriptedInput([]), workbench);
      await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'));
      assert.equal(workbench.errors.length, 1);
      assert.match(workbench.errors[0], /gpuPods\.yotta\.baseUrl/);
      assert.deepEqual(offered, [['Open Setting', 'Show Log']]);
      assert.deepEqual(await settingsEditorShows(SETTING), [SETTING]);
      await screenshot('open-setting');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it("the tree's error row opens the same setting when clicked", async () => {
      await revealView();
      await vscode.commands.executeCommand('gpuPods.refresh');
      const [first] = await children(await accountNode('yotta'));
      assert.equal(first.type, 'error');
      const command = (await item(first)).command;
      assert.equal(command?.command, 'workbench.action.openSettings');
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      assert.deepEqual(await settingsEditorShows(SETTING), [SETTING]);
    });
  });

  it('the Remote indicator menu offers Connect to a GPU Pod…, which lists the running pods of every account, then the paused one', async () => {
    await disconnectAll();
    sim.sim.controls.yotta.addPod({ name: 'remote-yotta-running' });
    sim.sim.controls.yotta.addPod({ name: 'remote-yotta-paused', status: 'PAUSED' });
    sim.sim.controls.novita.seedInstance({ name: 'remote-novita-running' });
    await connect('Yotta Labs', 'palette-yotta');
    await connect('Novita AI', 'palette-novita');

    assert.ok(await clickWorkbench('[id="status.host"]'), 'the status bar has a Remote indicator');
    let rows: string[] = [];
    await waitFor(
      'the Remote indicator menu to list Connect to a GPU Pod…',
      async () => {
        rows = (await readWorkbench(ROWS)) ?? [];
        return rows.some((r) => r.includes('Connect to a GPU Pod…'));
      },
      15_000,
      250,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; the menu showed: ${rows.join(' | ')}`, { cause: e });
    });
    await screenshot('remote-indicator', 300);

    const ui = new ScriptedInput([{ id: 'pod', pick: undefined }]);
    await script(ui);
    assert.ok(await clickWorkbench(`${ROWS}[aria-label*="Connect to a GPU Pod"]`));
    const asked = await waitFor('the pod question', () => ui.asked.find((q) => q.id === 'pod'), 30_000);
    const names = asked!.items!.map((i) => (i.value as PodTarget).pod.name);
    assert.deepEqual(names.slice(0, 2).sort(), ['remote-novita-running', 'remote-yotta-running']);
    // Start and Connect (issue #23): the paused pod comes after the running ones, marked.
    assert.deepEqual(names.slice(2), ['remote-yotta-paused']);
    assert.match(asked!.items![2].description ?? '', /paused — will be resumed$/);
  });

  it('from the palette, Pause Pod lists only pods of clouds that pause, Stop Pod only those of clouds that stop', async () => {
    // the accounts and pods of the previous test: a running Yotta pod and a running Novita instance
    const podsOffered = async (command: string) => {
      const ui = new ScriptedInput([{ id: 'pod', pick: undefined }]);
      await script(ui);
      await vscode.commands.executeCommand(command);
      return ui.asked.find((q) => q.id === 'pod')?.items?.map((i) => (i.value as PodTarget).pod.name);
    };
    assert.deepEqual(await podsOffered('gpuPods.pausePod'), ['remote-yotta-running']);
    assert.deepEqual(await podsOffered('gpuPods.stopPod'), ['remote-novita-running']);
  });
});
