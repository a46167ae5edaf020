import * as vscode from 'vscode';
import { GpuPodsError } from '../core/errors';

/** The one output channel. It is a LogOutputChannel, so the user picks the level (trace shows requests). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('GPU Pods', { log: true });
}

/** Everything we know about an error, for the log only: message, kind, details, stack. */
export function describeForLog(e: unknown): string {
  if (e instanceof GpuPodsError) {
    return `${e.name} (${e.kind}): ${e.message}${e.details ? `\n  details: ${e.details}` : ''}`;
  }
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
  return String(e);
}
