import * as vscode from 'vscode';
import type { PodStatus } from '../core/model';

/** One codicon per status; a spinning one while the pod is on its way somewhere. */
export function statusIcon(status: PodStatus, pending = false): vscode.ThemeIcon {
  if (pending) return new vscode.ThemeIcon('loading~spin');
  switch (status) {
    case 'running':
      return new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('testing.iconPassed'));
    case 'provisioning':
    case 'stopping':
    case 'terminating':
      return new vscode.ThemeIcon('loading~spin');
    case 'stopped':
      return new vscode.ThemeIcon('debug-pause');
    case 'terminated':
      return new vscode.ThemeIcon('circle-slash');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    default:
      return new vscode.ThemeIcon('question');
  }
}
