import * as vscode from 'vscode';
import { clickCommand, openSettingClick } from '../workbench/vscodeCommands';
import { AuthError, ConfigError, userMessage } from '../core/errors';
import { type Endpoint, isVolumeTransitional, type Volume } from '../core/model';
import { CLOUDS } from '../providers/clouds';
import type { AccountSnapshot } from '../services/accountData';
import { displayMarkdown, displayText, escapeMarkdown, formatDate, staleDetail, staleText } from './format';
import { statusText } from '../ui/statusText';
import { accountMenuFlags, contextValue, endpointMenuFlags, volumeMenuFlags } from './menuFlags';
import type { AccountNode, EndpointNode, ErrorNode, GroupNode, MessageNode, VolumeNode } from './nodes';
import { statusIcon } from './statusIcon';
import type { BalanceRow } from './accountBalance';

/** `balance`: what the row says about the account's balance (accountBalance.ts), once its cloud is known. */
export function accountItem(
  node: AccountNode,
  snapshot: AccountSnapshot | undefined,
  balance?: BalanceRow,
): vscode.TreeItem {
  const cloud = CLOUDS[node.account.cloud];
  const item = new vscode.TreeItem(cloud.displayName, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `account:${node.account.id}`;
  const running = snapshot?.pods.filter((p) => p.status === 'running').length ?? 0;
  item.description = [
    node.account.label,
    snapshot && !snapshot.error ? vscode.l10n.t('{0} running', running) : undefined,
    balance?.description,
  ]
    .filter(Boolean)
    .join(' · ');
  if (balance) {
    const tip = new vscode.MarkdownString(undefined, false);
    tip.isTrusted = false;
    tip.appendMarkdown(`**${escapeMarkdown(cloud.displayName)}** · ${displayMarkdown(node.account.label)}  \n`);
    for (const line of balance.tooltip) tip.appendMarkdown(`${escapeMarkdown(line)}  \n`);
    item.tooltip = tip;
  }
  item.iconPath = snapshot?.error
    ? new vscode.ThemeIcon('cloud', new vscode.ThemeColor('errorForeground'))
    : balance?.low
      ? new vscode.ThemeIcon('cloud', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('cloud');
  item.contextValue = contextValue(
    'account',
    accountMenuFlags({
      ok: !snapshot?.error,
      hasOptions: cloud.accountOptions.length > 0,
      capabilities: snapshot?.capabilities,
    }),
  );
  return item;
}

function groupLabel(group: GroupNode['group']): string {
  switch (group) {
    case 'pods':
      return vscode.l10n.t('Pods');
    case 'vms':
      return vscode.l10n.t('Virtual machines');
    case 'volumes':
      return vscode.l10n.t('Volumes');
    case 'endpoints':
      return vscode.l10n.t('Serverless endpoints');
  }
}
const GROUP_ICONS = { pods: 'server', vms: 'vm', volumes: 'database', endpoints: 'radio-tower' } as const;

export function groupItem(node: GroupNode, count: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(groupLabel(node.group), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.account.id}:${node.group}`;
  item.description = count === undefined ? undefined : String(count);
  item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
  item.contextValue = contextValue('group', { [node.group]: true });
  return item;
}

/** `staleSince`: the volume is kept from an older good list (the latest read failed). */
export function volumeItem(node: VolumeNode, staleSince?: number): vscode.TreeItem {
  const v: Volume = node.volume;
  const item = new vscode.TreeItem(displayText(v.name || v.id), vscode.TreeItemCollapsibleState.None);
  item.id = `volume:${node.account.id}:${v.id}`;
  const mounts =
    v.mountCount === undefined
      ? undefined
      : v.mountCount === 1
        ? vscode.l10n.t('1 mount')
        : vscode.l10n.t('{0} mounts', v.mountCount);
  item.description = displayText(
    [
      staleText(staleSince),
      v.sizeGb !== undefined ? vscode.l10n.t('{0} GB', v.sizeGb) : undefined,
      v.type,
      v.region,
      mounts,
      v.cost,
      v.status,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  item.iconPath = new vscode.ThemeIcon(
    v.status === 'error' ? 'error' : isVolumeTransitional(v.status) ? 'loading~spin' : 'database',
  );
  const tip = new vscode.MarkdownString(undefined, false);
  tip.isTrusted = false;
  tip.appendMarkdown(`**${displayMarkdown(v.name || v.id)}**  \n`);
  for (const [k, val] of [
    [vscode.l10n.t('Size'), v.sizeGb !== undefined ? vscode.l10n.t('{0} GB', v.sizeGb) : undefined],
    [vscode.l10n.t('Type'), v.type],
    [vscode.l10n.t('Region'), v.region],
    [vscode.l10n.t('Status'), v.status],
    [vscode.l10n.t('Listed'), staleDetail(staleSince)],
    [vscode.l10n.t('Mounted by'), mounts],
    [vscode.l10n.t('Cost'), v.cost],
    [vscode.l10n.t('Created'), formatDate(v.createdAt)],
    [vscode.l10n.t('Id'), v.id],
  ] as Array<[string, string | undefined]>) {
    if (val) tip.appendMarkdown(`${k}: ${displayMarkdown(val)}  \n`);
  }
  item.tooltip = tip;
  item.contextValue = contextValue('volume', volumeMenuFlags(v));
  return item;
}

export function endpointItem(node: EndpointNode, staleSince?: number): vscode.TreeItem {
  const e: Endpoint = node.endpoint;
  const item = new vscode.TreeItem(displayText(e.name || e.id), vscode.TreeItemCollapsibleState.None);
  item.id = `endpoint:${node.account.id}:${e.id}`;
  const workers =
    e.totalWorkers !== undefined ? vscode.l10n.t('{0}/{1} workers', e.runningWorkers ?? 0, e.totalWorkers) : undefined;
  item.description = displayText([staleText(staleSince), workers, e.cost, statusText(e)].filter(Boolean).join(' · '));
  item.iconPath = statusIcon(e.status);
  item.tooltip = [e.name, e.image, staleDetail(staleSince), vscode.l10n.t('Id: {0}', e.id)]
    .map((line) => displayText(line))
    .filter(Boolean)
    .join('\n');
  item.contextValue = contextValue('endpoint', endpointMenuFlags(e));
  return item;
}

export function errorItem(node: ErrorNode): vscode.TreeItem {
  const auth = node.error instanceof AuthError;
  const label = auth ? vscode.l10n.t('Invalid API key — click to update') : displayText(userMessage(node.error));
  // In a group, say which list failed: the rest of the account did load.
  const item = new vscode.TreeItem(
    node.group ? vscode.l10n.t('{0} could not be loaded: {1}', groupLabel(node.group), label) : label,
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.group ? `error:${node.account.id}:${node.group}` : `error:${node.account.id}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.tooltip = `${displayText(userMessage(node.error), { maxLength: 600 })}\n${vscode.l10n.t('Details are in the GPU Pods log.')}`;
  item.contextValue = contextValue('error', { auth });
  const setting = node.error instanceof ConfigError ? node.error.setting : undefined;
  item.command = auth
    ? clickCommand('gpuPods.updateKey', vscode.l10n.t('Update API Key'), { type: 'account', account: node.account })
    : setting
      ? openSettingClick(setting, vscode.l10n.t('Open Setting'))
      : node.error instanceof ConfigError && CLOUDS[node.account.cloud].accountOptions.length > 0
        ? clickCommand('gpuPods.editAccount', vscode.l10n.t('Edit Account Settings'), {
            type: 'account',
            account: node.account,
          })
        : clickCommand('gpuPods.showLog', vscode.l10n.t('Show Log'));
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.account.id}:${node.id}`;
  item.iconPath = new vscode.ThemeIcon(node.command ? 'add' : 'info');
  if (node.command) item.command = clickCommand(node.command, node.label, { type: 'account', account: node.account });
  return item;
}
