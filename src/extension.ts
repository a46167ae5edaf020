import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // filled in by the services/views/commands layer
}

export function deactivate(): void {}
