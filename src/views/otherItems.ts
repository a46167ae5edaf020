import * as vscode from 'vscode';
import { clickCommand, openSettingClick } from '../commands/vscodeCommands';
import { AuthError, ConfigError, userMessage } from '../core/errors';
import type { Endpoint, Volume } from '../core/model';
import { CLOUDS } from '../providers/clouds';
import type { AccountSnapshot } from '../services/accountData';
import { displayMarkdown, displayText, formatDate, statusText } from './format';
import { accountMenuFlags, contextValue, endpointMenuFlags, volumeMenuFlags } from './menuFlags';
import type { AccountNode, EndpointNode, ErrorNode, GroupNode, MessageNode, VolumeNode } from './nodes';
import { statusIcon } from './statusIcon';

export function accountItem(node: AccountNode, snapshot: AccountSnapshot | undefined): vscode.TreeItem {
  const cloud = CLOUDS[node.account.cloud];
  const item = new vscode.TreeItem(cloud.displayName, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `account:${node.account.id}`;
  const running = snapshot?.pods.filter((p) => p.status === 'running').length ?? 0;
  item.description = [node.account.label, snapshot && !snapshot.error ? `${running} running` : undefined]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = snapshot?.error
    ? new vscode.ThemeIcon('cloud', new vscode.ThemeColor('errorForeground'))
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

const GROUP_LABELS = {
  pods: 'Pods',
  vms: 'Virtual machines',
  volumes: 'Volumes',
  endpoints: 'Serverless endpoints',
} as const;
const GROUP_ICONS = { pods: 'server', vms: 'vm', volumes: 'database', endpoints: 'radio-tower' } as const;

export function groupItem(node: GroupNode, count: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(GROUP_LABELS[node.group], vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.account.id}:${node.group}`;
  item.description = count === undefined ? undefined : String(count);
  item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group]);
  item.contextValue = contextValue('group', { [node.group]: true });
  return item;
}

export function volumeItem(node: VolumeNode): vscode.TreeItem {
  const v: Volume = node.volume;
  const item = new vscode.TreeItem(displayText(v.name || v.id), vscode.TreeItemCollapsibleState.None);
  item.id = `volume:${node.account.id}:${v.id}`;
  const mounts = v.mountCount === undefined ? undefined : v.mountCount === 1 ? '1 mount' : `${v.mountCount} mounts`;
  item.description = displayText(
    [v.sizeGb !== undefined ? `${v.sizeGb} GB` : undefined, v.type, v.region, mounts, v.cost, v.status]
      .filter(Boolean)
      .join(' · '),
  );
  item.iconPath = new vscode.ThemeIcon(
    v.status === 'error' ? 'error' : /ing$/.test(v.status) ? 'loading~spin' : 'database',
  );
  const tip = new vscode.MarkdownString(undefined, false);
  tip.isTrusted = false;
  tip.appendMarkdown(`**${displayMarkdown(v.name || v.id)}**  \n`);
  for (const [k, val] of [
    ['Size', v.sizeGb !== undefined ? `${v.sizeGb} GB` : undefined],
    ['Type', v.type],
    ['Region', v.region],
    ['Status', v.status],
    ['Mounted by', mounts],
    ['Cost', v.cost],
    ['Created', formatDate(v.createdAt)],
    ['Id', v.id],
  ] as Array<[string, string | undefined]>) {
    if (val) tip.appendMarkdown(`${k}: ${displayMarkdown(val)}  \n`);
  }
  item.tooltip = tip;
  item.contextValue = contextValue('volume', volumeMenuFlags(v));
  return item;
}

export function endpointItem(node: EndpointNode): vscode.TreeItem {
  const e: Endpoint = node.endpoint;
  const item = new vscode.TreeItem(displayText(e.name || e.id), vscode.TreeItemCollapsibleState.None);
  item.id = `endpoint:${node.account.id}:${e.id}`;
  const workers = e.totalWorkers !== undefined ? `${e.runningWorkers ?? 0}/${e.totalWorkers} workers` : undefined;
  item.description = displayText([workers, e.cost, statusText(e)].filter(Boolean).join(' · '));
  item.iconPath = statusIcon(e.status);
  item.tooltip = [e.name, e.image, `Id: ${e.id}`]
    .map((line) => displayText(line))
    .filter(Boolean)
    .join('\n');
  item.contextValue = contextValue('endpoint', endpointMenuFlags(e));
  return item;
}

export function errorItem(node: ErrorNode): vscode.TreeItem {
  const auth = node.error instanceof AuthError;
  const label = auth ? 'Invalid API key — click to update' : displayText(userMessage(node.error));
  // In a group, say which list failed: the rest of the account did load.
  const item = new vscode.TreeItem(
    node.group ? vscode.l10n.t('{0} could not be loaded: {1}', GROUP_LABELS[node.group], label) : label,
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.group ? `error:${node.account.id}:${node.group}` : `error:${node.account.id}`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.tooltip = `${displayText(userMessage(node.error), { maxLength: 600 })}\nDetails are in the GPU Pods log.`;
  item.contextValue = contextValue('error', { auth });
  const setting = node.error instanceof ConfigError ? node.error.setting : undefined;
  item.command = auth
    ? clickCommand('gpuPods.updateKey', 'Update API Key', { type: 'account', account: node.account })
    : setting
      ? openSettingClick(setting, vscode.l10n.t('Open Setting'))
      : node.error instanceof ConfigError && CLOUDS[node.account.cloud].accountOptions.length > 0
        ? clickCommand('gpuPods.editAccount', 'Edit Account Settings', { type: 'account', account: node.account })
        : clickCommand('gpuPods.showLog', 'Show Log');
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.account.id}:${node.id}`;
  item.iconPath = new vscode.ThemeIcon(node.command ? 'add' : 'info');
  if (node.command) item.command = clickCommand(node.command, node.label, { type: 'account', account: node.account });
  return item;
}
