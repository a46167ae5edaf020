import { l10n } from '../../core/l10n';
import { isSshClientError } from '../../core/ssh/client/errors';
import type { HostKeyChangedError } from '../../core/ssh/client/errors';
import type { Services } from '../services';

/**
 * Runs `work` (a login of our own client); when the pod shows a host key other than the one on file, the
 * user sees both fingerprints and may accept the new key, behind a modal confirmation. Accepted: the new key
 * replaces the old ones in our known_hosts and `work` runs once more. Otherwise the refusal stands.
 */
export async function withHostKeyCheck<T>(services: Services, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!isSshClientError(e, 'hostKeyChanged')) throw e;
    const changed = e as HostKeyChangedError;
    services.log.warn(changed.message);
    const accept = l10n.t('Accept New Key…');
    if ((await services.workbench.showWarning(changed.message, accept)) !== accept) throw e;
    const sure = await services.ui.confirm({
      id: 'acceptHostKey',
      message: l10n.t('Trust the new host key of {0}?', changed.host),
      detail: l10n.t(
        'Old key: {0}. New key: {1}. Accept it only if you know why it changed, for example because the pod was recreated.',
        changed.knownFingerprints.join(', '),
        changed.offeredFingerprint,
      ),
      confirm: l10n.t('Accept New Key'),
    });
    if (!sure) throw e;
    await services.ssh.acceptHostKey(changed);
    return work();
  }
}
