import * as vscode from 'vscode';
import type { CloudId } from '../../core/model';
import { CLOUD_IDS } from '../../core/cloudIds';
import { CLOUDS } from '../../providers/clouds';
import { inputOne, pickOne } from '../../ui/pickOne';
import { askCheckedKey } from './checkedKey';
import { askAccountOptions } from './editAccount';
import type { Services } from '../services';

/**
 * Pick a cloud, name the account, paste its key (and NeevCloud's org/project); the key is checked with the
 * cloud before anything is stored, and the tree then loads the account.
 */
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
  const { key, options } = await askCheckedKey(services, { cloud }, () => askAccountOptions(services, cloud, {}));
  const account = await services.accounts.add({ cloud, label: label.trim(), options }, key);
  services.log.info(`Connected ${info.displayName} account "${account.label}".`);
  await services.data.refresh(account.id);
}
