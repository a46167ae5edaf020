import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { computeBurnRate, formatDuration } from '../../core/burnRate';
import { CancelledError } from '../../core/errors';
import { spendSourceText } from '../../core/moneySource';
import { gpuPrices } from '../../services/gpuPriceSettings';
import { pickOne } from '../../ui/pickOne';
import { accountName } from '../../views/burnRate';
import { costText, spentText } from '../../views/format';
import type { PodNode } from '../../views/nodes';
import type { Services } from '../services';

/** The burn-rate item's click: a pick of the running pods (dearest first); the chosen one is revealed in the tree. */
export async function showRunningPods(services: Services): Promise<PodNode | undefined> {
  const accounts = services.accounts.list();
  const rows = computeBurnRate(
    services.data.allPods().map(({ account, pod }) => ({
      accountId: account.id,
      cloud: account.cloud,
      where: accountName(account, accounts),
      pod,
    })),
    services.clock.now(),
    gpuPrices(),
  ).rows;
  if (rows.length === 0) {
    await services.workbench.executeCommand('gpuPods.pods.focus');
    void services.workbench.showInfo(vscode.l10n.t('No pods are running.'));
    return undefined;
  }
  const picked = await pickOne(services.ui, {
    id: 'runningPod',
    title: vscode.l10n.t('Running pods'),
    placeholder: vscode.l10n.t('Choose a pod to show it in the GPU Pods view'),
    items: rows.map((r) => ({
      label: `$(vm-running) ${displayText(r.pod.name || r.pod.id)}`,
      description: [r.where, costText(r.cost)].join(' · '),
      detail:
        r.spent !== undefined
          ? `${vscode.l10n.t('about {0} in {1} since created', spentText(r.spent, r.cost), formatDuration(r.runningMs!))} (${spendSourceText('estimated')})`
          : r.runningMs !== undefined
            ? vscode.l10n.t('{0} since created; spend unknown', formatDuration(r.runningMs))
            : vscode.l10n.t('spend unknown'),
      value: r,
    })),
  });
  const account = services.accounts.get(picked.accountId);
  if (!account) throw new CancelledError();
  const node: PodNode = { type: 'pod', account, pod: picked.pod };
  const view = services.view;
  if (!view.visible) {
    // A reveal sent while the view is still opening can be dropped: wait until it is shown (at most 2 s).
    const shown = new Promise<void>((resolve) => {
      const done = () => (sub.dispose(), services.clock.clearTimeout(timer), resolve());
      const sub = view.onDidChangeVisibility((e) => e.visible && done());
      const timer = services.clock.setTimeout(done, 2000);
    });
    await services.workbench.executeCommand('gpuPods.pods.focus');
    await shown;
  }
  await view.reveal(node, { select: true, focus: true });
  return node;
}
