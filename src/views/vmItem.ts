import * as vscode from 'vscode';
import type { Capabilities } from '../core/capabilities';
import { displayText, gpuLabel, staleText } from './format';
import { statusText } from '../ui/statusText';
import { contextValue, vmMenuFlags } from './menuFlags';
import type { PodNode } from './nodes';
import { statusIcon } from './statusIcon';

/** A virtual machine row: like a pod's, with the VM's own actions (rename, terminate) in its contextValue. */
export function vmItem(node: PodNode, capabilities: Capabilities | undefined, staleSince?: number): vscode.TreeItem {
  const { pod: vm, account } = node;
  const item = new vscode.TreeItem(displayText(vm.name || vm.id), vscode.TreeItemCollapsibleState.None);
  item.id = `vm:${account.id}:${vm.id}`;
  const spot = vm.details.find(([k]) => k === vscode.l10n.t('Pricing'))?.[1];
  item.description = displayText(
    [staleText(staleSince), gpuLabel(vm), vm.region, spot, statusText(vm)].filter(Boolean).join(' · '),
  );
  item.iconPath = statusIcon(vm.status, vm.pending);
  item.contextValue = contextValue('vm', vmMenuFlags(vm, capabilities));
  item.accessibilityInformation = {
    label: vscode.l10n.t('{0}, virtual machine, {1}', displayText(vm.name || vm.id), item.description),
  };
  return item;
}
