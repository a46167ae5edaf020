import type { TreeNode } from '../../views/nodes';
import type { Services } from '../services';

/** Refresh one account (from its node) or all of them. */
export async function refresh(services: Services, arg?: unknown): Promise<void> {
  const node = arg as TreeNode | undefined;
  const ids = node?.account ? [node.account.id] : services.accounts.list().map((a) => a.id);
  await Promise.all(ids.map((id) => services.data.refresh(id)));
  // A manual refresh reads everything, the balance too (it is otherwise read every few minutes).
  await Promise.all(ids.map((id) => services.balances.refresh(id)));
}
