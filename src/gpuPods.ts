// Must stay the first import: core and cloud code translate through vscode.l10n.t from then on.
import './bindTranslator';
import * as vscode from 'vscode';
import type { CommandId } from './commands/commandIds';
import { runPodAction } from './commands/podLifecycle';
import { COMMANDS } from './commands/registerCommands';
import { reportError, runGuarded } from './commands/runCommand';
import type { Services } from './commands/services';
import type { Clock } from './core/clock';
import type { RateLimit } from './core/keyGate';
import type { CloudId } from './core/model';
import { OfferCache } from './core/offers';
import { AccountData } from './services/accountData';
import type { AccountStore } from './services/accounts';
import { JupyterServers } from './services/jupyterServers';
import { IdleGuard } from './services/idleGuard';
import { IdleRules } from './services/idleRules';
import { settings } from './services/settings';
import { CLOUDS } from './providers/clouds';
import { actionVerb } from './ui/actionLabels';
import { IdleStatus } from './views/idleStatus';
import { createLog } from './services/log';
import { PodSecrets } from './services/podSecrets';
import { PriceQuotes } from './services/priceQuotes';
import { ProviderManager } from './services/providerManager';
import { SshService } from './services/sshService';
import { createUtilisationSampler } from './services/utilisationSampler';
import { vscodeWorkbench } from './services/workbench';
import { VsCodeUserInput } from './ui/userInput';
import type { BurnRateStatus } from './views/burnRate';
import type { TreeNode } from './views/nodes';
import { Poller } from './views/poller';
import { PodsTreeProvider } from './views/treeProvider';

/**
 * The part of GPU Pods that activation does not load (src/startup.ts loads it on first use: the view is
 * shown, a command runs, an idle timer is due, a notebook opens). Bundled as dist/gpuPods.js.
 *
 * Nothing here is kept at module level: the only way to the services is the object buildGpuPods returns,
 * which startup keeps to itself (activate() returns nothing, so no other extension can reach a key).
 */

/** What startup has already built and hands over. */
export interface Shell {
  context: vscode.ExtensionContext;
  accounts: AccountStore;
  view: vscode.TreeView<TreeNode>;
  burnRate: BurnRateStatus;
  /**
   * Limits per API key instead of each cloud's documented ones: the integration suite's test entry drives the
   * simulator far faster than any cloud allows. The shipped entry never sets it.
   */
  rateLimit?: (cloud: CloudId) => RateLimit;
  /** The one clock everything that reads the time or waits is built with (the shipped entry: systemClock). */
  clock: Clock;
}

/** The loaded extension: its services and tree, and the command handlers startup's commands call. */
export interface GpuPods {
  services: Services;
  tree: PodsTreeProvider;
  runCommand(id: CommandId, args: unknown[]): Promise<unknown>;
}

export function buildGpuPods({ context, accounts, view, burnRate, rateLimit, clock }: Shell): GpuPods {
  const log = createLog();
  const providers = new ProviderManager(accounts, log, clock, {}, rateLimit);
  const priceQuotes = new PriceQuotes(context.globalState, () => clock.now(), log);
  const data = new AccountData(accounts, providers, log, clock, priceQuotes);
  // Timers are read from global state and scheduled; nothing is asked of a cloud until one is due.
  const idleGuard = new IdleGuard(context.globalState, {
    accounts,
    data,
    log,
    clock,
    workbench: () => services.workbench,
    act: async (account, pod, action) => {
      try {
        await runPodAction(services, { account, pod, provider: await providers.get(account) }, action);
      } catch (error) {
        reportError(services, `idle guard (${action})`, error);
      }
    },
  });
  const ssh = new SshService(
    accounts,
    data,
    log,
    vscode.Uri.joinPath(context.globalStorageUri, 'askpass').fsPath,
    providers,
  );
  // The GPU utilisation readings: built before the idle rules, which subscribe to them at construction.
  const utilisation = createUtilisationSampler({ data, providers, ssh, log, view, clock });
  // Idle rules are read from global state and armed at once: they run from startup, like the timers.
  const idleRules = new IdleRules({
    memento: context.globalState,
    feed: utilisation,
    log,
    clock,
    graceMs: () => settings.idleGraceMs(),
    clouds: Object.keys(CLOUDS),
    pods: () => data.allPods().map(({ account, pod }) => ({ accountId: account.id, pod })),
    listed: (accountId) => {
      const s = data.snapshot(accountId);
      return s && !s.error ? s.pods : undefined;
    },
    keepListed: (accountIds) => {
      const now = clock.now();
      for (const id of accountIds) {
        const account = accounts.get(id);
        const s = data.snapshot(id);
        if (!account || data.isRefreshing(id) || (s?.backoffUntil && now < s.backoffUntil)) continue;
        if (!s?.loadedAt || now - s.loadedAt >= settings.slowPollSeconds(account.cloud) * 1000)
          void data.refresh(id, { background: true });
      }
    },
    onPodsChange: (listener) => data.onDidChange(listener),
    fresh: async (accountId, podId) => {
      const account = accounts.get(accountId);
      if (!account) return undefined;
      await data.refresh(accountId);
      const s = data.snapshot(accountId);
      const pod = s && !s.error ? s.pods.find((p) => p.id === podId) : undefined;
      if (!s || !pod) return undefined;
      const caps = s.capabilities;
      return {
        pod,
        canStop: !!caps?.podActions.has('stop'),
        stopVerb: actionVerb(caps, 'stop'),
        stoppedWord: caps?.stopWord === 'pause' ? vscode.l10n.t('Paused') : vscode.l10n.t('Stopped'),
        cloudName: CLOUDS[account.cloud].displayName,
      };
    },
    stop: async (accountId, pod) => {
      const account = accounts.get(accountId);
      if (!account) throw new Error('the account is no longer connected');
      await runPodAction(services, { account, pod, provider: await providers.get(account) }, 'stop');
      const after = data.snapshot(accountId)?.pods.find((p) => p.id === pod.id);
      if (after?.status === 'running') throw new Error('the pod is still running');
    },
    showWarning: (message, ...buttons) => services.workbench.showWarning(message, ...buttons),
    showInfo: (message, ...buttons) => services.workbench.showInfo(message, ...buttons),
  });
  const tree = new PodsTreeProvider(accounts, data, providers, clock, idleGuard, {
    feed: utilisation,
    rules: idleRules,
  });
  const idleStatus = new IdleStatus(data, utilisation, idleRules, () => settings.idleRuleDefaults(), clock);
  const podSecrets = new PodSecrets(context.secrets);
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
    ssh,
    jupyterServers: new JupyterServers(data, providers, podSecrets),
    timing: { waitIntervalMs: 3000, waitTimeoutMs: 20 * 60 * 1000 },
    clock,
    burnRate,
    idleGuard,
    utilisation,
    idleRules,
    offers: new OfferCache(clock, 60_000, 10_000),
    priceQuotes,
  };
  burnRate.attach(data);
  context.subscriptions.push(
    utilisation,
    log,
    providers,
    data,
    tree,
    ssh,
    idleGuard,
    idleRules,
    idleStatus,
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('gpuPods.idle') && idleStatus?.update()),
    accounts.onDidChange(() => services.offers?.forget()),
    services.jupyterServers!,
    new Poller({
      view,
      accounts,
      data,
      fastSeconds: () => settings.fastPollSeconds(),
      slowSeconds: (cloud) => settings.slowPollSeconds(cloud),
      clock,
    }),
  );
  return {
    services,
    tree,
    runCommand: (id, args) => runGuarded(services, id, () => COMMANDS[id](services, args[0])),
  };
}

/** Shared with the lazily loaded cloud bundles (see src/core/modules.ts). */
export { coreModules } from './core/modules';
