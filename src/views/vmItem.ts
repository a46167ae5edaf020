import * as vscode from 'vscode';
import type { VmOps } from '../core/provider';
import { contextValue } from './contextValue';
import { displayText, gpuLabel, statusText } from './format';
import type { PodNode } from './nodes';
import { statusIcon } from './statusIcon';

/** A virtual machine row: like a pod's, with the VM's own actions (rename, terminate) in its contextValue. */
export function vmItem(node: PodNode, allows: VmOps['allows'] | undefined): vscode.TreeItem {
  const { pod: vm, account } = node;
  const item = new vscode.TreeItem(displayText(vm.name || vm.id), vscode.TreeItemCollapsibleState.None);
  item.id = `vm:${account.id}:${vm.id}`;
  const spot = vm.details.find(([k]) => k === 'Pricing')?.[1];
  item.description = displayText([gpuLabel(vm), vm.region, spot, statusText(vm)].filter(Boolean).join(' · '));
  item.iconPath = statusIcon(vm.status, vm.pending);
  item.contextValue = contextValue('vm', {
    [vm.status]: true,
    canRename: !!allows?.('rename', vm),
    canTerminate: !!allows?.('terminate', vm),
    ssh: vm.status === 'running',
  });
  item.accessibilityInformation = { label: `${displayText(vm.name || vm.id)}, virtual machine, ${item.description}` };
  return item;
}
