import * as vscode from 'vscode';

/**
 * Every question the extension asks goes through this interface. The VS Code implementation shows quick
 * picks and input boxes; integration tests install a scripted one (via the extension's API) that answers
 * step by step and fails instead of hanging on an unexpected prompt.
 */

export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Shown, not pickable (sold out …). */
  disabledReason?: string;
  picked?: boolean;
  /** Items under this separator label. */
  group?: string;
}

export interface PickStep<T> {
  title: string;
  /** 1-based step counters for a wizard. */
  step?: number;
  totalSteps?: number;
  placeholder?: string;
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
  canPickMany?: boolean;
  /** Offer a Back button (returns BACK). */
  canGoBack?: boolean;
  /** Stable id for tests: which question this is. */
  id: string;
}

export interface InputStep {
  id: string;
  title: string;
  step?: number;
  totalSteps?: number;
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  canGoBack?: boolean;
  validate?(value: string): string | undefined;
}

export interface ConfirmOptions {
  id: string;
  message: string;
  detail?: string;
  /** The button that goes ahead ("Terminate"). */
  confirm: string;
}

export interface UserInput {
  /** Undefined = the user dismissed it. With canPickMany the value is an array. */
  pick<T>(step: PickStep<T>): Promise<T | T[] | Back | undefined>;
  input(step: InputStep): Promise<string | Back | undefined>;
  /** A modal warning: true only when the user pressed `confirm`. */
  confirm(options: ConfirmOptions): Promise<boolean>;
}

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
          description: it.disabledReason ? [it.description, it.disabledReason].filter(Boolean).join(' · ') : it.description,
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
