import type * as vscode from 'vscode';

/**
 * Global state where this window's own writes decide. Right after a write, VS Code can hand back an older copy of
 * an extension's global state for a moment (another key's write echoing back from the main process), which
 * would hide what the user just saved. For stores that only this window changes while it runs (saved images,
 * environment sets); what another window writes to the same key shows after a reload.
 */
export function windowState(memento: Pick<vscode.Memento, 'get' | 'update'>): Pick<vscode.Memento, 'get' | 'update'> {
  const written = new Map<string, unknown>();
  return {
    get: ((key: string, fallback?: unknown) => {
      if (written.has(key)) return written.get(key) ?? fallback;
      return fallback === undefined ? memento.get(key) : memento.get(key, fallback);
    }) as vscode.Memento['get'],
    update: (key: string, value: unknown) => {
      written.set(key, value);
      return memento.update(key, value);
    },
  };
}
