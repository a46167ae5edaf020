/**
 * Every question the extension asks goes through `UserInput`. The VS Code implementation (userInput.ts)
 * shows quick picks and input boxes; integration tests install a scripted one (via the extension's API)
 * that answers step by step and fails instead of hanging on an unexpected prompt. No vscode import here,
 * so the wizard logic is unit-tested in plain Node.
 */

/** A registered symbol: the same value in every bundle and in the tests' own copy of this module. */
export const BACK = Symbol.for('gpuPods.back');
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

/**
 * The item a pick opens on: the preselected one (the previous answer, the default) when it can be picked,
 * else the first that can — never a sold-out line. Undefined when nothing can be picked.
 */
export function initialActive<T>(items: readonly PickItem<T>[]): PickItem<T> | undefined {
  return items.find((i) => i.picked && !i.disabledReason) ?? items.find((i) => !i.disabledReason);
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
