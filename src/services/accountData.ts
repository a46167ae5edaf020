import * as vscode from 'vscode';
import {
  changingGroups,
  groupsToKeep,
  listedTimes,
  listErrors,
  type ListName,
  loadAccountLists,
  type OptionalGroup,
  rateLimitOf,
} from '../core/accountLists';
import type { Clock } from '../core/clock';
import { RateLimitError } from '../core/errors';
import type { Endpoint, Pod, Volume } from '../core/model';
import { type Capabilities, capabilitiesOf } from '../core/capabilities';
import type { Account, AccountStore } from './accounts';
import { describeForLog } from './log';
import type { PriceQuotes } from './priceQuotes';
import type { ProviderManager } from './providerManager';

/** What the tree shows for one account: the last good lists, or the error that replaced them. */
export interface AccountSnapshot {
  pods: Pod[];
  /** Whole virtual machines (Yotta), as Pods with kind 'vm'. */
  vms?: Pod[];
  volumes?: Volume[];
  endpoints?: Endpoint[];
  /**
   * The pods list (or the whole account) failed: `pods` is the last good list. Only a snapshot without it
   * comes from a complete, successful pods refresh.
   */
  error?: unknown;
  /** What `error` stopped: the pods list only, or the whole account (its provider could not be built). */
  errorScope?: 'pods' | 'account';
  /** When each list was last read successfully: kept lists after a failure are shown "as of" that time. */
  listedAt?: Partial<Record<ListName, number>>;
  /** Extra lists that failed on their own; the tree shows the error in that group, next to the last good list. */
  groupErrors?: Partial<Record<OptionalGroup, unknown>>;
  /** When volumes and endpoints were last asked for (a background poll reads them less often). */
  slowListedAt?: number;
  loadedAt?: number;
  /** Set after a 429: no polling before this time. */
  backoffUntil?: number;
  /** What the cloud can do (derived from its provider's operations), known once its provider was built. */
  capabilities?: Capabilities;
}

/**
 * Fetches each account's lists (one request per list endpoint, never one per pod) and keeps the result.
 * Refreshes of the same account coalesce: a request made while one runs is served by one follow-up run.
 */
export class AccountData implements vscode.Disposable {
  private readonly snapshots = new Map<string, AccountSnapshot>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly queued = new Map<string, Promise<void>>();
  /** Accounts whose queued refresh must read every list (someone other than the background poll asked). */
  private readonly queuedInFull = new Set<string>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the account id whose data changed. */
  readonly onDidChange = this.changed.event;
  private rateLimitStreak = new Map<string, number>();

  constructor(
    private readonly accounts: AccountStore,
    private readonly providers: ProviderManager,
    private readonly log: vscode.LogOutputChannel,
    /** "As of" times, back-offs and the poller's due times are on this clock. */
    private readonly clock: Pick<Clock, 'now'>,
    /** Prices quoted at create, shown on pods whose cloud lists none (GPUGeek). */
    private readonly quotes?: Pick<PriceQuotes, 'apply' | 'prune'>,
  ) {}

  snapshot(accountId: string): AccountSnapshot | undefined {
    return this.snapshots.get(accountId);
  }

  /** Every known pod with its account, for palette pickers and the status bar. */
  allPods(): Array<{ account: Account; pod: Pod }> {
    return this.accounts
      .list()
      .flatMap((account) => (this.snapshots.get(account.id)?.pods ?? []).map((pod) => ({ account, pod })));
  }

  isRefreshing(accountId: string): boolean {
    return this.running.has(accountId);
  }

  /** Something the tree shows as changing (a pod, VM, volume or endpoint): the poller follows it fast. */
  isChanging(accountId: string): boolean {
    const s = this.snapshots.get(accountId);
    return !!s && changingGroups(s).length > 0;
  }

  forget(accountId: string): void {
    this.snapshots.delete(accountId);
  }

  /**
   * Reads the account's lists. `background` (the poller) may skip volumes and endpoints while they are
   * fresh; every other caller (the tree's first load, a manual refresh, an action) reads everything.
   */
  refresh(accountId: string, options: { background?: boolean } = {}): Promise<void> {
    const running = this.running.get(accountId);
    if (!running) return this.start(accountId, !!options.background);
    if (!options.background) this.queuedInFull.add(accountId);
    let queued = this.queued.get(accountId);
    if (!queued) {
      queued = running.then(() => {
        this.queued.delete(accountId);
        const background = !this.queuedInFull.delete(accountId);
        return this.start(accountId, background);
      });
      this.queued.set(accountId, queued);
    }
    return queued;
  }

  private start(accountId: string, background: boolean): Promise<void> {
    const run = this.load(accountId, background).finally(() => this.running.delete(accountId));
    this.running.set(accountId, run);
    return run;
  }

  private async load(accountId: string, background: boolean): Promise<void> {
    const account = this.accounts.get(accountId);
    if (!account) return;
    const previous = this.snapshots.get(accountId);
    const startedAt = this.clock.now();
    const keep = groupsToKeep(background, previous?.slowListedAt, startedAt, previous);
    try {
      const provider = await this.providers.get(account);
      const vmOps = provider.vms;
      const lists = await loadAccountLists(
        {
          pods: () => provider.listPods(),
          volumes: provider.volumes && (() => provider.volumes!.list()),
          endpoints: provider.endpoints && (() => provider.endpoints!.list()),
          // Terminated VMs stay in the cloud's list for a while; they are gone for the user.
          vms: vmOps && (async () => (await vmOps.list()).filter((v) => v.status !== 'terminated')),
        },
        previous,
        keep,
      );
      if (lists.error !== undefined) this.logFailure(account, 'pods', lists.error);
      else void this.quotes?.prune(accountId, lists.pods);
      for (const [group, error] of Object.entries(lists.groupErrors ?? {})) this.logFailure(account, group, error);
      const now = this.clock.now();
      this.snapshots.set(accountId, {
        ...lists,
        pods: this.quotes?.apply(accountId, lists.pods) ?? lists.pods,
        errorScope: lists.error === undefined ? undefined : 'pods',
        listedAt: listedTimes(lists, keep, previous?.listedAt, now),
        loadedAt: now,
        slowListedAt: keep.length ? previous?.slowListedAt : startedAt,
        backoffUntil: this.backoff(accountId, rateLimitOf(lists), listErrors(lists).length === 0),
        capabilities: capabilitiesOf(provider),
      });
    } catch (error) {
      // The provider could not even be built (a missing key, a bad setting): the whole account failed.
      this.logFailure(account, 'account', error);
      const snapshot: AccountSnapshot = {
        ...previous,
        pods: previous?.pods ?? [],
        error,
        errorScope: 'account',
        loadedAt: this.clock.now(),
      };
      snapshot.backoffUntil = this.backoff(accountId, error instanceof RateLimitError ? error : undefined, false);
      this.snapshots.set(accountId, snapshot);
    }
    this.changed.fire(accountId);
  }

  private logFailure(account: Account, what: string, error: unknown): void {
    this.log.error(`Refreshing ${account.cloud} account "${account.label}" failed (${what}): ${describeForLog(error)}`);
  }

  /** After a 429, back off instead of hammering: double each time, starting at what the cloud asked for. */
  private backoff(accountId: string, limited: RateLimitError | undefined, clean: boolean): number | undefined {
    if (!limited) {
      if (clean) this.rateLimitStreak.delete(accountId);
      return undefined;
    }
    const streak = (this.rateLimitStreak.get(accountId) ?? 0) + 1;
    this.rateLimitStreak.set(accountId, streak);
    return this.clock.now() + Math.max(limited.retryAfterMs ?? 0, 30_000 * 2 ** (streak - 1));
  }

  /** Put a pod (or VM) we just learned about (from a create or an action) in place without a full refresh. */
  upsertPod(accountId: string, pod: Pod): void {
    const s = this.snapshots.get(accountId);
    if (!s) return;
    const key = pod.kind === 'vm' ? 'vms' : 'pods';
    const list = (s[key] ?? []).filter((p) => p.id !== pod.id);
    if (pod.status !== 'terminated') list.push(...(this.quotes?.apply(accountId, [pod]) ?? [pod]));
    this.snapshots.set(accountId, { ...s, [key]: list });
    this.changed.fire(accountId);
  }

  /** Every known VM with its account, for palette pickers. */
  allVms(): Array<{ account: Account; pod: Pod }> {
    return this.accounts
      .list()
      .flatMap((account) => (this.snapshots.get(account.id)?.vms ?? []).map((pod) => ({ account, pod })));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
