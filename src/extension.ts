import * as vscode from 'vscode';
import { runPodAction } from './commands/podLifecycle';
import { registerCommands } from './commands/registerCommands';
import { reportError } from './commands/runCommand';
import type { Services } from './commands/services';
import { OfferCache } from './core/offers';
import { AccountData } from './services/accountData';
import { AccountStore } from './services/accounts';
import { JupyterServers } from './services/jupyterServers';
import { IdleGuard } from './services/idleGuard';
import { createLog } from './services/log';
import { PodSecrets } from './services/podSecrets';
import { ProviderManager } from './services/providerManager';
import { SshService } from './services/sshService';
import { vscodeWorkbench } from './services/workbench';
import { VsCodeUserInput } from './ui/userInput';
import { BurnRateStatus } from './views/burnRate';
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
  // Timers are read from global state and scheduled; nothing is asked of a cloud until one is due.
  const idleGuard = new IdleGuard(context.globalState, {
    accounts,
    data,
    log,
    workbench: () => services.workbench,
    act: async (account, pod, action) => {
      try {
        await runPodAction(services, { account, pod, provider: await providers.get(account) }, action);
      } catch (error) {
        reportError(services, `idle guard (${action})`, error);
      }
    },
  });
  const tree = new PodsTreeProvider(accounts, data, providers, idleGuard);
  const podSecrets = new PodSecrets(context.secrets);
  const view = vscode.window.createTreeView<TreeNode>('gpuPods.pods', { treeDataProvider: tree, showCollapseAll: true });
  const services: Services = {
    context,
    log,
    accounts,
    providers,
    data,
    podSecrets,
    ui: new VsCodeUserInput(),
    workbench: vscodeWorkbench,
    view,
    ssh: new SshService(accounts, data, log, vscode.Uri.joinPath(context.globalStorageUri, 'askpass').fsPath, providers),
    jupyterServers: new JupyterServers(data, providers, podSecrets),
    timing: { waitIntervalMs: 3000, waitTimeoutMs: 20 * 60 * 1000 },
    burnRate: new BurnRateStatus(accounts, data),
    idleGuard,
    offers: new OfferCache(60_000, 10_000),
  };
  const dropOffers = accounts.onDidChange(() => services.offers?.forget());
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
    services.burnRate!,
    idleGuard,
    dropOffers,
    services.jupyterServers!,
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
