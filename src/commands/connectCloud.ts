import * as vscode from 'vscode';
import type { CloudId } from '../core/model';
import { CLOUD_IDS, CLOUDS } from '../providers/clouds';
import { cleanKey } from '../services/accounts';
import { inputOne, pickOne } from '../ui/pickOne';
import { askAccountOptions } from './editAccount';
import type { Services } from './services';

/** Pick a cloud, name the account, paste its key (and NeevCloud's org/project); the tree then loads it. */
export async function connectCloud(services: Services): Promise<void> {
  const cloud = await pickOne<CloudId>(services.ui, {
    id: 'cloud',
    title: vscode.l10n.t('Connect a GPU cloud'),
    placeholder: vscode.l10n.t('Which cloud?'),
    items: CLOUD_IDS.map((id) => ({ label: CLOUDS[id].displayName, description: CLOUDS[id].keyHelp, value: id })),
  });
  const info = CLOUDS[cloud];
  const taken = new Set(
    services.accounts
      .list()
      .filter((a) => a.cloud === cloud)
      .map((a) => a.label),
  );
  const label = await inputOne(services.ui, {
    id: 'label',
    title: vscode.l10n.t('Connect {0}: account label', info.displayName),
    prompt: vscode.l10n.t('A name for this account, shown in the tree'),
    value: taken.has('default') ? '' : 'default',
    validate: (v) =>
      v.trim() === ''
        ? vscode.l10n.t('Enter a label.')
        : taken.has(v.trim())
          ? vscode.l10n.t('An account with this label exists.')
          : undefined,
  });
  const key = await askKey(services, info.displayName, info.keyHelp, info.keyPlaceholder);
  const options = await askAccountOptions(services, cloud, {});
  const account = await services.accounts.add({ cloud, label: label.trim(), options }, key);
  services.log.info(`Connected ${info.displayName} account "${account.label}".`);
  await services.data.refresh(account.id);
}

/** Asks for an API key: hidden input, empty refused, pasted whitespace and newlines trimmed. */
export async function askKey(
  services: Services,
  cloudName: string,
  help: string,
  placeholder: string,
): Promise<string> {
  const key = await inputOne(services.ui, {
    id: 'apiKey',
    title: vscode.l10n.t('{0} API key', cloudName),
    prompt: vscode.l10n.t('From {0}. Stored in VS Code secret storage only.', help),
    placeholder,
    password: true,
    validate: (v) => (cleanKey(v) === '' ? vscode.l10n.t('The API key cannot be empty.') : undefined),
  });
  return cleanKey(key);
}
