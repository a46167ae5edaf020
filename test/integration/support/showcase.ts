import * as vscode from 'vscode';
import type { BACK, ConfirmOptions, InputStep, PickStep, UserInput } from '../../../src/ui/prompts';
import { VsCodeUserInput } from '../../../src/ui/userInput';
import { screenshot } from './control';

/**
 * Wraps scripted prompts; at the named questions it also shows the real quick pick or input box with the
 * same content, saves a screenshot of it, and closes it — so the README shows the real wizard.
 */
export class ShowcaseInput implements UserInput {
  private readonly real = new VsCodeUserInput();
  readonly shots: string[] = [];

  constructor(
    private readonly inner: UserInput,
    private readonly shoot: Record<string, string>,
  ) {}

  private async show(id: string, open: () => Promise<unknown>): Promise<void> {
    const name = this.shoot[id];
    if (!name) return;
    const shown = open();
    const file = await screenshot(name, 1200);
    if (file) this.shots.push(file);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await shown;
  }

  async pick<T>(step: PickStep<T>): Promise<T | T[] | typeof BACK | undefined> {
    await this.show(step.id, () => this.real.pick({ ...step }));
    return this.inner.pick(step);
  }

  async input(step: InputStep): Promise<string | typeof BACK | undefined> {
    await this.show(step.id, () => this.real.input({ ...step }));
    return this.inner.input(step);
  }

  confirm(options: ConfirmOptions): Promise<boolean> {
    return this.inner.confirm(options);
  }
}
