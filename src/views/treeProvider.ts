import * as vscode from 'vscode';
import { listFailed, type ListName, staleSince } from '../core/accountLists';
import type { Clock } from '../core/clock';
import { AuthError, ConfigError } from '../core/errors';
import type { Pod } from '../core/model';
import { timerKey } from '../core/idleTimers';
import type { UtilisationFeed } from '../core/utilisation/feed';
import type { IdleRules } from '../services/idleRules';
import type { StoppedRules } from '../services/stoppedRules';
import { deleteRuleShort, stoppedRows } from './stoppedText';
import { gpuPercentText, idleRuleText, utilisationMarkdown } from './utilisationText';
import type { AccountData } from '../services/accountData';
import type { Account, AccountStore } from '../services/accounts';
import type { AccountNode, GroupKind, PodNode, TreeNode } from './nodes';
import { accountItem, endpointItem, errorItem, groupItem, messageItem, volumeItem } from './otherItems';
import { podItem, podTooltip } from './podItem';
import { vmItem } from './vmItem';
import type { ProviderManager } from '../services/providerManager';
import type { UserPrices } from '../core/userPrices';
import { CLOUDS } from '../providers/clouds';
import type { PodBills } from '../services/cloudBills';
import { emptyMessage, podsListFailed, rowsOf } from './groupRows';
import { diskRows } from '../core/diskUsage';
import type { Utilisation } from '../core/provider';
import type { DiskWatch } from '../services/diskWatch';
import { podMarks } from './podMarks';
import { utilisationRows } from './utilisationRows';
import { balanceRow } from './accountBalance';
import type { BalanceWatch } from '../services/balanceWatch';
import { accountBurn } from '../services/accountBurn';
import { spendSettings } from '../services/spendSettings';
import { podSpendRow } from './spendText';

/**
 * Providers → pods / volumes / endpoints. Data comes from AccountData; a change to one account
 * refreshes only that account's subtree.
 */
export class PodsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Stable node objects per account: VS Code matches refreshed elements by identity. */
  private readonly accountNodes = new Map<string, AccountNode>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly accounts: AccountStore,
    private readonly data: AccountData,
    private readonly providers: ProviderManager,
    /** Ages of readings and the rules' "idle for" are on this clock. */
    private readonly clock: Pick<Clock, 'now'>,
    /** Stop timers and reminders (the idle guard), shown in each pod's tooltip. */
    private readonly idle?: {
      describe(accountId: string, podId: string): string | undefined;
      onDidChange: vscode.Event<string>;
    },
    /** GPU readings (row description, tooltip sparkline) and idle rules; absent where no sampler is wired. */
    private readonly gpus: { feed?: UtilisationFeed; rules?: IdleRules; stopped?: StoppedRules } = {},
    /** Pods' disks from their cloud's monitoring (the disk-fill warning); absent where none is wired. */
    private readonly disks?: Pick<DiskWatch, 'disks' | 'record' | 'onDidChange'>,
    /** Balances, on the account rows of clouds that publish one. */
    private readonly balances?: Pick<BalanceWatch, 'get' | 'onDidChange'>,
    /** The user's prices per GPU type (and when they change), and the clouds' bills per pod, read on hover. */
    private readonly money: { prices(): UserPrices; onPricesChange?: vscode.Event<void>; bills?: PodBills } = {
      prices: () => ({}),
    },
  ) {
    this.disposables = [
      accounts.onDidChange(() => this.changed.fire(undefined)),
      data.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))),
    ];
    if (idle) this.disposables.push(idle.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    if (balances) this.disposables.push(balances.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    if (money.onPricesChange)
      this.disposables.push(
        money.onPricesChange(() => {
          this.pricesRead = undefined;
          this.changed.fire(undefined);
        }),
      );
    if (gpus.rules) this.disposables.push(gpus.rules.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    if (disks) this.disposables.push(disks.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    if (gpus.stopped)
      this.disposables.push(gpus.stopped.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    // New readings move the rows' "GPU 37%": redraw the accounts that have a running pod.
    if (gpus.feed)
      this.disposables.push(
        gpus.feed.onDidChange(() => {
          for (const [id, node] of this.accountNodes)
            if (this.data.snapshot(id)?.pods.some((p) => p.status === 'running')) this.changed.fire(node);
        }),
      );
  }

  private idleRows(node: TreeNode & { type: 'pod' }): Array<[string, string]> {
    const line = this.idle?.describe(node.account.id, node.pod.id);
    const rows: Array<[string, string]> = line ? [[vscode.l10n.t('Stop timer'), line]] : [];
    const state = this.gpus.rules?.get(node.account.id, node.pod.id);
    if (state) {
      const now = this.clock.now();
      const verdict = this.gpus.rules!.verdict(node.account.id, node.pod.id, state.rule, now);
      rows.push([vscode.l10n.t('GPU utilisation rule'), idleRuleText(state, verdict, now)]);
    }
    return [...rows, ...this.stoppedFacts(node)];
  }

  /** How long a stopped pod has been stopped, what it still costs, and its delete rule. */
  private stoppedFacts(node: PodNode): Array<[string, string]> {
    const stopped = this.gpus.stopped;
    if (!stopped) return [];
    const { account, pod } = node;
    const state = stopped.get(account.id, pod.id);
    const now = this.clock.now();
    const rule = state && { state, verdict: stopped.verdict(state, now) };
    return stoppedRows(pod, stopped.stoppedSince(account.id, pod.id), rule, now);
  }

  /** The row's "deletes in 1d 4h" of a stopped pod whose delete rule counts down. */
  private deleteRuleShort(node: PodNode): string | undefined {
    const state = this.gpus.stopped?.get(node.account.id, node.pod.id);
    const now = this.clock.now();
    return state && deleteRuleShort(state, this.gpus.stopped!.verdict(state, now), node.pod, now);
  }

  /** The row's GPU figure and its rule and timer flags. */
  /** The user's prices, read from the settings once until they change (not once per row of a 500-pod tree). */
  private prices(): UserPrices {
    return (this.pricesRead ??= this.money.prices());
  }
  private pricesRead?: UserPrices;

  private gpuFacts(node: TreeNode & { type: 'pod' }): {
    percentText?: string;
    idleRule?: boolean;
    idleTimer?: boolean;
    deleteRule?: boolean;
    deleteRuleText?: string;
  } {
    const { account, pod } = node;
    return {
      deleteRule: !!this.gpus.stopped?.get(account.id, pod.id),
      deleteRuleText: this.deleteRuleShort(node),
      percentText:
        pod.status === 'running' && this.gpus.feed
          ? gpuPercentText(this.gpus.feed.latest(timerKey(account.id, pod.id)), this.clock.now())
          : undefined,
      idleRule: !!this.gpus.rules?.get(account.id, pod.id),
      idleTimer: this.idle?.describe(account.id, pod.id) !== undefined,
    };
  }

  /** The tooltip's GPU block for a running pod: figures, memory and the last hour's sparkline. */
  private gpuBlock(node: TreeNode & { type: 'pod' }): string | undefined {
    const { account, pod } = node;
    if (pod.status !== 'running' || !this.gpus.feed) return undefined;
    const now = this.clock.now();
    const rule = this.gpus.rules?.get(account.id, pod.id)?.rule;
    return utilisationMarkdown(this.gpus.feed.history(timerKey(account.id, pod.id), now), now, rule?.thresholdPercent);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'account':
        return accountItem(node, this.data.snapshot(node.account.id), this.balanceRow(node.account));
      case 'group':
        return groupItem(node, this.groupCount(node.account, node.group));
      case 'pod':
        if (node.pod.kind === 'vm')
          return vmItem(node, this.data.snapshot(node.account.id)?.capabilities, this.staleSince(node, 'vms'));
        return podItem(
          node,
          this.data.snapshot(node.account.id)?.capabilities,
          this.gpuFacts(node),
          this.staleSince(node, 'pods'),
          podMarks(node.pod, this.clock.now(), this.disks?.disks(node.account.id, node.pod)),
          this.prices(),
        );
      case 'volume':
        return volumeItem(node, this.staleSince(node, 'volumes'));
      case 'endpoint':
        return endpointItem(node, this.staleSince(node, 'endpoints'));
      case 'error':
        return errorItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  /** The account row's balance: its cloud's, or that the cloud publishes none. */
  private balanceRow(account: Account) {
    if (!this.balances) return undefined;
    const publishes = this.data.snapshot(account.id)?.capabilities?.balance;
    const now = this.clock.now();
    return balanceRow(
      { displayName: CLOUDS[account.cloud].displayName, publishes },
      this.balances.get(account.id),
      accountBurn(this.data, account, now),
      spendSettings.lowBalanceHours(),
      now,
    );
  }

  /** When a row's list was last read, if the latest read failed and the row is kept from that older list. */
  private staleSince(node: { account: Account }, list: ListName): number | undefined {
    const s = this.data.snapshot(node.account.id);
    return s && staleSince(s, list);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node.type === 'account') return this.accountChildren(node.account);
    if (node.type === 'group') return this.groupChildren(node.account, node.group);
    return [];
  }

  /**
   * Tooltips are built when the user hovers (VS Code resolves them lazily); utilisation is read only then
   * for a running pod: nothing is polled for it. So is the SSH address of a pod whose cloud lists none.
   */
  async resolveTreeItem(
    item: vscode.TreeItem,
    node: TreeNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    if (node.type !== 'pod') return item;
    const snapshot = this.data.snapshot(node.account.id);
    const vm = node.pod.kind === 'vm';
    const prices = this.prices();
    const spent = vm
      ? undefined
      : podSpendRow(node.pod, this.clock.now(), { prices, cloudName: CLOUDS[node.pod.cloud]?.displayName });
    const rows = vm ? [] : [...this.idleRows(node), ...(spent ? [spent] : [])];
    // Disks from the cloud's monitoring (the pod's own record's are among its facts already).
    const lastDisks = vm || node.pod.disks ? [] : diskRows(this.disks?.disks(node.account.id, node.pod));
    const options = {
      capabilities: vm ? undefined : snapshot?.capabilities,
      utilisation: vm ? undefined : this.gpuBlock(node),
      staleSince: snapshot && staleSince(snapshot, vm ? 'vms' : 'pods'),
      now: this.clock.now(),
      prices,
    };
    item.tooltip = podTooltip(node.pod, { ...options, extra: [...rows, ...lastDisks] });
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const [pod, usage, billed] = await Promise.all([
      this.withSshAddress(node, options.staleSince !== undefined, abort.signal),
      this.utilisation(node, abort.signal),
      vm ? undefined : this.billedRow(node, prices, abort.signal),
    ]);
    if (pod !== node.pod || usage || billed) {
      const withBills = billed ? rows.map((r) => (r === spent ? billed : r)) : rows;
      if (billed && !spent) withBills.push(billed);
      const fresh = usage ? utilisationRows(usage) : [];
      const disks = usage?.disks?.length ? [] : lastDisks;
      item.tooltip = podTooltip(pod, { ...options, extra: [...withBills, ...fresh, ...disks] });
    }
    return item;
  }

  /**
   * The pod with its SSH address read from its own record, when its cloud's list leaves SSH out (Novita):
   * the tooltip then shows the address the commands will use instead of guessing. Not for a stale row (the
   * cloud did not answer just now) and never an error: the tooltip keeps what the list said.
   */
  private async withSshAddress(node: PodNode, stale: boolean, signal: AbortSignal): Promise<Pod> {
    const pod = node.pod;
    if (pod.kind !== 'pod' || pod.status !== 'running' || pod.ssh || !pod.sshUnlisted || stale) return pod;
    try {
      const fresh = await (await this.providers.get(node.account)).getPod(pod.id, signal);
      return fresh?.ssh && fresh.status === 'running' ? { ...pod, ssh: fresh.ssh, sshUnlisted: false } : pod;
    } catch {
      return pod;
    }
  }

  /**
   * What the pod really cost, from its cloud's bills where the cloud publishes them per pod (read now, while
   * the user looks: never polled); the estimate said to be one when they cannot be read. Undefined elsewhere.
   */
  private async billedRow(
    node: PodNode,
    prices: UserPrices,
    signal: AbortSignal,
  ): Promise<[string, string] | undefined> {
    if (!this.money.bills) return undefined;
    const cloudName = CLOUDS[node.pod.cloud]?.displayName;
    const now = this.clock.now();
    try {
      const billed = await this.money.bills.read(node.account, node.pod, signal);
      return billed && podSpendRow(node.pod, now, { billed, cloudName });
    } catch {
      return podSpendRow(node.pod, now, { prices, cloudName, billed: 'unreadable' });
    }
  }

  /**
   * CPU, RAM, GPU and disks now, for a running pod of a cloud that reports them; undefined when they cannot be
   * read. Disks read here also feed the disk-fill warning.
   */
  private async utilisation(node: PodNode, signal: AbortSignal): Promise<Utilisation | undefined> {
    const caps = this.data.snapshot(node.account.id)?.capabilities;
    if (node.pod.status !== 'running' || !caps?.utilisation || node.pod.kind === 'vm') return undefined;
    try {
      const provider = await this.providers.get(node.account);
      const u = await provider.utilisation!(node.pod.id, signal);
      if (u.disks?.length && !node.pod.disks) this.disks?.record(node.account, node.pod, u.disks);
      return u;
    } catch {
      // The tooltip simply shows no utilisation; the error is not worth a toast.
      return undefined;
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.type === 'account') return undefined;
    // Under a "Pods"/"Volumes"/"Endpoints" group when the cloud has more than pods (reveal needs the real path).
    const caps = this.data.snapshot(node.account.id)?.capabilities;
    const group =
      node.type === 'pod'
        ? node.pod.kind === 'vm'
          ? 'vms'
          : 'pods'
        : node.type === 'volume'
          ? 'volumes'
          : node.type === 'endpoint'
            ? 'endpoints'
            : node.type === 'error'
              ? node.group
              : undefined;
    if (group && (caps?.volumes || caps?.endpoints || caps?.vms))
      return { type: 'group', account: node.account, group };
    return this.accountNodes.get(node.account.id);
  }

  private roots(): TreeNode[] {
    const accounts = this.accounts.list();
    for (const id of [...this.accountNodes.keys()]) {
      if (!accounts.some((a) => a.id === id)) this.accountNodes.delete(id);
    }
    return accounts.map((account) => {
      let node = this.accountNodes.get(account.id);
      if (!node || node.account !== account) {
        node = { type: 'account', account };
        this.accountNodes.set(account.id, node);
      }
      return node;
    });
  }

  private async accountChildren(account: Account): Promise<TreeNode[]> {
    if (!this.data.snapshot(account.id)) await this.data.refresh(account.id);
    const snapshot = this.data.snapshot(account.id);
    if (!snapshot) return [];
    const out: TreeNode[] = [];
    const caps = snapshot.capabilities;
    if (snapshot.error !== undefined && !podsListFailed(snapshot)) {
      out.push({ type: 'error', account, error: snapshot.error });
      // A refused key or a bad setting makes old lists meaningless; a passing network error does not.
      if (snapshot.error instanceof AuthError || snapshot.error instanceof ConfigError || !caps) return out;
    }
    if (!caps?.volumes && !caps?.endpoints && !caps?.vms) return [...out, ...this.groupChildren(account, 'pods')];
    out.push({ type: 'group', account, group: 'pods' });
    if (caps.vms && (snapshot.vms || snapshot.groupErrors?.vms !== undefined))
      out.push({ type: 'group', account, group: 'vms' });
    if (caps.volumes) out.push({ type: 'group', account, group: 'volumes' });
    if (caps.endpoints) out.push({ type: 'group', account, group: 'endpoints' });
    return out;
  }

  /**
   * A list that failed shows its error first (saying which list), then its last good content, marked with the
   * time it was read — never "No pods" or "No volumes": an empty list we could not read is not known to be empty.
   */
  private groupChildren(account: Account, group: GroupKind): TreeNode[] {
    const s = this.data.snapshot(account.id);
    if (!s) return [];
    const failed = listFailed(s, group);
    const error: TreeNode[] =
      group === 'pods'
        ? podsListFailed(s)
          ? [{ type: 'error', account, error: s.error, group }]
          : []
        : s.groupErrors && group in s.groupErrors
          ? [{ type: 'error', account, error: s.groupErrors[group], group }]
          : [];
    const rows = rowsOf(account, s, group);
    if (rows.length || failed) return [...error, ...rows];
    return [emptyMessage(account, group)];
  }

  private groupCount(account: Account, group: GroupKind): number | undefined {
    const s = this.data.snapshot(account.id);
    const lists = { pods: s?.pods, vms: s?.vms, volumes: s?.volumes, endpoints: s?.endpoints };
    // A list that failed has no count we can vouch for.
    if (s && listFailed(s, group)) return undefined;
    return lists[group]?.length;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
