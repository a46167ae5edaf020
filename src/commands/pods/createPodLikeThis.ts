import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { NotFoundError } from '../../core/errors';
import type { Pod } from '../../core/model';
import type { PodPrefill } from '../../core/podPrefill';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';
import { createPod } from './createPod';

/**
 * Create Pod Like This…: the create wizard of the pod's account, each step starting on what the pod's own
 * answer lets GPU Pods read back (GPU and count, image, disks, ports, volumes; the provider's podPrefill), so
 * Enter keeps it; a step the pod could not fill says so and is asked as for a new pod. The name is new.
 */
export async function createPodLikeThis(services: Services, arg?: unknown): Promise<Pod | undefined> {
  const target = await pickPod(
    services,
    arg,
    (pod) => pod.kind === 'pod' && pod.status !== 'terminated',
    vscode.l10n.t('Create a pod like which one?'),
  );
  const { account, pod, provider } = target;
  const name = pod.name || pod.id;
  // A cloud that reads nothing back still opens its wizard: every step then says what it could not read.
  const prefill: PodPrefill | undefined = provider.podPrefill
    ? await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Reading the settings of "{0}"…', displayText(name)),
        },
        () => provider.podPrefill!(pod.id),
      )
    : {};
  if (!prefill) throw new NotFoundError(vscode.l10n.t('"{0}" no longer exists.', displayText(name)));
  const suggested = provider.createForm().answersLike?.(prefill) ?? { answers: {}, notes: {} };
  services.log.info(
    `Create like ${account.cloud} pod ${pod.id}: steps read back ${Object.keys(suggested.answers).join(', ') || 'none'}; ` +
      `not readable ${Object.keys(suggested.notes).join(', ') || 'none'}.`,
  );
  return createPod(services, { type: 'account', account }, { like: { name, suggested } });
}
