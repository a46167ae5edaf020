import * as vscode from 'vscode';
import type { Services } from '../../../src/commands/services';
import type { GpuPods } from '../../../src/gpuPods';
import { executeCommand } from '../../../src/workbench/vscodeCommands';
import type { Workbench } from '../../../src/workbench/workbench';
import type { UserInput } from '../../../src/ui/prompts';
import type { TreeNode } from '../../../src/views/nodes';
import { getExtension, waitFor } from './extension';
import type { TestHooks } from './testExtension';

/** The services and tree of the running GPU Pods, as the test entry hands them out. */
export type GpuPodsApi = GpuPods;

/**
 * The test entry's handle (test/integration/support/testExtension.ts): the launcher runs GPU Pods with it
 * instead of the shipped dist/extension.js, whose activate() returns nothing.
 */
export async function testHooks(): Promise<TestHooks> {
  const ext = getExtension();
  const hooks = (ext.isActive ? ext.exports : await ext.activate()) as TestHooks | undefined;
  if (typeof hooks?.gpuPods !== 'function')
    throw new Error('GPU Pods was not started through the test entry (out/test/extension)');
  return hooks;
}

/**
 * Runs `work` with GPU Pods' clock `rate` times as fast (test/integration/support/testClock.ts): minutes of
 * GPU Pods' waiting (sampling rounds, idle rules, the looks after an unclear create) pass in seconds.
 */
export async function onFasterClock<T>(rate: number, work: () => Promise<T>): Promise<T> {
  const { clock } = await testHooks();
  clock.speedUp(rate);
  try {
    return await work();
  } finally {
    clock.backToSystemTime();
  }
}

/** The running extension's services and tree (activating it and loading the rest if needed). */
export async function gpuPods(): Promise<GpuPodsApi> {
  return (await testHooks()).gpuPods();
}

/** What the commands asked the workbench to do, instead of doing it (no browser, no Remote-SSH here). */
export interface RecordedWorkbench extends Workbench {
  opened: string[];
  folders: Array<{ uri: string; newWindow: boolean }>;
  copied: string[];
  errors: string[];
  infos: string[];
  warnings: string[];
  installed: string[];
  /** Commands run through the workbench (they are run for real too). */
  commands: string[];
  remoteSsh: string | undefined;
}

export function recordingWorkbench(): RecordedWorkbench {
  const wb: RecordedWorkbench = {
    opened: [],
    folders: [],
    copied: [],
    errors: [],
    infos: [],
    warnings: [],
    installed: [],
    commands: [],
    remoteSsh: 'ms-vscode-remote.remote-ssh',
    openExternal: async (uri) => (wb.opened.push(uri.toString(true)), true),
    openSimpleBrowser: async (url) => void wb.opened.push(url),
    openFolder: async (uri, newWindow) => void wb.folders.push({ uri: uri.toString(true), newWindow }),
    copy: async (text) => void wb.copied.push(text),
    installedExtension: (ids) => (wb.remoteSsh && ids.includes(wb.remoteSsh) ? wb.remoteSsh : undefined),
    installExtension: async (id) => void wb.installed.push(id),
    showError: async (m) => (wb.errors.push(m), undefined),
    showInfo: async (m) => (wb.infos.push(m), undefined),
    showWarning: async (m) => (wb.warnings.push(m), undefined),
    executeCommand: (id, ...args) => (wb.commands.push(id), executeCommand(id, ...args)),
  };
  return wb;
}

/**
 * Hands the running instance's seams scripted prompts and a recording workbench (until the next script or a
 * restart); returns the services for further checks.
 */
export async function script(
  ui: UserInput,
  workbench: RecordedWorkbench = recordingWorkbench(),
): Promise<{ services: Services; workbench: RecordedWorkbench }> {
  const hooks = await testHooks();
  const { services } = await hooks.gpuPods();
  hooks.seams.ui.use(ui);
  hooks.seams.workbench.use(workbench);
  return { services, workbench };
}

export async function children(node?: TreeNode): Promise<TreeNode[]> {
  const { tree } = await gpuPods();
  return (await tree.getChildren(node)) ?? [];
}

/** The row as a user sees it on hover: getTreeItem, then resolveTreeItem (which builds the tooltip). */
export async function item(node: TreeNode): Promise<vscode.TreeItem> {
  const { tree } = await gpuPods();
  const row = tree.getTreeItem(node) as vscode.TreeItem;
  return tree.resolveTreeItem(row, node, new vscode.CancellationTokenSource().token);
}

export function label(i: vscode.TreeItem): string {
  return typeof i.label === 'string' ? i.label : (i.label?.label ?? '');
}

/** Every node under an account, depth first (groups opened). */
export async function flatten(node: TreeNode): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for (const child of await children(node)) {
    out.push(child);
    if (child.type === 'group') out.push(...(await flatten(child)));
  }
  return out;
}

export async function accountNode(cloud: string, accountLabel?: string): Promise<TreeNode> {
  const roots = await children();
  const node = roots.find(
    (n) => n.type === 'account' && n.account.cloud === cloud && (!accountLabel || n.account.label === accountLabel),
  );
  if (!node) throw new Error(`no ${cloud} account in the tree`);
  return node;
}

/** Waits until a pod with this name shows under the account in the given status. */
export async function waitForPodNode(
  cloud: string,
  name: string,
  status: string | ((s: string) => boolean),
  timeoutMs = 30_000,
): Promise<TreeNode & { type: 'pod' }> {
  const { services } = await gpuPods();
  const found = await waitFor(
    `pod "${name}" to be ${typeof status === 'string' ? status : 'as expected'}`,
    async () => {
      const account = await accountNode(cloud);
      await services.data.refresh(account.account!.id);
      const pod = (await flatten(account)).find(
        (n): n is TreeNode & { type: 'pod' } => n.type === 'pod' && n.pod.name === name,
      );
      if (!pod) return undefined;
      const ok = typeof status === 'string' ? pod.pod.status === status : status(pod.pod.status);
      return ok ? pod : undefined;
    },
    timeoutMs,
    300,
  );
  return found!;
}

/** Removes every account (and its key), so each suite starts clean. */
export async function disconnectAll(): Promise<void> {
  const { services } = await gpuPods();
  for (const a of services.accounts.list()) {
    await services.accounts.remove(a.id);
    services.data.forget(a.id);
  }
}

export async function revealView(): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.gpuPods');
}
