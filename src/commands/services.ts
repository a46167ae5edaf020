import type * as vscode from 'vscode';
import type { AccountData } from '../services/accountData';
import type { AccountStore } from '../services/accounts';
import type { PodSecrets } from '../services/podSecrets';
import type { PriceQuotes } from '../services/priceQuotes';
import type { ProviderManager } from '../services/providerManager';
import type { SshService } from '../services/sshService';
import type { JupyterServers } from '../services/jupyterServers';
import type { Workbench } from '../services/workbench';
import type { UserInput } from '../ui/userInput';
import type { Clock } from '../core/clock';
import type { OfferCache } from '../core/offers';
import type { IdleGuard } from '../services/idleGuard';
import type { IdleRules } from '../services/idleRules';
import type { UtilisationFeed } from '../core/utilisation/feed';
import type { BurnRateStatus } from '../views/burnRate';
import type { TreeNode } from '../views/nodes';

/** Everything a command needs, built once when GPU Pods is first used (src/gpuPods.ts). `ui` and `workbench` are swappable for tests. */
export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  accounts: AccountStore;
  providers: ProviderManager;
  data: AccountData;
  podSecrets: PodSecrets;
  ui: UserInput;
  workbench: Workbench;
  view?: vscode.TreeView<TreeNode>;
  ssh?: SshService;
  jupyterServers?: JupyterServers;
  /** How long lifecycle actions wait for the pod to arrive, and how often they look. */
  timing: { waitIntervalMs: number; waitTimeoutMs: number };
  /** The one clock: waits, create settling and anything a command times. */
  clock: Clock;
  /** The status-bar burn rate (its item can be read by tests). */
  burnRate?: BurnRateStatus;
  /** Per-pod stop/remind timers. */
  idleGuard?: IdleGuard;
  /**
   * GPU utilisation readings of running pods (the sampler). Optional: where it is not wired, rows show no
   * GPU %, and no pod is ever judged idle.
   */
  utilisation?: UtilisationFeed;
  /** "Stop when GPUs stay below X % for N minutes", per pod. */
  idleRules?: IdleRules;
  /** The cross-cloud picker's offers, per account; its `ttlMs` and `timeoutMs` can be steered. */
  offers?: OfferCache;
  /** Prices quoted at create, kept per pod for clouds whose list gives none. */
  priceQuotes?: PriceQuotes;
}
