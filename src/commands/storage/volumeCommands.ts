import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { inputOne } from '../../ui/pickOne';
import { runWizard } from '../../ui/wizard';
import { pickAccount } from '../pickTarget';
import { pickVolume } from '../pickVolume';
import type { Services } from '../services';

/** Volume actions: create (the cloud's form), rename, resize, delete. Each refreshes its account after. */
export async function createVolume(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(
    services,
    arg,
    (a) => services.data.snapshot(a.id)?.capabilities?.volumes !== false,
  );
  const provider = await services.providers.get(account);
  if (!provider.volumes) {
    void services.workbench.showInfo(vscode.l10n.t('This cloud has no volumes.'));
    throw new CancelledError();
  }
  const form = provider.volumes.createForm();
  const ctx = { jupyterPassword: '' };
  const answers = await runWizard(services.ui, form, ctx, {
    title: vscode.l10n.t('Create volume'),
    confirmLabel: vscode.l10n.t('Create volume'),
  });
  if (!answers) throw new CancelledError();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating volume…') },
    () => form.create(answers, ctx),
  );
  await services.data.refresh(account.id);
}

export async function renameVolume(services: Services, arg?: unknown): Promise<void> {
  const { account, provider, volume } = await pickVolume(services, arg, 'rename');
  const name = await inputOne(services.ui, {
    id: 'volumeName',
    title: vscode.l10n.t('Rename volume "{0}"', displayText(volume.name)),
    value: volume.name,
    validate: (v) =>
      v.trim() === ''
        ? vscode.l10n.t('Enter a name.')
        : v.length > 255
          ? vscode.l10n.t('At most 255 characters.')
          : undefined,
  });
  await provider.volumes!.rename(volume.id, name.trim());
  await services.data.refresh(account.id);
}

export async function resizeVolume(services: Services, arg?: unknown): Promise<void> {
  const { account, provider, volume } = await pickVolume(services, arg, 'resize');
  const current = volume.sizeGb ?? 0;
  const size = await inputOne(services.ui, {
    id: 'volumeSize',
    title: vscode.l10n.t('Resize volume "{0}" (now {1} GB)', displayText(volume.name), current),
    prompt: vscode.l10n.t('New size in GB (volumes only grow)'),
    value: String(current),
    validate: (v) => {
      const n = Number(v.trim());
      if (!/^\d+$/.test(v.trim())) return vscode.l10n.t('Enter a whole number of GB.');
      if (n <= current) return vscode.l10n.t('The new size must be larger than {0} GB.', current);
      return n > 10240 ? vscode.l10n.t('At most 10240 GB.') : undefined;
    },
  });
  await provider.volumes!.resize(volume.id, Number(size.trim()));
  await services.data.refresh(account.id);
}

export async function deleteVolume(services: Services, arg?: unknown): Promise<void> {
  const { account, provider, volume } = await pickVolume(services, arg, 'delete');
  const ok = await services.ui.confirm({
    id: 'confirmDeleteVolume',
    message: vscode.l10n.t('Delete volume "{0}"?', displayText(volume.name)),
    detail: vscode.l10n.t('Everything stored on it is lost for good.'),
    confirm: vscode.l10n.t('Delete'),
  });
  if (!ok) throw new CancelledError();
  await provider.volumes!.delete(volume.id);
  await services.data.refresh(account.id);
}
