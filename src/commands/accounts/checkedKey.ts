import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { AuthError, CancelledError, userMessage } from '../../core/errors';
import { keyFingerprint } from '../../core/keyFingerprint';
import type { CloudId } from '../../core/model';
import { CLOUDS } from '../../providers/clouds';
import { type Account, cleanKey } from '../../services/accounts';
import { describeForLog } from '../../services/log';
import { inputOne, pickOne } from '../../ui/pickOne';
import type { Services } from '../services';

/** Whose key is asked for. */
export interface KeyRequest {
  cloud: CloudId;
  /** The account label, shown in the prompt's title when the account exists already (Update API Key). */
  label?: string;
  /** The account whose key is replaced: its own stored key is no duplicate. */
  accountId?: string;
}

type Check = { kind: 'accepted' } | { kind: 'refused' | 'unchecked'; message: string };

/**
 * The API key, checked with the cloud before the caller stores it: one authenticated read through the
 * provider (the account's pod list, the read its first refresh makes anyway). A refused key is asked for
 * again with the cloud's reason; when the cloud cannot answer (timeout, 5xx, rate limit, no network) the
 * user chooses Retry or Save Anyway. A key another account of the same cloud already uses is refused while
 * typing, naming that account. Dismissing any question stores nothing. The key is never logged.
 *
 * `options` is asked once, after the first key (NeevCloud's organisation and project take part in the check).
 */
export async function askCheckedKey(
  services: Services,
  request: KeyRequest,
  options: () => Promise<Record<string, string>>,
): Promise<{ key: string; options: Record<string, string> }> {
  const owners = await services.accounts.keyOwners(request.cloud, request.accountId);
  let key = await askKey(services, request, owners);
  const accountOptions = await options();
  for (;;) {
    const check = await checkKey(services, request.cloud, accountOptions, key);
    if (check.kind === 'accepted') return { key, options: accountOptions };
    if (check.kind === 'refused') {
      key = await askKey(services, request, owners, check.message);
      continue;
    }
    const retry = vscode.l10n.t('Retry');
    const choice = await pickOne(services.ui, {
      id: 'keyUnchecked',
      title: vscode.l10n.t('The key could not be checked: {0}', check.message),
      placeholder: vscode.l10n.t('Nothing is saved until you choose'),
      items: [
        {
          label: retry,
          description: vscode.l10n.t('ask {0} again', CLOUDS[request.cloud].displayName),
          value: 'retry',
        },
        {
          label: vscode.l10n.t('Save Anyway'),
          description: vscode.l10n.t('the account shows an error until the key works'),
          value: 'save',
        },
      ],
    });
    if (choice === 'save') {
      services.log.info(`${CLOUDS[request.cloud].displayName}: key saved unchecked, at the user's choice.`);
      return { key, options: accountOptions };
    }
  }
}

/** Hidden input: empty refused, pasted whitespace trimmed, a key another account already uses refused. */
async function askKey(
  services: Services,
  request: KeyRequest,
  owners: ReadonlyMap<string, Account>,
  refusal?: string,
): Promise<string> {
  const info = CLOUDS[request.cloud];
  const where = request.label === undefined ? info.displayName : `${info.displayName} (${request.label})`;
  const key = await inputOne(services.ui, {
    id: 'apiKey',
    title: vscode.l10n.t('{0} API key', where),
    prompt: refusal
      ? vscode.l10n.t('{0} Paste the key again: nothing is saved until {1} accepts one.', refusal, info.displayName)
      : vscode.l10n.t('From {0}. Stored in VS Code secret storage only.', info.keyHelp),
    placeholder: info.keyPlaceholder,
    password: true,
    validate: (v) => {
      const clean = cleanKey(v);
      if (clean === '') return vscode.l10n.t('The API key cannot be empty.');
      const owner = owners.get(keyFingerprint(clean));
      return owner
        ? vscode.l10n.t('This key is already connected as the {0} account "{1}".', info.displayName, owner.label)
        : undefined;
    },
  });
  return cleanKey(key);
}

async function checkKey(
  services: Services,
  cloud: CloudId,
  options: Record<string, string>,
  key: string,
): Promise<Check> {
  const name = CLOUDS[cloud].displayName;
  try {
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Checking the key with {0}…', name),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const provider = await services.providers.forUnsavedKey(cloud, options, key);
        await provider.listPods(abort.signal);
        if (abort.signal.aborted) throw new CancelledError();
      },
    );
    services.log.info(`${name}: the new key was accepted.`);
    return { kind: 'accepted' };
  } catch (e) {
    if (e instanceof CancelledError || (e instanceof Error && e.name === 'AbortError')) throw new CancelledError();
    // The provider's errors are scrubbed of the key (its gate knows it); the log says why, never the key.
    services.log.warn(`${name}: checking the new key: ${describeForLog(e)}`);
    const message = displayText(userMessage(e), { maxLength: 300 });
    return { kind: e instanceof AuthError ? 'refused' : 'unchecked', message };
  }
}
