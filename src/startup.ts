import * as vscode from 'vscode';
import { COMMAND_IDS } from './workbench/commandIds';
import { executeCommand, registerCommand } from './workbench/vscodeCommands';
import { type Clock, systemClock } from './core/clock';
import type { IdleTimer } from './core/idleTimers';
import { StopTimerSchedule } from './core/stopTimerSchedule';
import type { GpuPods, Seams } from './gpuPods';
import { AccountStore } from './services/accounts';
import { CLOUDS } from './providers/clouds';
import { IDLE_RULES_KEY, STOPPED_RULES_KEY } from './services/idleRulesKey';
import { IDLE_TIMERS_KEY } from './services/idleTimersKey';
import { BurnRateStatus } from './views/burnRate';
import type { TreeNode } from './views/nodes';
import { paletteContext } from './views/paletteKeys';
import { isPodRemoteWindow, WALKTHROUGH_KEYS } from './views/walkthroughKeys';
import { watchWorkspaceSpec } from './views/workspaceSpecKey';

/** A started GPU Pods: `load()` builds the rest on first call (and returns the same object after). */
export interface Started {
  load(): Promise<GpuPods>;
  isLoaded(): boolean;
}

/**
 * What activation does, kept cheap because GPU Pods activates after every window's startup (idle timers
 * must fire even when the view is never opened): the status-bar item, the palette's context keys,
 * the commands and the view are registered, and one timer waits for the next idle-timer moment. The
 * services, the tree and the command handlers (dist/gpuPods.js) are loaded on first use: the view asks
 * for its rows, a command runs, an idle timer is due, a notebook opens. No request is made here.
 */
export function startGpuPods(context: vscode.ExtensionContext, seams: Seams = {}): Started {
  const clock = seams.clock ?? systemClock;
  const accounts = new AccountStore(context);
  const burnRate = new BurnRateStatus(accounts, clock);
  const tree = new LazyTree();
  const view = vscode.window.createTreeView<TreeNode>('gpuPods.pods', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  let loading: Promise<GpuPods> | undefined;
  let loaded: GpuPods | undefined;
  const load = (): Promise<GpuPods> => {
    loading ??= import('./gpuPods').then(
      (m) => {
        loaded = m.buildGpuPods({ context, accounts, view, burnRate }, seams);
        tree.attach(loaded.tree);
        idleWake.dispose(); // the idle guard takes over its timers
        return loaded;
      },
      (e: unknown) => {
        loading = undefined; // the next use tries again
        throw e;
      },
    );
    return loading;
  };
  const loadAndReport = (why: string) =>
    void load().catch(
      (e: unknown) =>
        void vscode.window.showErrorMessage(
          vscode.l10n.t('GPU Pods could not start ({0}): {1}', why, String((e as Error)?.message ?? e)),
        ),
    );
  tree.load = load;

  const idleWake = wakeForIdleTimers(context.globalState, clock, () => loadAndReport('stop timer'));
  // Idle rules watch the pods' GPUs from startup: with any rule stored, the rest of GPU Pods loads now.
  const rules = context.globalState.get<unknown>(IDLE_RULES_KEY);
  if (Array.isArray(rules) && rules.length > 0 && accounts.list().length > 0) loadAndReport('GPU utilisation rule');
  // So do delete-when-stopped rules: a forgotten stopped pod bills while VS Code is open with the view closed.
  const stopped = context.globalState.get<unknown>(STOPPED_RULES_KEY);
  if (Array.isArray(stopped) && stopped.length > 0 && accounts.list().length > 0) loadAndReport('delete rule');
  const updateContext = paletteContextUpdater(accounts);
  updateContext();
  // A Remote-SSH window on a pod: the walkthrough's last step is done (no request, one look at this window).
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.authority);
  if (isPodRemoteWindow(vscode.env.remoteName, folders)) void executeCommand('setContext', WALKTHROUGH_KEYS.ssh, true);
  // A notebook may want a running pod as its Jupyter server (offered once GPU Pods is loaded).
  const openNotebook = () => accounts.list().length > 0 && loadAndReport('notebook');
  if (vscode.workspace.notebookDocuments.length > 0) openNotebook();

  context.subscriptions.push(
    accounts,
    burnRate,
    tree,
    view,
    idleWake,
    accounts.onDidChange(updateContext),
    watchWorkspaceSpec(),
    vscode.workspace.onDidOpenNotebookDocument(openNotebook),
    ...COMMAND_IDS.map((id) => registerCommand(id, async (...args: unknown[]) => (await load()).runCommand(id, args))),
  );
  return { load, isLoaded: () => loaded !== undefined };
}

/**
 * Sets the command palette's context keys (`gpuPods.hasAccounts`, `gpuPods.palette.*`) from the stored accounts'
 * clouds, each cloud's static palette facts standing in for its provider: no cloud code is loaded and no request
 * is made, so the palette is right from the first keystroke. Only keys whose value changed are sent again.
 */
function paletteContextUpdater(accounts: AccountStore): () => void {
  const sent = new Map<string, boolean>();
  return () => {
    const clouds = accounts.list().flatMap((a) => (a.cloud in CLOUDS ? [CLOUDS[a.cloud]] : []));
    for (const [key, value] of Object.entries(paletteContext(clouds))) {
      if (sent.get(key) === value) continue;
      sent.set(key, value);
      void executeCommand('setContext', key, value);
    }
  };
}

/**
 * Calls `wake` when the earliest idle timer in global state is due (its grace period is not known here,
 * so a timer already notified wakes at once: the idle guard then works out what is due).
 */
function wakeForIdleTimers(state: vscode.Memento, clock: Clock, wake: () => void): vscode.Disposable {
  const schedule: StopTimerSchedule = new StopTimerSchedule({
    clock,
    store: { read: () => state.get<IdleTimer[]>(IDLE_TIMERS_KEY, []), write: (t) => state.update(IDLE_TIMERS_KEY, t) },
    graceMs: () => 0,
    wake: () =>
      void schedule.phases().then((timers) => {
        if (timers.some((t) => t.phase !== 'waiting')) wake();
        else schedule.schedule();
      }),
  });
  schedule.schedule();
  return schedule;
}

/**
 * The view's data provider until GPU Pods is loaded: the first time VS Code asks for rows (the view is
 * visible) it loads the rest and hands every call to the real tree from then on.
 */
class LazyTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private real?: vscode.TreeDataProvider<TreeNode>;
  private relay?: vscode.Disposable;
  load?: () => Promise<unknown>;

  attach(real: vscode.TreeDataProvider<TreeNode>): void {
    this.real = real;
    // No refresh needed: a view that asked for rows before this is still waiting in getChildren.
    this.relay = real.onDidChangeTreeData?.((node) => this.changed.fire(node ?? undefined));
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!this.real) await this.load?.();
    return (await this.real?.getChildren(node)) ?? [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    // Nodes only come from getChildren, so the real tree is there.
    return this.real!.getTreeItem(node);
  }

  getParent(node: TreeNode): vscode.ProviderResult<TreeNode> {
    return this.real?.getParent?.(node);
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    node: TreeNode,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.TreeItem> {
    return this.real?.resolveTreeItem ? this.real.resolveTreeItem(item, node, token) : item;
  }

  dispose(): void {
    this.relay?.dispose();
    this.changed.dispose();
  }
}
