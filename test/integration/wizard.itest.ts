import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BACK, ConfirmOptions, InputStep, PickStep, UserInput } from '../../src/ui/prompts';
import { VsCodeUserInput } from '../../src/ui/userInput';
import { AutoInput } from '../support/autoInput';
import { readWorkbench, screenshot } from './support/control';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, revealView, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

type Prompt = vscode.QuickPick<vscode.QuickPickItem & { value?: unknown }> | vscode.InputBox;
/** What the user does on a prompt: Enter by default; the promise is the prompt's answer once it is given. */
type Act = (prompt: Prompt, answer: Promise<unknown>) => PromiseLike<unknown>;

/** Every quick pick and input box the real prompts open, as VS Code holds them. */
const opened: Prompt[] = [];
const originals = { pick: vscode.window.createQuickPick, box: vscode.window.createInputBox };
function watchPrompts() {
  const win = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  win.createQuickPick = <T extends vscode.QuickPickItem>() => {
    const qp = originals.pick.call(vscode.window) as vscode.QuickPick<T>;
    opened.push(qp as unknown as Prompt);
    return qp;
  };
  win.createInputBox = () => {
    const box = originals.box.call(vscode.window);
    opened.push(box);
    return box;
  };
  return () => Object.assign(win, { createQuickPick: originals.pick, createInputBox: originals.box });
}

const enter = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
const escape = () => vscode.commands.executeCommand('workbench.action.closeQuickOpen');
/** Time for VS Code to show what the extension set (focus, items) before a key is "pressed". */
const settle = () => new Promise((r) => setTimeout(r, 400));
const isPick = (p: Prompt): p is Extract<Prompt, { items: unknown }> => 'items' in p;
const plain = (label: string) => label.replace(/^\$\([\w-]+\)\s*/, '');

/**
 * The real VS Code prompts (VsCodeUserInput), driven the way a user drives them: each one is read as VS Code
 * shows it (step counter, the active item) and then answered with Enter, or with what `acts` says for its id.
 */
class KeyboardUser implements UserInput {
  private readonly real = new VsCodeUserInput();
  readonly seen: Array<{ id: string; counter: string; active?: string }> = [];
  constructor(private readonly acts: Record<string, Act> = {}) {}

  private async drive<T>(id: string, open: () => Promise<T>): Promise<T> {
    const before = opened.length;
    const answer = open();
    const prompt = (await waitFor(`the "${id}" prompt`, () => {
      const p = opened[before];
      return p && !p.busy && (!isPick(p) || p.items.length > 0) ? p : undefined;
    }))!;
    await shown(prompt);
    this.seen.push({
      id,
      counter: `${prompt.step}/${prompt.totalSteps}`,
      active: isPick(prompt) ? plain(prompt.activeItems[0]?.label ?? '') : undefined,
    });
    await (this.acts[id] ?? (() => enter()))(prompt, answer);
    return answer;
  }

  pick<T>(step: PickStep<T>): Promise<T | T[] | typeof BACK | undefined> {
    return this.drive(step.id, () => this.real.pick(step));
  }
  input(step: InputStep): Promise<string | typeof BACK | undefined> {
    return this.drive(step.id, () => this.real.input(step));
  }
  /** Goes ahead (the SSH key GPU Pods offers to create): a modal dialog is not what these tests are about. */
  async confirm(_options: ConfirmOptions): Promise<boolean> {
    return true;
  }
}

/** The visible quick input's title bar. */
const TITLE = '.quick-input-widget:not([style*="display: none"]) .quick-input-title';

/**
 * Waits until the workbench shows `prompt` (its title and step counter in the quick input's title bar), then a
 * moment for its list to take the focus, instead of a fixed pause per prompt.
 */
async function shown(prompt: Prompt): Promise<void> {
  // No page to read (the @vscode/test-electron launcher): the fixed pause.
  if ((await readWorkbench(TITLE)) === undefined) {
    await settle();
    return;
  }
  const counter = prompt.step ? `${prompt.step}/${prompt.totalSteps}` : '';
  await waitFor(`the "${prompt.title ?? ''}" prompt in the workbench`, async () =>
    ((await readWorkbench(TITLE)) ?? []).some((t) => t.includes(prompt.title ?? '') && t.includes(counter)),
  );
  await new Promise((r) => setTimeout(r, 100));
}

/** Whether `answer` is still pending after VS Code had time to act on a key. */
async function stillOpen(answer: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([answer, settle().then(() => pending)])) === pending;
}

/** The prompt's answer, or 'still open' (and Escape) when Enter did not answer it. */
async function answerOrEscape(answer: Promise<unknown>): Promise<unknown> {
  const open = Symbol('open');
  const result = await Promise.race([answer, new Promise((r) => setTimeout(() => r(open), 3000))]);
  if (result !== open) return result;
  await escape();
  return 'still open';
}

describe('the create wizard in the real quick pick (Yotta Labs)', function () {
  this.timeout(180_000);
  let sim: SimulatorHandle;
  let unwatch: () => void;

  before(async () => {
    unwatch = watchPrompts();
    sim = await startSimulator({ timeScale: 0.02 });
    sim.sim.controls.yotta.setBudget(100_000);
    await disconnectAll();
    await script(new AutoInput({ cloud: 'Yotta Labs', label: 'wizard', apiKey: 'yotta-wizard-key' }));
    await vscode.commands.executeCommand('gpuPods.connectCloud');
    await revealView();
  });
  afterEach(() => sim.sim.controls.yotta.setSoldOut('NVIDIA_RTX_4090_24G', undefined, false));
  after(async () => {
    unwatch();
    await escape();
    await disconnectAll();
    await sim.dispose();
  });

  /** Runs Create Pod on the real prompts, answered by `user`. */
  async function createPod(user: KeyboardUser) {
    await script(user);
    await vscode.commands.executeCommand('gpuPods.createPod', await accountNode('yotta'));
  }

  it('the GPU step opens on the first GPU that can be picked when the first listed is sold out, and Enter takes it', async () => {
    sim.sim.controls.yotta.setSoldOut('NVIDIA_RTX_4090_24G');
    let gpu: unknown;
    const user = new KeyboardUser({
      gpu: async (prompt, answer) => {
        assert.ok(isPick(prompt));
        assert.match(prompt.items[0].label, /RTX 4090/, 'the sold-out GPU is listed first');
        await screenshot('wizard-gpu-first-available');
        await enter();
        gpu = await answerOrEscape(answer);
      },
      gpuCount: () => escape(),
    });
    await createPod(user);
    assert.equal(user.seen[0].active, 'RTX 5090', 'focus starts on the first GPU with stock');
    assert.equal(gpu, 'NVIDIA_RTX_5090_32G', 'Enter picks it');
  });

  it('Enter on a sold-out GPU keeps the step open and says why', async () => {
    sim.sim.controls.yotta.setSoldOut('NVIDIA_RTX_4090_24G');
    let refusedTitle = '';
    let gpu: unknown;
    const user = new KeyboardUser({
      gpu: async (prompt, answer) => {
        assert.ok(isPick(prompt));
        const title = prompt.title;
        prompt.activeItems = [prompt.items.find((i) => i.label.includes('RTX 4090'))!];
        await settle();
        await enter();
        assert.ok(await stillOpen(answer), 'the step stays open');
        refusedTitle = prompt.title ?? '';
        await screenshot('wizard-gpu-sold-out-refused');
        prompt.activeItems = [prompt.items.find((i) => i.label.includes('H100'))!];
        await waitFor('the title to come back', () => prompt.title === title);
        await settle();
        await enter();
        gpu = await answerOrEscape(answer);
      },
      gpuCount: () => escape(),
    });
    await createPod(user);
    assert.equal(refusedTitle, '"RTX 4090" cannot be picked: sold out in every region');
    assert.equal(gpu, 'NVIDIA_H100_80G', 'another GPU can still be picked');
  });

  it('the GPU step reads "VRAM · price · stock", sold out said once, and the summary opens on GPU, image, region, price and name', async () => {
    sim.sim.controls.yotta.setSoldOut('NVIDIA_RTX_4090_24G');
    let gpuLines: string[] = [];
    let summaryLabels: string[] = [];
    const user = new KeyboardUser({
      gpu: async (prompt) => {
        assert.ok(isPick(prompt));
        gpuLines = prompt.items.map((i) => `${plain(i.label)} | ${i.description ?? ''}`);
        await enter();
      },
      summary: async (prompt) => {
        assert.ok(isPick(prompt));
        summaryLabels = prompt.items
          .filter((i) => i.kind !== vscode.QuickPickItemKind.Separator)
          .slice(1, 6)
          .map((i) => `${i.label}: ${i.description ?? ''}`);
        await screenshot('wizard-summary-order');
        await escape();
      },
    });
    await createPod(user);
    assert.equal(gpuLines[0], 'RTX 4090 | 24 GB VRAM · price not published · sold out in every region');
    assert.match(
      gpuLines[1],
      /^RTX 5090 \| 32 GB VRAM · price not published · stock: available in (1 region|\d+ regions)$/,
    );
    assert.deepEqual(
      summaryLabels.map((l) => l.split(':')[0]),
      ['GPU', 'Image', 'Region', 'Price', 'Name'],
      summaryLabels.join('\n'),
    );
    assert.match(summaryLabels[0], /^GPU: RTX 5090 × 1 \(32 GB VRAM each\)$/);
    assert.match(summaryLabels[3], /^Price: price not published by Yotta Labs/);
  });

  it('counts 1/N … N/N without a jump through to the summary', async () => {
    const user = new KeyboardUser({ summary: () => escape() });
    await createPod(user);
    const ids = user.seen.map((s) => s.id);
    assert.deepEqual(ids, [
      'gpu',
      'gpuCount',
      'region',
      'image',
      'containerDisk',
      'volume',
      'ports',
      'customPorts',
      'env',
      'name',
      'summary',
    ]);
    assert.deepEqual(
      user.seen.map((s) => s.counter),
      ids.map((_, i) => `${i + 1}/${ids.length}`),
    );
    assert.equal(user.seen.at(-1)?.active, 'Create pod', 'the summary opens on its button');
    assert.deepEqual(sim.sim.controls.yotta.state.allPods(), [], 'Escape on the summary creates nothing');
  });
});

describe('a many-pick in the real quick pick', function () {
  this.timeout(60_000);
  let unwatch: () => void;
  before(() => (unwatch = watchPrompts()));
  after(async () => {
    unwatch();
    await escape();
  });

  it('cannot tick the "could not be loaded" line: it says why, and Enter answers with what can be picked', async () => {
    let refusedTitle = '';
    const user = new KeyboardUser({
      mounts: async (prompt, answer) => {
        assert.ok(isPick(prompt));
        prompt.activeItems = [prompt.items[0]];
        await settle();
        await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
        await waitFor('the line to be refused', () => prompt.title !== 'Volumes to mount');
        refusedTitle = prompt.title ?? '';
        await settle();
        await enter();
        await answer;
      },
    });
    const picked = await user.pick({
      id: 'mounts',
      title: 'Volumes to mount',
      canPickMany: true,
      items: [
        {
          label: 'Volumes could not be loaded: Could not reach Yotta Labs.',
          value: 'unavailable',
          disabledReason: 'this line only says why; go on with none, or go Back to try again',
        },
        { label: 'data', value: 'vol-data', picked: true },
      ],
    });
    assert.match(
      refusedTitle,
      /^"Volumes could not be loaded: Could not reach Yotta Labs\." cannot be picked: this line/,
    );
    assert.deepEqual(picked, ['vol-data']);
  });
});
