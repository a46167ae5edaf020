// Must stay the first import: the cloud registry's account options are translated while startup loads.
import './bindTranslator';
import type * as vscode from 'vscode';
import { systemClock } from './core/clock';
import { startGpuPods } from './startup';

/**
 * Registers the view, the commands and the status-bar item, and waits for the next idle timer; the rest
 * loads on first use (see src/startup.ts). Returns nothing: whatever activate() returns, any installed
 * extension can read through `vscode.extensions.getExtension('gpu-pods.gpu-pods').exports`, and nothing
 * that leads to a key, a password or a service may be reachable that way.
 */
export function activate(context: vscode.ExtensionContext): void {
  startGpuPods(context, { clock: systemClock });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
