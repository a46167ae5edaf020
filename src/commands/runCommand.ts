import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { AuthError, CancelledError, ConfigError, GpuPodsError, userMessage } from '../core/errors';
import { describeForLog } from '../services/log';
import type { Services } from './services';
import { executeCommand, openSetting } from '../workbench/vscodeCommands';

/**
 * Runs a command: a dismissed prompt is silent, every error goes to the log with its details, the user
 * sees one sentence with "Show Log" (and "Update API Key" when the key was refused, "Open Setting" when one
 * setting fixes it). Never a stack.
 */
export async function runGuarded(
  services: Services,
  id: string,
  handler: () => Promise<unknown> | unknown,
): Promise<unknown> {
  try {
    return await handler();
  } catch (error) {
    reportError(services, id, error);
    return undefined;
  }
}

/** Logs the error and shows its sentence without waiting for the user to dismiss the toast. */
export function reportError(services: Services, where: string, error: unknown): void {
  if (error instanceof CancelledError) return;
  services.log.error(`${where}: ${describeForLog(error)}`);
  // Error sentences quote what the cloud answered: shown as plain, inert text (no links, one line).
  const message =
    error instanceof GpuPodsError
      ? displayText(userMessage(error), { maxLength: 600 })
      : vscode.l10n.t('Something went wrong; see the GPU Pods log for details.');
  const showLog = vscode.l10n.t('Show Log');
  const updateKey = vscode.l10n.t('Update API Key');
  const showSetting = vscode.l10n.t('Open Setting');
  const setting = error instanceof ConfigError ? error.setting : undefined;
  const fix = error instanceof AuthError ? [updateKey] : setting ? [showSetting] : [];
  void services.workbench.showError(message, ...fix, showLog).then((choice) => {
    if (choice === showLog) services.log.show();
    if (choice === updateKey) void executeCommand('gpuPods.updateKey');
    if (choice === showSetting && setting) void openSetting(setting);
  });
}
