import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import type { Pod } from '../../core/model';
import type { CloudFacts } from '../../core/provider';
import { isSshClientError } from '../../core/ssh/client/errors';
import type { HostEntry } from '../../core/ssh/hostEntries';
import { CLOUDS } from '../../providers/clouds';
import type { Services } from '../services';
import { withHostKeyCheck } from './hostKeyChanged';

/**
 * Clouds that take the key only at create ('createKey'): a pod made elsewhere (the cloud's console, another
 * machine) never learned it, and Remote-SSH would end at a password prompt. One batch-mode login tells; when
 * the key is refused, the user gets the public key to copy and where it goes. The login is our own client's (no ssh
 * child); a changed host key is the user's to accept; other failures (network) are left to Remote-SSH. Returns false when the user chose not to connect.
 */
export async function keyLoginOrHint(
  services: Services,
  pod: Pod,
  facts: Pick<CloudFacts, 'sshAuth'>,
  entry: HostEntry,
): Promise<boolean> {
  const alias = entry.alias;
  // VMs get their keys another way; the hint speaks of pods
  if (facts.sshAuth !== 'createKey' || pod.kind !== 'pod') return true;
  try {
    await withHostKeyCheck(services, () => services.ssh.checkKeyLogin(entry));
    return true;
  } catch (e) {
    if (isSshClientError(e, 'hostKeyChanged')) throw e; // refused by the user: Remote-SSH would refuse it too
    if (!isSshClientError(e, 'authRefused')) {
      services.log.info(`Key login check for ${alias} did not finish (${String(e)}); connecting anyway.`);
      return true;
    }
    services.log.warn(`Key login to ${alias} was refused: ${e.message}`);
  }
  const { publicKey } = await services.ssh.ensureKey(services.ui);
  // The cloud's own words (its info.ts), translated like every other message: l10n looks them up by their text.
  const hint = CLOUDS[pod.cloud].keyLoginHint;
  const where = hint ? vscode.l10n.t(hint) : vscode.l10n.t('Add it to ~/.ssh/authorized_keys on the pod.');
  const copy = vscode.l10n.t('Copy Public Key');
  const anyway = vscode.l10n.t('Connect Anyway');
  const choice = await services.workbench.showWarning(
    vscode.l10n.t(
      '"{0}" refused your SSH key: the pod did not get your public key. {1} Your public key: {2}',
      displayText(pod.name),
      where,
      publicKey,
    ),
    copy,
    anyway,
  );
  if (choice === copy) await services.workbench.copy(publicKey);
  return choice === anyway;
}
