import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { askNewCredential } from '../../core/formSteps/credentialStep';
import {
  type CredentialChange,
  type RegistryCredential,
  type RegistryCredentialOps,
  validateCredentialName,
  validatePassword,
  validateUsername,
} from '../../core/registryCredentials';
import { CLOUDS } from '../../providers/clouds';
import { inputOne, pickOne } from '../../ui/pickOne';
import { inlineAsk } from '../../ui/wizard';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';

const ADD = Symbol('add');

/**
 * Manage Registry Credentials… on an account whose cloud keeps them (Yotta, Novita): add one, update it where the
 * cloud documents an update (Yotta), or delete it. Passwords go to the cloud in that one request and nowhere else.
 */
export async function manageRegistryCredentials(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg, (a) => CLOUDS[a.cloud].palette.credentials);
  const provider = await services.providers.get(account);
  const ops = provider.credentials;
  const cloud = CLOUDS[account.cloud].displayName;
  if (!ops) {
    void services.workbench.showInfo(vscode.l10n.t('{0} keeps no registry credentials GPU Pods can manage.', cloud));
    throw new CancelledError();
  }
  const title = vscode.l10n.t('Registry credentials on {0} ({1})', cloud, displayText(account.label));
  const choice = await pickOne<RegistryCredential | typeof ADD>(services.ui, {
    id: 'credential',
    title,
    placeholder: vscode.l10n.t('Add a credential, or pick one to change or delete'),
    items: ops.list().then((list) => [
      { label: `$(add) ${vscode.l10n.t('Add credential…')}`, value: ADD as RegistryCredential | typeof ADD },
      ...list.map((c) => ({
        label: displayText(c.name),
        description: c.detail === undefined ? undefined : displayText(c.detail),
        value: c as RegistryCredential | typeof ADD,
      })),
    ]),
  });
  if (choice === ADD) {
    const fresh = await askNewCredential(inlineAsk(services.ui, title), ops.kinds);
    const made = await ops.create(fresh);
    void services.workbench.showInfo(
      vscode.l10n.t('Added the registry credential "{0}" on {1}.', displayText(made.name), cloud),
    );
    return;
  }
  const action = await pickOne(services.ui, {
    id: 'credentialAction',
    title: vscode.l10n.t('{0}: {1}', title, displayText(choice.name)),
    items: [
      ops.update
        ? { label: vscode.l10n.t('Update…'), value: 'update' as const }
        : {
            label: vscode.l10n.t('Update…'),
            value: 'update' as const,
            disabledReason: vscode.l10n.t('not offered by {0}: its API documents no update', cloud),
          },
      { label: vscode.l10n.t('Delete…'), value: 'delete' as const },
    ],
  });
  if (action === 'update') await updateCredential(services, ops, choice, title, cloud);
  else await deleteCredential(services, ops, choice, cloud);
}

async function updateCredential(
  services: Services,
  ops: RegistryCredentialOps,
  credential: RegistryCredential,
  title: string,
  cloud: string,
): Promise<void> {
  if (!ops.update) throw new CancelledError();
  const name = await inputOne(services.ui, {
    id: 'credentialName',
    title: vscode.l10n.t('{0}: {1}', title, vscode.l10n.t('Credential name')),
    value: credential.name,
    validate: validateCredentialName,
  });
  const username = await inputOne(services.ui, {
    id: 'credentialUsername',
    title: vscode.l10n.t('{0}: {1}', title, vscode.l10n.t('Registry user name')),
    prompt: vscode.l10n.t('Leave empty to keep the user name'),
    validate: (v) => (v === '' ? undefined : validateUsername(v)),
  });
  const password = await inputOne(services.ui, {
    id: 'credentialPassword',
    title: vscode.l10n.t('{0}: {1}', title, vscode.l10n.t('Registry password or token')),
    prompt: vscode.l10n.t('Leave empty to keep the password; a new one is sent to the cloud once and not stored'),
    password: true,
    validate: (v) => (v === '' ? undefined : validatePassword(v)),
  });
  const change: CredentialChange = {
    ...(name.trim() !== credential.name ? { name: name.trim() } : {}),
    ...(username.trim() ? { username: username.trim() } : {}),
    ...(password ? { password } : {}),
  };
  if (Object.keys(change).length === 0) {
    void services.workbench.showInfo(vscode.l10n.t('Nothing to change.'));
    return;
  }
  await ops.update(credential.id, change);
  void services.workbench.showInfo(
    vscode.l10n.t('Updated the registry credential "{0}" on {1}.', displayText(change.name ?? credential.name), cloud),
  );
}

async function deleteCredential(
  services: Services,
  ops: RegistryCredentialOps,
  credential: RegistryCredential,
  cloud: string,
): Promise<void> {
  const ok = await services.ui.confirm({
    id: 'confirmDeleteCredential',
    message: vscode.l10n.t('Delete the registry credential "{0}" on {1}?', displayText(credential.name), cloud),
    detail: vscode.l10n.t('New pods cannot pull private images with it any more.'),
    confirm: vscode.l10n.t('Delete'),
  });
  if (!ok) throw new CancelledError();
  await ops.delete(credential.id);
  void services.workbench.showInfo(
    vscode.l10n.t('Deleted the registry credential "{0}" on {1}.', displayText(credential.name), cloud),
  );
}
