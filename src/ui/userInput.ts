import * as vscode from 'vscode';
import { BACK, type Back, type ConfirmOptions, type InputStep, type PickStep, type UserInput } from './prompts';

export type { Back, ConfirmOptions, InputStep, PickItem, PickStep, UserInput } from './prompts';

/** The real prompts: quick picks and input boxes with Back buttons, step counters and validation. */
export class VsCodeUserInput implements UserInput {
  async pick<T>(step: PickStep<T>): Promise<T | T[] | Back | undefined> {
    type Item = vscode.QuickPickItem & { value?: T; disabledReason?: string };
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = step.title;
    qp.step = step.step;
    qp.totalSteps = step.totalSteps;
    qp.placeholder = step.placeholder;
    qp.canSelectMany = !!step.canPickMany;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    qp.busy = true;
    qp.show();
    try {
      const items = await step.items;
      const out: Item[] = [];
      let group: string | undefined;
      for (const it of items) {
        if (it.group && it.group !== group) {
          group = it.group;
          out.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
        }
        out.push({
          label: it.disabledReason ? `$(circle-slash) ${it.label}` : it.label,
          description: it.disabledReason
            ? [it.description, it.disabledReason].filter(Boolean).join(' · ')
            : it.description,
          detail: it.detail,
          value: it.value,
          disabledReason: it.disabledReason,
          picked: it.picked,
        });
      }
      qp.items = out;
      if (step.canPickMany) qp.selectedItems = out.filter((i) => i.picked);
      else {
        const preferred = out.find((i) => i.picked && !i.disabledReason);
        if (preferred) qp.activeItems = [preferred];
      }
    } catch (e) {
      qp.dispose();
      throw e;
    } finally {
      qp.busy = false;
    }
    return new Promise((resolve) => {
      const done = (v: T | T[] | Back | undefined) => {
        resolve(v);
        qp.dispose();
      };
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK));
      qp.onDidAccept(() => {
        if (step.canPickMany) return done(qp.selectedItems.map((i) => i.value as T));
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!chosen || chosen.value === undefined) return;
        if (chosen.disabledReason) {
          qp.placeholder = `${chosen.label.replace('$(circle-slash) ', '')}: ${chosen.disabledReason}`;
          return;
        }
        done(chosen.value);
      });
      qp.onDidHide(() => done(undefined));
    });
  }

  input(step: InputStep): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.step = step.step;
    box.totalSteps = step.totalSteps;
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.value = step.value ?? '';
    box.password = !!step.password;
    box.ignoreFocusOut = true;
    box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    return new Promise((resolve) => {
      const done = (v: string | Back | undefined) => {
        resolve(v);
        box.dispose();
      };
      box.onDidChangeValue((v) => (box.validationMessage = step.validate?.(v)));
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK));
      box.onDidAccept(() => {
        const error = step.validate?.(box.value);
        if (error) box.validationMessage = error;
        else done(box.value);
      });
      box.onDidHide(() => done(undefined));
      box.show();
    });
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(
      options.message,
      { modal: true, detail: options.detail },
      options.confirm,
    );
    return answer === options.confirm;
  }
}
