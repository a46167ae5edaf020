// Must stay the first import: core and cloud code translate through vscode.l10n.t from then on.
import './bindTranslator';
import * as vscode from 'vscode';
import { runPodAction } from './commands/pods/podLifecycle';
import { COMMANDS } from './commands/registerCommands';
import { reportError, runGuarded } from './commands/runCommand';
import type { Services, Timing } from './commands/services';
import { type Clock, systemClock } from './core/clock';
import type { RateLimit } from './core/keyGate';
import type { CloudId, Pod } from './core/model';
import { OfferCache } from './core/offers';
import type { Platform } from './core/platform/platform';
import type { PodAction } from './core/provider';
import { AccountData } from './services/accountData';
import { buildSpendWatches } from './services/spendWatches';
import { AccountBills, PodBills } from './services/cloudBills';
import { gpuPrices, onGpuPricesChange } from './services/gpuPriceSettings';
import { SpendTracker } from './services/spendTracker';
import { trackedSpend } from './services/trackedSpend';
import type { Account, AccountStore } from './services/accounts';
import { EnvStore } from './services/envStore';
import { IdleGuard } from './services/idleGuard';
import { IdleRules } from './services/idleRules';
import { ExtensionIdleRulesHost } from './services/idleRulesHost';
import { StoppedRules } from './services/stoppedRules';
import { JupyterServers } from './services/jupyterServers';
import { createLog } from './services/log';
import { PodSecrets } from './services/podSecrets';
import { PriceQuotes } from './services/priceQuotes';
import { ProviderManager } from './services/providerManager';
import { settings } from './services/settings';
import { SshService } from './services/sshService';
import { createUtilisationSampler } from './services/utilisationSampler';
import { DiskWatch } from './services/diskWatch';
import { SpotWatch } from './services/spotWatch';
import type { UserInput } from './ui/prompts';
import { VsCodeUserInput } from './ui/userInput';
import type { BurnRateStatus } from './views/burnRate';
import { IdleStatus } from './views/idleStatus';
import type { TreeNode } from './views/nodes';
import { Poller } from './views/poller';
import { PodsTreeProvider } from './views/treeProvider';
import type { CommandId } from './workbench/commandIds';
import { vscodeWorkbench, type Workbench } from './workbench/workbench';

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
}

/**
 * What a test gives GPU Pods at construction instead of the real thing; the shipped entry gives none. Each is
 * read once, while the services are built: nothing is swapped on them afterwards.
 */
export interface Seams {
  /** Wraps VS Code's prompts (the integration suites script the answers). */
  ui?: (vscodeUi: UserInput) => UserInput;
  /** Wraps the workbench effects (the suites record them: there is no browser and no Remote-SSH there). */
  workbench?: (real: Workbench) => Workbench;
  /** Time: now and timers. */
  clock?: Clock;
  /** How long GPU Pods waits for a cloud, and how often it looks. */
  timing?: Partial<Timing>;
  /**
   * Limits per API key instead of each cloud's documented ones: the integration suite drives the simulator far
   * faster than any cloud allows.
   */
  rateLimit?: (cloud: CloudId) => RateLimit;
  /** The desktop the SSH side works for (its folders, ssh config paths, where ssh is); default this machine. */
  platform?: Platform;
}

/**
 * The shipped timing: pods are looked at every 3 s for 20 minutes; a cloud has 10 s to list its offers; a request
 * that failed on the way is sent again after 1 s, 2 s, 4 s; GPUGeek's operations are asked after every 2 s.
 */
const TIMING: Timing = {
  waitIntervalMs: 3000,
  waitTimeoutMs: 20 * 60 * 1000,
  offerTimeoutMs: 10_000,
  retryBackoffMs: 1000,
  operationPollMs: 2000,
};
/** How long the Best Offer picker reuses an account's offers. */
const OFFERS_TTL_MS = 60_000;

/** The loaded extension: its services and tree, and the command handlers startup's commands call. */
export interface GpuPods {
  services: Services;
  tree: PodsTreeProvider;
  runCommand(id: CommandId, args: unknown[]): Promise<unknown>;
}

/** Every service, built once in dependency order; the result is frozen. */
export function buildGpuPods({ context, accounts, view, burnRate }: Shell, seams: Seams = {}): GpuPods {
  const clock = seams.clock ?? systemClock;
  const timing: Timing = { ...TIMING, ...seams.timing };
  const ui = seams.ui ? seams.ui(new VsCodeUserInput()) : new VsCodeUserInput();
  const workbench = seams.workbench ? seams.workbench(vscodeWorkbench) : vscodeWorkbench;
  const log = createLog();
  const providers = new ProviderManager(
    accounts,
    log,
    clock,
    {
      backoffMs: timing.retryBackoffMs,
      operationPollMs: timing.operationPollMs,
    },
    seams.rateLimit,
  );
  const priceQuotes = new PriceQuotes(context.globalState, () => clock.now(), log);
  const data = new AccountData(accounts, providers, log, clock, priceQuotes);
  // The pod actions the idle timers and rules take go through the Stop command's own path.
  const podAction = async (account: Account, pod: Pod, action: PodAction, options?: { confirmed?: boolean }) =>
    runPodAction(services, { account, pod, provider: await providers.get(account) }, action, options);
  // Timers are read from global state and scheduled; nothing is asked of a cloud until one is due.
  const idleGuard = new IdleGuard(context.globalState, {
    accounts,
    data,
    log,
    clock,
    workbench: () => workbench,
    act: async (account, pod, action) => {
      try {
        await podAction(account, pod, action);
      } catch (error) {
        reportError(services, `idle guard (${action})`, error);
      }
    },
  });
  const ssh = new SshService({ accounts, data, log, clock, settings, providers, platform: seams.platform });
  // The GPU utilisation readings: built before the idle rules, which subscribe to them at construction.
  const utilisation = createUtilisationSampler({ data, providers, ssh, log, view, clock });
  // Idle rules are read from global state and armed at once: they run from startup, like the timers.
  const rulesHost = new ExtensionIdleRulesHost({
    memento: context.globalState,
    accounts,
    data,
    feed: utilisation,
    log,
    clock,
    workbench,
    stopPod: (account, pod) => podAction(account, pod, 'stop'),
    terminatePod: (account, pod) => podAction(account, pod, 'terminate', { confirmed: true }),
  });
  const idleRules = new IdleRules(rulesHost);
  // Delete-when-stopped rules: the same machinery, host and clock; they also keep since when pods are stopped.
  const stoppedRules = new StoppedRules(rulesHost);
  // Disks about to fill (GPUGeek's pod list, Yotta's storage metrics) and spot pods about to be reclaimed.
  const diskWatch = new DiskWatch({ accounts, data, providers, view, clock, workbench, log });
  const spotWatch = new SpotWatch({ accounts, data, view, clock, workbench, log });
  // Today's and this month's spend: estimated from the burn rate, and the bills of clouds that publish them.
  const accountBills = new AccountBills(providers, clock, log);
  const spendTracker = new SpendTracker(context.globalState, clock);
  // Balances (Novita) and the budget: read and judged on the clock; they warn, never act.
  const spendWatches = buildSpendWatches({
    spend: trackedSpend(spendTracker, accountBills, () => accounts.list().map((a) => a.id)),
    memento: context.globalState,
    accounts,
    data,
    providers,
    log,
    clock,
    view,
    workbench,
  });
  const tree = new PodsTreeProvider(
    accounts,
    data,
    providers,
    clock,
    idleGuard,
    { feed: utilisation, rules: idleRules, stopped: stoppedRules },
    diskWatch,
    spendWatches.balances,
    { prices: gpuPrices, onPricesChange: onGpuPricesChange, bills: new PodBills(providers, clock) },
  );
  const idleStatus = new IdleStatus(data, utilisation, idleRules, () => settings.idleRuleDefaults(), clock);
  const podSecrets = new PodSecrets(context.secrets);
  const services: Services = Object.freeze({
    context,
    log,
    clock,
    accounts,
    providers,
    data,
    podSecrets,
    ui,
    workbench,
    view,
    ssh,
    jupyterServers: new JupyterServers(data, providers, podSecrets),
    timing,
    burnRate,
    idleGuard,
    utilisation,
    idleRules,
    stoppedRules,
    offers: new OfferCache(clock, OFFERS_TTL_MS, timing.offerTimeoutMs),
    priceQuotes,
    env: new EnvStore(context.secrets, context.globalState),
    balances: spendWatches.balances,
  });
  burnRate.attach(data, { tracker: spendTracker, bills: accountBills });
  context.subscriptions.push(
    accountBills,
    utilisation,
    log,
    providers,
    data,
    tree,
    ssh,
    idleGuard,
    idleRules,
    stoppedRules,
    idleStatus,
    diskWatch,
    spotWatch,
    spendWatches,
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('gpuPods.idle') && idleStatus.update()),
    accounts.onDidChange(() => services.offers.forget()),
    services.jupyterServers,
    new Poller({
      view,
      accounts,
      data,
      clock,
      fastSeconds: () => settings.fastPollSeconds(),
      slowSeconds: (cloud) => settings.slowPollSeconds(cloud),
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
