import * as vscode from 'vscode';
import { setTranslator } from './core/l10n';
import { startGpuPods } from './startup';

/**
 * Registers the view, the commands and the status-bar item, and waits for the next idle timer; the rest
 * loads on first use (see src/startup.ts). Returns nothing: whatever activate() returns, any installed
 * extension can read through `vscode.extensions.getExtension('gpu-pods.gpu-pods').exports`, and nothing
 * that leads to a key, a password or a service may be reachable that way.
 */
export function activate(context: vscode.ExtensionContext): void {
  // This bundle's own copy of src/core/l10n (the status bar's durations); dist/gpuPods.js binds its copy itself.
  setTranslator(vscode.l10n.t);
  startGpuPods(context);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
