import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import type { Services } from './commands/services';
import { AccountData } from './services/accountData';
import { AccountStore } from './services/accounts';
import { createLog } from './services/log';
import { PodSecrets } from './services/podSecrets';
import { ProviderManager } from './services/providerManager';
import { SshService } from './services/sshService';
import { vscodeWorkbench } from './services/workbench';
import { VsCodeUserInput } from './ui/userInput';
import type { TreeNode } from './views/nodes';
import { Poller } from './views/poller';
import { PodsTreeProvider } from './views/treeProvider';

/** What activate() returns: the services, so automation (and our integration tests) can script prompts. */
export interface GpuPodsApi {
  services: Services;
  tree: PodsTreeProvider;
}

/**
 * Builds the services, the tree and the commands. No network request here: clouds are contacted when the
 * tree asks for an account's children, and cloud code is loaded on first use.
 */
export function activate(context: vscode.ExtensionContext): GpuPodsApi {
  const log = createLog();
  const accounts = new AccountStore(context);
  const providers = new ProviderManager(accounts, log);
  const data = new AccountData(accounts, providers, log);
  const tree = new PodsTreeProvider(accounts, data, providers);
  const view = vscode.window.createTreeView<TreeNode>('gpuPods.pods', { treeDataProvider: tree, showCollapseAll: true });
  const services: Services = {
    context,
    log,
    accounts,
    providers,
    data,
    podSecrets: new PodSecrets(context.secrets),
    ui: new VsCodeUserInput(),
    workbench: vscodeWorkbench,
    view,
    ssh: new SshService(accounts, data, log, vscode.Uri.joinPath(context.globalStorageUri, 'askpass').fsPath),
    timing: { waitIntervalMs: 3000, waitTimeoutMs: 20 * 60 * 1000 },
  };
  const updateContext = () => void vscode.commands.executeCommand('setContext', 'gpuPods.hasAccounts', accounts.list().length > 0);
  updateContext();
  context.subscriptions.push(
    log,
    accounts,
    providers,
    data,
    tree,
    view,
    services.ssh!,
    new Poller(view, accounts, data),
    accounts.onDidChange(updateContext),
    ...registerCommands(services),
  );
  return { services, tree };
}

/** Shared with the lazily loaded cloud bundles (see src/core/modules.ts). */
export { coreModules } from './core/modules';

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
