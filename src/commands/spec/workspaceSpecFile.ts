import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { CancelledError, ConfigError } from '../../core/errors';
import { parseSpec, type WorkspaceSpec } from '../../core/workspaceSpec';
import { SPEC_PATH } from '../../core/workspaceSpecPath';
import { pickOne } from '../../ui/pickOne';
import type { UserInput } from '../../ui/prompts';

/** The spec file of a workspace folder. */
export function specUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...SPEC_PATH.split('/'));
}

export async function hasSpec(folder: vscode.WorkspaceFolder): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(specUri(folder));
    return true;
  } catch {
    return false;
  }
}

/** The folder to work in: the only one, else the user's pick among `folders`. */
export async function pickFolder(
  ui: UserInput,
  folders: readonly vscode.WorkspaceFolder[],
  title: string,
): Promise<vscode.WorkspaceFolder> {
  if (folders.length === 0) throw new CancelledError();
  if (folders.length === 1) return folders[0];
  return pickOne(ui, { id: 'specFolder', title, items: folders.map((f) => ({ label: f.name, value: f })) });
}

/** The folder's spec, checked; a problem stops here, each one named by its JSON path. */
export async function readSpec(folder: vscode.WorkspaceFolder): Promise<WorkspaceSpec> {
  const bytes = await vscode.workspace.fs.readFile(specUri(folder));
  const result = parseSpec(new TextDecoder().decode(bytes));
  if ('spec' in result) return result.spec;
  throw new ConfigError(
    vscode.l10n.t('{0} in "{1}" cannot be used: {2}', SPEC_PATH, folder.name, result.problems.join('; ')),
  );
}

/** Writes the spec whole or not at all: a file beside it first, then renamed over the old one. */
export async function writeSpecAtomically(folder: vscode.WorkspaceFolder, text: string): Promise<void> {
  const target = specUri(folder);
  const temp = vscode.Uri.joinPath(target, '..', `.gpu-pods.json.${randomBytes(4).toString('hex')}.tmp`);
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temp, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}
