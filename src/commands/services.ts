import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { OfferCache } from '../core/offers';
import type { UtilisationFeed } from '../core/utilisation/feed';
import type { AccountData } from '../services/accountData';
import type { AccountStore } from '../services/accounts';
import type { EnvStore } from '../services/envStore';
import type { BalanceWatch } from '../services/balanceWatch';
import type { IdleGuard } from '../services/idleGuard';
import type { IdleRules } from '../services/idleRules';
import type { JupyterServers } from '../services/jupyterServers';
import type { PodSecrets } from '../services/podSecrets';
import type { PriceQuotes } from '../services/priceQuotes';
import type { ProviderManager } from '../services/providerManager';
import type { SshService } from '../services/sshService';
import type { StoppedRules } from '../services/stoppedRules';
import type { UserInput } from '../ui/userInput';
import type { BurnRateStatus } from '../views/burnRate';
import type { TreeNode } from '../views/nodes';
import type { Workbench } from '../workbench/workbench';

/** How long GPU Pods waits for a cloud, and how often it looks. */
export interface Timing {
  /** How often a lifecycle action (start, stop, create…) looks whether the pod arrived. */
  readonly waitIntervalMs: number;
  /** How long it follows the pod before saying it is still on its way. */
  readonly waitTimeoutMs: number;
  /** How long Create Pod on the Best Offer waits for one account's offers before marking it unavailable. */
  readonly offerTimeoutMs: number;
  /** The first wait before a request that failed on the way (5xx, dropped, timed out) is sent again; doubled each try. */
  readonly retryBackoffMs: number;
  /** How often GPU Pods asks a cloud with asynchronous operations (GPUGeek) whether one has finished. */
  readonly operationPollMs: number;
}

/**
 * Everything a command needs: built once, complete, when GPU Pods is first used (src/gpuPods.ts), and frozen.
 * What tests replace (prompts, workbench effects, the clock, timing) is given at construction
 * (`Seams` in src/gpuPods.ts); nothing is swapped on the built object.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  /** Now and timers: everything that reads time gets it from here. */
  readonly clock: Clock;
  readonly accounts: AccountStore;
  readonly providers: ProviderManager;
  readonly data: AccountData;
  readonly podSecrets: PodSecrets;
  /** Quick picks, input boxes and modal confirmations. */
  readonly ui: UserInput;
  /** Browser, remote folders, clipboard, extensions and toasts. */
  readonly workbench: Workbench;
  readonly view: vscode.TreeView<TreeNode>;
  readonly ssh: SshService;
  readonly jupyterServers: JupyterServers;
  readonly timing: Timing;
  /** The status-bar burn rate (its item can be read by tests). */
  readonly burnRate: BurnRateStatus;
  /** Per-pod stop/remind timers. */
  readonly idleGuard: IdleGuard;
  /** GPU utilisation readings of running pods (the sampler). */
  readonly utilisation: UtilisationFeed;
  /** "Stop when GPUs stay below X % for N minutes", per pod. */
  readonly idleRules: IdleRules;
  /** "Delete when stopped for N hours", per pod, and since when stopped pods are stopped. */
  readonly stoppedRules: StoppedRules;
  /** The cross-cloud picker's offers, per account. */
  readonly offers: OfferCache;
  /** Prices quoted at create, kept per pod for clouds whose list gives none. */
  readonly priceQuotes: PriceQuotes;
  /** Secret environment values (SecretStorage) and each account's saved sets of variables. */
  readonly env: EnvStore;
  /** Account balances where the cloud publishes one (Novita), read at a slow cadence. */
  readonly balances: BalanceWatch;
}
