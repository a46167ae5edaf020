import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension, waitFor } from './support/extension';

interface Contributes {
  viewsWelcome?: Array<{ view: string; contents: string }>;
}

function walkthroughTabs(title: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === title);
}

describe('walkthrough: the welcome view leads to it', function () {
  this.timeout(60_000);

  it("the welcome view's “Read the walkthrough” link opens GPU Pods' walkthrough", async () => {
    const manifest = getExtension().packageJSON as { displayName: string; contributes: Contributes };
    const link = (manifest.contributes.viewsWelcome ?? [])
      .map((w) => /\[Read the walkthrough\]\(command:([\w.]+)(?:\?([^)]*))?\)/.exec(w.contents))
      .find((m) => m !== null);
    assert.ok(link, 'the welcome view has no “Read the walkthrough” link');
    // What VS Code runs when the link is clicked: the command, with its URI-encoded JSON arguments.
    const args: unknown = link[2] ? JSON.parse(decodeURIComponent(link[2])) : [];
    await vscode.commands.executeCommand(link[1], ...(Array.isArray(args) ? args : [args]));
    // VS Code titles the page after the walkthrough's extension once it found the walkthrough; "Welcome" otherwise.
    const title = `Walkthrough: ${manifest.displayName}`;
    await waitFor(`a “${title}” tab`, () => walkthroughTabs(title).length > 0, 20_000);
    await vscode.window.tabGroups.close(walkthroughTabs(title));
  });
});
