import * as vscode from 'vscode';
import type { BuiltInCommandId, CommandId } from './commandIds';

/**
 * The only doors to `vscode.commands` and to clickable items: ids are typed, so a misspelt command id fails
 * the typecheck instead of silently doing nothing when clicked.
 */

export function executeCommand<T = unknown>(id: CommandId | BuiltInCommandId, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(id, ...args);
}

export function registerCommand(id: CommandId, handler: (...args: unknown[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler);
}

/** What a tree row or the status bar runs when clicked. */
export function clickCommand(id: CommandId, title: string, ...args: unknown[]): vscode.Command {
  return args.length ? { command: id, title, arguments: args } : { command: id, title };
}

/** The Settings editor showing exactly this one setting (`@id:` matches the id, not words in descriptions). */
export function openSetting(setting: string): Thenable<unknown> {
  return executeCommand('workbench.action.openSettings', settingQuery(setting));
}

/** What a row runs to open exactly this setting. */
export function openSettingClick(setting: string, title: string): vscode.Command {
  return {
    command: 'workbench.action.openSettings' satisfies BuiltInCommandId,
    title,
    arguments: [settingQuery(setting)],
  };
}

const settingQuery = (setting: string) => `@id:${setting}`;
