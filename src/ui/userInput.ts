import * as vscode from 'vscode';
import { translateWith } from './l10n';
import {
  BACK,
  type Back,
  type ConfirmOptions,
  initialActive,
  type InputStep,
  type PickItem,
  type PickStep,
  type UserInput,
} from './prompts';

export type { Back, ConfirmOptions, InputStep, PickItem, PickStep, UserInput } from './prompts';

// This module loads only in the extension host: from here on the wizard's messages (./l10n) are translated.
translateWith(vscode.l10n.t.bind(vscode.l10n));

/** The real prompts: quick picks and input boxes with Back buttons, step counters and validation. */
export class VsCodeUserInput implements UserInput {
  /**
   * A quick pick that opens on the first item that can be picked (initialActive). A sold-out or otherwise
   * disabled item stays in the list with its reason; choosing it keeps the pick open and says why in the
   * title and placeholder (visible while typing a filter too), until another item is active.
   */
  async pick<T>(step: PickStep<T>): Promise<T | T[] | Back | undefined> {
    type Item = vscode.QuickPickItem & { value?: T; disabledReason?: string; name?: string };
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
      const shown = new Map<PickItem<T>, Item>();
      let group: string | undefined;
      for (const it of items) {
        if (it.group && it.group !== group) {
          group = it.group;
          out.push({ label: group, kind: vscode.QuickPickItemKind.Separator });
        }
        const item: Item = {
          label: it.disabledReason ? `$(circle-slash) ${it.label}` : it.label,
          description: it.disabledReason
            ? [it.description, it.disabledReason].filter(Boolean).join(' · ')
            : it.description,
          detail: it.detail,
          value: it.value,
          disabledReason: it.disabledReason,
          name: it.label,
          picked: it.picked,
        };
        shown.set(it, item);
        out.push(item);
      }
      qp.items = out;
      if (step.canPickMany) qp.selectedItems = out.filter((i) => i.picked && !i.disabledReason);
      const first = initialActive(items);
      if (first) qp.activeItems = [shown.get(first)!];
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
      let refused: Item | undefined;
      const refuse = (item: Item) => {
        refused = item;
        qp.title = qp.placeholder = vscode.l10n.t(
          '"{0}" cannot be picked: {1}',
          item.name ?? '',
          item.disabledReason ?? '',
        );
      };
      qp.onDidChangeActive((active) => {
        if (!refused || active[0] === refused) return;
        refused = undefined;
        qp.title = step.title;
        qp.placeholder = step.placeholder;
      });
      qp.onDidChangeSelection((selected) => {
        const disabled = step.canPickMany ? selected.find((i) => i.disabledReason) : undefined;
        if (!disabled) return;
        qp.selectedItems = selected.filter((i) => !i.disabledReason);
        refuse(disabled);
      });
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done(BACK));
      qp.onDidAccept(() => {
        if (step.canPickMany) return done(qp.selectedItems.filter((i) => !i.disabledReason).map((i) => i.value as T));
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (!chosen || chosen.value === undefined) return;
        if (chosen.disabledReason) return refuse(chosen);
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
