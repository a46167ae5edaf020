import * as vscode from 'vscode';
import type { BuiltInCommandId, CommandId } from './commandIds';
import { executeCommand } from './vscodeCommands';

/**
 * The few workbench effects commands cause: open a URL, open a remote folder, copy text, install an
 * extension, run a command, show a toast. One port so tests can observe them (the integration harness has
 * no Remote-SSH and no browser; the unit tests have no VS Code at all) without any test branch in the
 * commands themselves. A command that needs nothing else of VS Code runs in plain Node.
 */
export interface Workbench {
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  openSimpleBrowser(url: string): Thenable<unknown>;
  openFolder(uri: vscode.Uri, newWindow: boolean): Thenable<unknown>;
  copy(text: string): Thenable<void>;
  /** Id of an installed extension among `ids`, the first found. */
  installedExtension(ids: readonly string[]): string | undefined;
  installExtension(id: string): Thenable<unknown>;
  /** Toasts. Resolve with the button pressed; callers never wait on them inside a command's flow. */
  showError(message: string, ...buttons: string[]): Thenable<string | undefined>;
  showInfo(message: string, ...buttons: string[]): Thenable<string | undefined>;
  /** A warning toast (the idle guard's "about to stop"); undefined when dismissed or never answered. */
  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined>;
  /** Runs one of our commands or one of VS Code's we name (typed: a misspelt id fails the typecheck). */
  executeCommand(id: CommandId | BuiltInCommandId, ...args: unknown[]): Thenable<unknown>;
}

export const vscodeWorkbench: Workbench = {
  openExternal: (uri) => vscode.env.openExternal(uri),
  openSimpleBrowser: (url) => executeCommand('simpleBrowser.show', url),
  openFolder: (uri, newWindow) => executeCommand('vscode.openFolder', uri, { forceNewWindow: newWindow }),
  copy: (text) => vscode.env.clipboard.writeText(text),
  installedExtension: (ids) => ids.find((id) => vscode.extensions.getExtension(id)),
  installExtension: (id) => executeCommand('workbench.extensions.installExtension', id),
  showError: (message, ...buttons) => vscode.window.showErrorMessage(message, ...buttons),
  showInfo: (message, ...buttons) => vscode.window.showInformationMessage(message, ...buttons),
  showWarning: (message, ...buttons) => vscode.window.showWarningMessage(message, ...buttons),
  executeCommand: (id, ...args) => executeCommand(id, ...args),
};
