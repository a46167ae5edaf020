import * as vscode from 'vscode';
import { AuthError, ConfigError } from '../core/errors';
import type { AccountSnapshot } from '../services/accountData';
import type { Account } from '../services/accounts';
import type { GroupKind, TreeNode } from './nodes';

/* What a group of an account shows: its rows, or the quiet line of an empty list, and where a failed pods list's
   error goes. */

/** The quiet row of a list that loaded and is empty. */
export function emptyMessage(account: Account, group: GroupKind): TreeNode {
  switch (group) {
    case 'pods':
      return {
        type: 'message',
        account,
        id: 'no-pods',
        label: vscode.l10n.t('No pods — create one'),
        command: 'gpuPods.createPod',
      };
    case 'vms':
      return {
        type: 'message',
        account,
        id: 'no-vms',
        label: vscode.l10n.t('No virtual machines — create one'),
        command: 'gpuPods.createVm',
      };
    case 'volumes':
      return { type: 'message', account, id: 'no-volumes', label: vscode.l10n.t('No volumes') };
    case 'endpoints':
      return { type: 'message', account, id: 'no-endpoints', label: vscode.l10n.t('No serverless endpoints') };
  }
}

/** The rows of one group's last good list, by name. */
export function rowsOf(account: Account, s: AccountSnapshot, group: GroupKind): TreeNode[] {
  switch (group) {
    case 'pods':
    case 'vms':
      return [...((group === 'pods' ? s.pods : s.vms) ?? [])]
        .sort(byName)
        .map((pod) => ({ type: 'pod', account, pod }));
    case 'volumes':
      return [...(s.volumes ?? [])].sort(byName).map((volume) => ({ type: 'volume', account, volume }));
    case 'endpoints':
      return [...(s.endpoints ?? [])].sort(byName).map((endpoint) => ({ type: 'endpoint', account, endpoint }));
  }
}

function byName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/**
 * The pods list itself failed (the account's provider was built and its key accepted): its error row goes
 * where the pods are, saying so, and the rest of the account stays. Else the error is the account's.
 */
export function podsListFailed(s: AccountSnapshot): boolean {
  return (
    s.error !== undefined &&
    s.errorScope === 'pods' &&
    !(s.error instanceof AuthError) &&
    !(s.error instanceof ConfigError) &&
    !!s.capabilities
  );
}
