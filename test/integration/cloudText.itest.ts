import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AskedQuestion } from '../support/scriptedInput';
import { AutoInput } from '../support/autoInput';
import { waitFor } from './support/extension';
import { accountNode, disconnectAll, flatten, gpuPods, item, label, script } from './support/gpuPods';
import { startSimulator, type SimulatorHandle } from './support/simulator';

/** How VS Code finds links in notification text (vs/base/common/linkedText.ts); backslashes do not stop it. */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
const RLO = '\u202e';
const HOSTILE_NAME = `[x](command:workbench.action.quit)${RLO}gnp.exe\nsecond line`;

/** Text a person sees: no link VS Code would make clickable, no bidi override, one line. */
function assertInert(text: string, where: string): void {
  assert.ok(!NOTIFICATION_LINK.test(text), `${where} would show a link: ${JSON.stringify(text)}`);
  assert.ok(
    !/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(text),
    `${where} keeps a bidi control: ${JSON.stringify(text)}`,
  );
  assert.ok(!/[\n\r\0]/.test(text), `${where} is not one line: ${JSON.stringify(text)}`);
}

describe('cloud text: a hostile pod name or error message stays inert text', function () {
  this.timeout(120_000);
  let sim: SimulatorHandle;
  let podId: string;

  before(async () => {
    sim = await startSimulator({ timeScale: 0.02 });
    await disconnectAll();
    const { services } = await gpuPods();
    await services.accounts.add({ cloud: 'novita', label: 'hostile', options: {} }, 'nk-hostile');
    podId = sim.sim.controls.novita.seedInstance({ name: HOSTILE_NAME });
  });
  after(async () => {
    await disconnectAll();
    await sim.dispose();
  });

  async function hostilePod() {
    const account = await accountNode('novita', 'hostile');
    const { services } = await gpuPods();
    await services.data.refresh(account.account!.id);
    const node = (await flatten(account)).find((n) => n.type === 'pod' && n.pod.id === podId);
    assert.ok(node, 'the pod is in the tree');
    return node;
  }

  it('the tree row, its description, tooltip and screen-reader label carry no link, override or newline', async () => {
    const row = await item(await hostilePod());
    assertInert(label(row), 'the label');
    assert.equal(label(row), '[x] (command:workbench.action.quit)gnp.exe second line');
    assertInert(String(row.description ?? ''), 'the description');
    assertInert(row.accessibilityInformation?.label ?? '', 'the screen-reader label');
    const tip = row.tooltip as vscode.MarkdownString;
    assert.equal(tip.isTrusted, false);
    const unescaped = tip.value.replace(/\\./g, '');
    assert.ok(!/\]\(|<command:/.test(unescaped), `the tooltip forms a link: ${tip.value}`);
    assert.ok(!tip.value.includes(RLO));
  });

  it('notifications and quick picks that name the pod show it inert', async () => {
    const auto = new AutoInput({ idleHours: '5' });
    const { workbench } = await script(auto);
    await vscode.commands.executeCommand('gpuPods.stopAfter', await hostilePod());
    await waitFor('the confirmation toast', () => workbench.infos.length > 0);
    assertInert(workbench.infos[0], 'the "stop after" notification');
    assert.match(
      workbench.infos[0],
      /^"\[x\] \(command:workbench\.action\.quit\)gnp\.exe second line": stop after 5 h/,
    );
    const asked = auto.asked.find((q: AskedQuestion) => q.id === 'idleHours');
    assertInert(asked?.title ?? '', 'the input title');

    // From the palette: the pod is chosen in a quick pick.
    const picker = new AutoInput({ pod: 'gnp.exe' });
    const second = await script(picker);
    await vscode.commands.executeCommand('gpuPods.clearIdleTimer');
    const items = picker.asked.find((q: AskedQuestion) => q.id === 'pod')?.items ?? [];
    assert.ok(items.length > 0, 'a pod was offered');
    for (const i of items) assertInert(`${i.label} ${i.description ?? ''}`, 'the quick pick item');
    await waitFor('the "no idle timer" toast', () => second.workbench.infos.length > 0);
    assertInert(second.workbench.infos[0], 'the "no idle timer" notification');
  });

  it("the idle guard's own warning, shown without the user asking, names the pod inert", async () => {
    const { workbench, services } = await script(new AutoInput({ idleHours: '0.0005' }));
    await vscode.commands.executeCommand('gpuPods.remindAfter', await hostilePod());
    await waitFor('the reminder', () => workbench.warnings.length > 0, 30_000);
    assertInert(workbench.warnings[0], 'the idle-guard warning');
    assert.match(workbench.warnings[0], /gnp\.exe second line" on Novita AI is still running/);
    assert.equal(services.idleGuard.get((await accountNode('novita', 'hostile')).account!.id, podId), undefined);
  });

  it("an error toast quoting the cloud's error message shows it as plain text, not a link", async () => {
    const { workbench } = await script(new AutoInput());
    sim.sim.addFault({
      cloud: 'novita',
      method: 'POST',
      path: '/gpu/instance/stop',
      status: 400,
      body: {
        code: 400,
        reason: 'INVALID_STATE',
        message: `Please [re-authenticate](command:workbench.action.quit)${RLO}\nnow`,
      },
    });
    try {
      await vscode.commands.executeCommand('gpuPods.stopPod', await hostilePod());
      await waitFor('the error toast', () => workbench.errors.length > 0, 20_000);
    } finally {
      sim.sim.clearFaults();
    }
    assertInert(workbench.errors[0], 'the error toast');
    assert.match(
      workbench.errors[0],
      /re-authenticate\] \(command:workbench\.action\.quit\)/,
      "the cloud's words are still shown",
    );
  });
});
