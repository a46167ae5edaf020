import * as vscode from 'vscode';
import { AuthError, ConfigError } from '../core/errors';
import { timerKey } from '../core/idleTimers';
import type { UtilisationFeed } from '../core/utilisation/feed';
import type { IdleRules } from '../services/idleRules';
import { gpuPercentText, idleRuleText, utilisationMarkdown } from './utilisationText';
import type { AccountData } from '../services/accountData';
import type { Account, AccountStore } from '../services/accounts';
import type { AccountNode, GroupKind, TreeNode } from './nodes';
import { accountItem, endpointItem, errorItem, groupItem, messageItem, volumeItem } from './otherItems';
import { podItem, podTooltip } from './podItem';
import { vmItem } from './vmItem';
import type { ProviderManager } from '../services/providerManager';

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
    /** Stop timers and reminders (the idle guard), shown in each pod's tooltip. */
    private readonly idle?: {
      describe(accountId: string, podId: string): string | undefined;
      onDidChange: vscode.Event<string>;
    },
    /** GPU readings (row description, tooltip sparkline) and idle rules; absent where no sampler is wired. */
    private readonly gpus: { feed?: UtilisationFeed; rules?: IdleRules } = {},
  ) {
    this.disposables = [
      accounts.onDidChange(() => this.changed.fire(undefined)),
      data.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))),
    ];
    if (idle) this.disposables.push(idle.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
    if (gpus.rules) this.disposables.push(gpus.rules.onDidChange((id) => this.changed.fire(this.accountNodes.get(id))));
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
      const now = Date.now();
      const verdict = this.gpus.rules!.verdict(node.account.id, node.pod.id, state.rule, now);
      rows.push([vscode.l10n.t('GPU utilisation rule'), idleRuleText(state, verdict, now)]);
    }
    return rows;
  }

  /** The row's GPU figure and its rule and timer flags. */
  private gpuFacts(node: TreeNode & { type: 'pod' }): {
    percentText?: string;
    idleRule?: boolean;
    idleTimer?: boolean;
  } {
    const { account, pod } = node;
    return {
      percentText:
        pod.status === 'running' && this.gpus.feed
          ? gpuPercentText(this.gpus.feed.latest(timerKey(account.id, pod.id)), Date.now())
          : undefined,
      idleRule: !!this.gpus.rules?.get(account.id, pod.id),
      idleTimer: this.idle?.describe(account.id, pod.id) !== undefined,
    };
  }

  /** The tooltip's GPU block for a running pod: figures, memory and the last hour's sparkline. */
  private gpuBlock(node: TreeNode & { type: 'pod' }): string | undefined {
    const { account, pod } = node;
    if (pod.status !== 'running' || !this.gpus.feed) return undefined;
    const now = Date.now();
    const rule = this.gpus.rules?.get(account.id, pod.id)?.rule;
    return utilisationMarkdown(this.gpus.feed.history(timerKey(account.id, pod.id), now), now, rule?.thresholdPercent);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'account':
        return accountItem(node, this.data.snapshot(node.account.id));
      case 'group':
        return groupItem(node, this.groupCount(node.account, node.group));
      case 'pod':
        if (node.pod.kind === 'vm') return vmItem(node, this.data.snapshot(node.account.id)?.capabilities);
        return podItem(node, this.data.snapshot(node.account.id)?.capabilities, this.gpuFacts(node));
      case 'volume':
        return volumeItem(node);
      case 'endpoint':
        return endpointItem(node);
      case 'error':
        return errorItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node.type === 'account') return this.accountChildren(node.account);
    if (node.type === 'group') return this.groupChildren(node.account, node.group);
    return [];
  }

  /**
   * Tooltips are built when the user hovers (VS Code resolves them lazily); utilisation is read only then
   * for a running pod: nothing is polled for it.
   */
  async resolveTreeItem(
    item: vscode.TreeItem,
    node: TreeNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    if (node.type !== 'pod') return item;
    const snapshot = this.data.snapshot(node.account.id);
    const capabilities = node.pod.kind === 'vm' ? undefined : snapshot?.capabilities;
    const rows = node.pod.kind === 'vm' ? [] : this.idleRows(node);
    const gpuBlock = node.pod.kind === 'vm' ? undefined : this.gpuBlock(node);
    item.tooltip = podTooltip(node.pod, capabilities, rows, gpuBlock);
    if (node.pod.status !== 'running' || !snapshot?.capabilities?.utilisation || node.pod.kind === 'vm') return item;
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    try {
      const provider = await this.providers.get(node.account);
      const u = await provider.utilisation!(node.pod.id, abort.signal);
      const pct = (v?: number) => (v === undefined ? '—' : `${Math.round(v)}%`);
      item.tooltip = podTooltip(
        node.pod,
        capabilities,
        [
          ...rows,
          [
            vscode.l10n.t('Utilisation'),
            vscode.l10n.t('CPU {0} · RAM {1} · GPU {2}', pct(u.cpuPercent), pct(u.ramPercent), pct(u.gpuPercent)),
          ],
        ],
        gpuBlock,
      );
    } catch {
      // The tooltip simply shows no utilisation; the error is not worth a toast.
    }
    return item;
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
    if (snapshot.error) {
      out.push({ type: 'error', account, error: snapshot.error });
      // A refused key or a bad setting makes old lists meaningless; a passing network error does not.
      if (snapshot.error instanceof AuthError || snapshot.error instanceof ConfigError || !snapshot.capabilities)
        return out;
    }
    const caps = snapshot.capabilities;
    if (!caps?.volumes && !caps?.endpoints && !caps?.vms) return [...out, ...this.groupChildren(account, 'pods')];
    out.push({ type: 'group', account, group: 'pods' });
    if (caps.vms && (snapshot.vms || snapshot.groupErrors?.vms !== undefined))
      out.push({ type: 'group', account, group: 'vms' });
    if (caps.volumes) out.push({ type: 'group', account, group: 'volumes' });
    if (caps.endpoints) out.push({ type: 'group', account, group: 'endpoints' });
    return out;
  }

  private groupChildren(account: Account, group: GroupKind): TreeNode[] {
    const s = this.data.snapshot(account.id);
    if (!s) return [];
    if (group === 'pods') {
      if (s.pods.length === 0)
        return [
          {
            type: 'message',
            account,
            id: 'no-pods',
            label: vscode.l10n.t('No pods — create one'),
            command: 'gpuPods.createPod',
          },
        ];
      return [...s.pods].sort(byName).map((pod) => ({ type: 'pod', account, pod }));
    }
    // A list that failed shows its error first, then its last good content (never "No volumes").
    const failed = s.groupErrors && group in s.groupErrors;
    const error: TreeNode[] = failed ? [{ type: 'error', account, error: s.groupErrors![group], group }] : [];
    if (group === 'vms') {
      if (!s.vms?.length)
        return failed
          ? error
          : [
              {
                type: 'message',
                account,
                id: 'no-vms',
                label: vscode.l10n.t('No virtual machines — create one'),
                command: 'gpuPods.createVm',
              },
            ];
      return [...error, ...[...s.vms].sort(byName).map((pod): TreeNode => ({ type: 'pod', account, pod }))];
    }
    if (group === 'volumes') {
      if (!s.volumes?.length)
        return failed ? error : [{ type: 'message', account, id: 'no-volumes', label: vscode.l10n.t('No volumes') }];
      return [
        ...error,
        ...[...s.volumes].sort(byName).map((volume): TreeNode => ({ type: 'volume', account, volume })),
      ];
    }
    if (!s.endpoints?.length)
      return failed
        ? error
        : [{ type: 'message', account, id: 'no-endpoints', label: vscode.l10n.t('No serverless endpoints') }];
    return [
      ...error,
      ...[...s.endpoints].sort(byName).map((endpoint): TreeNode => ({ type: 'endpoint', account, endpoint })),
    ];
  }

  private groupCount(account: Account, group: GroupKind): number | undefined {
    const s = this.data.snapshot(account.id);
    const lists = { pods: s?.pods, vms: s?.vms, volumes: s?.volumes, endpoints: s?.endpoints };
    // A list that failed has no count we can vouch for.
    if (s?.groupErrors && group in s.groupErrors) return undefined;
    return lists[group]?.length;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}
