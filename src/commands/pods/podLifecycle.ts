import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import type { Capabilities } from '../../core/capabilities';
import type { PodAction } from '../../core/provider';
import { waitForPod, type PodGoal } from '../../core/waitForPod';
import { CLOUDS } from '../../providers/clouds';
import { actionLabel } from '../../ui/actionLabels';
import { pickPod, type PodTarget } from '../pickTarget';
import { offerSaveBeforeTerminate } from '../images/saveBeforeTerminate';
import type { Services } from '../services';

const GOALS: Record<PodAction, PodGoal> = { stop: 'stopped', start: 'running', restart: 'running', terminate: 'gone' };

/**
 * Runs one lifecycle action on a pod (from a tree node or the palette), with progress until it is done.
 * `word`: from the palette, "Pause Pod" lists only pods of clouds that say pause, "Stop Pod" those that say stop.
 */
export async function podActionCommand(
  services: Services,
  arg: unknown,
  action: PodAction,
  word?: Capabilities['stopWord'],
): Promise<void> {
  // Say plainly which clouds cannot do this at all (NeevCloud has no stop), rather than "nothing to do".
  const unable = [
    ...new Set(
      services.accounts
        .list()
        .filter((a) => services.data.snapshot(a.id)?.capabilities?.podActions.has(action) === false)
        .map((a) => CLOUDS[a.cloud].displayName),
    ),
  ];
  const target = await pickPod(
    services,
    arg,
    (pod, caps) => caps.allows(action, pod) && (!word || caps.stopWord === word),
    vscode.l10n.t('Choose a pod'),
    unable.length
      ? vscode.l10n.t(
          'No pod can do this right now. {0} cannot {1} pods; delete a pod there to stop its billing.',
          unable.join(', '),
          action,
        )
      : undefined,
  );
  await runPodAction(services, target, action);
}

/**
 * `confirmed`: the delete was already agreed to elsewhere (a delete-when-stopped rule's warning, answered or
 * left to its grace period): no second confirmation.
 */
export async function runPodAction(
  services: Services,
  target: PodTarget,
  action: PodAction,
  options: { confirmed?: boolean } = {},
): Promise<void> {
  const { account, pod, provider } = target;
  const cloud = CLOUDS[account.cloud].displayName;
  const word = actionLabel(provider.facts, action);
  // A delete the user already agreed to (a delete-when-stopped rule) is neither asked again nor held by the
  // Save Image offer: the rule acts after its grace period, with nobody at the keyboard.
  if (action === 'terminate' && !options.confirmed) {
    await offerSaveBeforeTerminate(services, target);
    const ok = await services.ui.confirm({
      id: 'confirmTerminate',
      message: vscode.l10n.t('{0} "{1}" on {2}?', word, displayText(pod.name || pod.id), cloud),
      detail: vscode.l10n.t(
        'The pod and everything on its container disk are deleted for good; billing for it stops. Volumes you attached are kept.',
      ),
      confirm: word,
    });
    if (!ok) throw new CancelledError();
  }
  const title = vscode.l10n.t('{0} "{1}"', word, displayText(pod.name || pod.id));
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        await provider.podAction(pod.id, action, {
          signal: abort.signal,
          onProgress: (message) => progress.report({ message: displayText(message) }),
        });
        progress.report({ message: vscode.l10n.t('waiting for the pod…') });
        await waitForPod((signal) => provider.getPod(pod.id, signal), GOALS[action], {
          signal: abort.signal,
          intervalMs: services.timing.waitIntervalMs,
          timeoutMs: services.timing.waitTimeoutMs,
          clock: services.clock,
          onUpdate: (fresh) => {
            if (fresh) {
              services.data.upsertPod(account.id, fresh);
              progress.report({ message: displayText(fresh.rawStatus) });
            } else {
              // The cloud no longer knows it: out of the tree now, not after the next refresh lands.
              services.data.upsertPod(account.id, { ...pod, status: 'terminated' });
            }
          },
        });
      } catch (e) {
        if (e instanceof CancelledError) {
          void services.workbench.showInfo(
            vscode.l10n.t(
              'Stopped waiting; "{0}" carries on in the cloud and the tree shows when it is done.',
              displayText(pod.name || pod.id),
            ),
          );
          return;
        }
        throw e;
      } finally {
        void services.data.refresh(account.id);
      }
    },
  );
  if (action === 'terminate') {
    await services.podSecrets.forget(account.cloud, pod.id);
    await services.ssh.forget([{ cloud: account.cloud, id: pod.id }]);
  }
}
