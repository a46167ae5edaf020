import { l10n } from '../core/l10n';
import type { Services } from './services';

/**
 * Said when a command needs an account and none fits: with a button that starts connecting one, since that is
 * the only way forward. `someConnected`: accounts exist, but none of their clouds can do this.
 */
export function offerConnectCloud(services: Services, someConnected = false): void {
  const connect = l10n.t('Connect a GPU Cloud');
  const message = someConnected
    ? l10n.t('None of your connected clouds can do this. Connect a GPU cloud that can.')
    : l10n.t('Connect a GPU cloud first.');
  void services.workbench.showInfo(message, connect).then((choice) => {
    if (choice === connect) void services.workbench.executeCommand('gpuPods.connectCloud');
  });
}
