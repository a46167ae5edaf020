import * as vscode from 'vscode';
import { CancelledError } from '../../core/errors';
import { CLOUDS } from '../../providers/clouds';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';

/** Forget an account and delete its key from secret storage. Pods in the cloud are not touched. */
export async function disconnect(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg);
  const name = `${CLOUDS[account.cloud].displayName} (${account.label})`;
  const ok = await services.ui.confirm({
    id: 'confirmDisconnect',
    message: vscode.l10n.t('Disconnect {0}?', name),
    detail: vscode.l10n.t(
      'Its API key is deleted from secret storage. Your pods keep running and billing in the cloud.',
    ),
    confirm: vscode.l10n.t('Disconnect'),
  });
  if (!ok) throw new CancelledError();
  await services.accounts.remove(account.id);
  services.data.forget(account.id);
  await services.env.forgetAccount(account.id);
  services.log.info(`Disconnected ${name}.`);
}
