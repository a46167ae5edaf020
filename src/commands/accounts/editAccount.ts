import * as vscode from 'vscode';
import type { CloudId } from '../../core/model';
import { CLOUDS } from '../../providers/clouds';
import { inputOne } from '../../ui/pickOne';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';

/** Change an account's cloud-specific settings (NeevCloud org and project ids). */
export async function editAccount(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg, (a) => CLOUDS[a.cloud].accountOptions.length > 0);
  const options = await askAccountOptions(services, account.cloud, account.options);
  await services.accounts.update({ ...account, options });
  services.data.forget(account.id);
  await services.data.refresh(account.id);
}

export async function askAccountOptions(
  services: Services,
  cloud: CloudId,
  current: Record<string, string>,
): Promise<Record<string, string>> {
  const out = { ...current };
  for (const option of CLOUDS[cloud].accountOptions) {
    const value = await inputOne(services.ui, {
      id: option.id,
      title: `${CLOUDS[cloud].displayName}: ${option.title}`,
      prompt: option.prompt,
      value: current[option.id] ?? '',
      validate: (v) =>
        option.required && v.trim() === '' ? vscode.l10n.t('{0} is required.', option.title) : undefined,
    });
    out[option.id] = value.trim();
  }
  return out;
}
