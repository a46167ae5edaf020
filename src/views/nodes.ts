import type { CommandId } from '../workbench/commandIds';
import type { Endpoint, Pod, Volume } from '../core/model';
import type { Account } from '../services/accounts';

/** The tree's elements: plain data, rendered to TreeItems by the item builders. */
export type GroupKind = 'pods' | 'volumes' | 'endpoints' | 'vms';

export interface AccountNode {
  type: 'account';
  account: Account;
}
export interface GroupNode {
  type: 'group';
  account: Account;
  group: GroupKind;
}
export interface PodNode {
  type: 'pod';
  account: Account;
  pod: Pod;
}
export interface VolumeNode {
  type: 'volume';
  account: Account;
  volume: Volume;
}
export interface EndpointNode {
  type: 'endpoint';
  account: Account;
  endpoint: Endpoint;
}
/**
 * An error under an account ("Invalid API key — click to update"), with the action to fix it; with `group`,
 * the error of that list alone (the rest of the account loaded).
 */
export interface ErrorNode {
  type: 'error';
  account: Account;
  error: unknown;
  group?: GroupKind;
}
/** A quiet line: "No pods yet — create one". */
export interface MessageNode {
  type: 'message';
  account: Account;
  id: string;
  label: string;
  command?: CommandId;
}

export type TreeNode = AccountNode | GroupNode | PodNode | VolumeNode | EndpointNode | ErrorNode | MessageNode;
