import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { pickOne } from '../../ui/pickOne';
import type { PodTarget } from '../pickTarget';
import type { Services } from '../services';
import { runImageSave } from './saveImage';

/**
 * Before a pod whose cloud saves images is deleted: the offer to keep its environment as an image first. Going on
 * without saving is preselected (Delete is what was asked); a save that fails or is no longer followed stops the
 * delete, so nothing is lost without the user seeing why.
 */
export async function offerSaveBeforeTerminate(services: Services, target: PodTarget): Promise<void> {
  const caps = services.data.snapshot(target.account.id)?.capabilities;
  if (!caps?.allowsImageSave(target.pod)) return;
  const save = await pickOne(services.ui, {
    id: 'saveBeforeTerminate',
    title: vscode.l10n.t('Save "{0}" as an image before it is deleted?', displayText(target.pod.name || target.pod.id)),
    items: [
      { label: vscode.l10n.t('Delete without saving'), value: false, picked: true },
      {
        label: vscode.l10n.t('Save Image First…'),
        detail: vscode.l10n.t('Push the container to a registry, then delete; Create Pod offers the image later'),
        value: true,
      },
    ],
  });
  if (!save) return;
  const outcome = await runImageSave(services, target);
  if (outcome.state !== 'done') throw new CancelledError();
}
