import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { screenshot, workbenchText } from './support/control';
import { getExtension, waitFor } from './support/extension';

interface Manifest {
  contributes: {
    viewsWelcome?: Array<{ view: string; contents: string }>;
    walkthroughs?: Array<{ title: string; steps: Array<{ title: string }> }>;
  };
}

/** The Welcome editor's tabs (VS Code names it "Welcome", or "Walkthrough: …" once it has a walkthrough's title). */
const welcomeTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => /^(Welcome|Walkthrough: )/.test(t.label));

describe('walkthrough: the welcome view leads to it', function () {
  this.timeout(60_000);
  after(async () => void (await vscode.window.tabGroups.close(welcomeTabs())));

  it("the welcome view's “Read the walkthrough” link opens GPU Pods' walkthrough on its first step", async () => {
    const { contributes } = getExtension().packageJSON as Manifest;
    const link = (contributes.viewsWelcome ?? [])
      .map((w) => /\[Read the walkthrough\]\(command:([\w.]+)(?:\?([^)]*))?\)/.exec(w.contents))
      .find((m) => m !== null);
    assert.ok(link, 'the welcome view has no “Read the walkthrough” link');
    const [walkthrough] = contributes.walkthroughs ?? [];
    assert.ok(walkthrough, 'GPU Pods contributes no walkthrough');
    await vscode.window.tabGroups.close(welcomeTabs());

    // What VS Code runs when the link is clicked: the command, with its URI-encoded JSON arguments.
    const args: unknown = link[2] ? JSON.parse(decodeURIComponent(link[2])) : [];
    await vscode.commands.executeCommand(link[1], ...(Array.isArray(args) ? args : [args]));
    await waitFor('the Welcome editor', () => welcomeTabs().some((t) => t.isActive), 20_000);

    // The page shows our walkthrough's steps, not the list of every walkthrough (what an unknown id gives).
    const { text } = (await waitFor(
      `the steps of “${walkthrough.title}”`,
      async () => {
        const shown = await workbenchText('.gettingStarted.showDetails .gettingStartedSlideDetails');
        return shown === undefined || shown?.includes(walkthrough.title) ? { text: shown } : undefined;
      },
      20_000,
    ))!;
    await screenshot('walkthrough');
    if (text === undefined) return; // a launcher without a browser page cannot read the page
    for (const step of walkthrough.steps) assert.ok(text?.includes(step.title), `no step “${step.title}”`);
  });
});
