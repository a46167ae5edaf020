import * as vscode from 'vscode';
import { SPEC_PATH } from '../core/workspaceSpecPath';
import { WORKSPACE_SPEC_KEY } from './paletteKeys';
import { executeCommand } from '../workbench/vscodeCommands';

/**
 * Keeps WORKSPACE_SPEC_KEY ("Create Pod from Workspace Spec" in the palette) true exactly while some workspace folder has .vscode/gpu-pods.json: looked at once,
 * then again whenever such a file is created or deleted or the folders change. No request, no cloud code.
 */
export function watchWorkspaceSpec(): vscode.Disposable {
  let sent: boolean | undefined;
  const update = async () => {
    const found = await Promise.all(
      (vscode.workspace.workspaceFolders ?? []).map((f) =>
        vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, ...SPEC_PATH.split('/'))).then(
          () => true,
          () => false,
        ),
      ),
    );
    const has = found.includes(true);
    if (has === sent) return;
    sent = has;
    await executeCommand('setContext', WORKSPACE_SPEC_KEY, has);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${SPEC_PATH}`, false, true, false);
  void update();
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(() => void update()),
    watcher.onDidDelete(() => void update()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void update()),
  );
}
