import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import { CLOUDS } from '../../providers/clouds';
import { pickOne } from '../../ui/pickOne';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';
import { alertItems } from './alertItems';

/**
 * For a sold-out GPU: ask the cloud to tell the user when it is back (NeevCloud availability alerts). The alerts
 * already registered are listed first, read from the cloud each time: they live in the cloud, and are looked at
 * when one thinks about sold-out GPUs, so they are not polled with the tree. NeevCloud documents no way to remove
 * one; picking one says so.
 */
export async function notifyWhenAvailable(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg, (a) => services.data.snapshot(a.id)?.capabilities?.alerts !== false);
  const provider = await services.providers.get(account);
  const alerts = provider.alerts;
  if (!alerts) {
    void services.workbench.showInfo(l10n.t('This cloud has no availability alerts.'));
    throw new CancelledError();
  }
  const [offers, registered] = await Promise.all([
    provider.listOffers(),
    alerts.list
      ? alerts.list().catch((e: unknown) => ({ error: e instanceof Error ? e.message : String(e) }))
      : Promise.resolve([]),
  ]);
  const items = alertItems(offers, registered, (t) => new Date(t).toLocaleDateString());
  const choice = await pickOne(
    services.ui,
    { id: 'soldOutOffer', title: l10n.t('Notify me when this GPU is available'), items },
    { whenEmpty: () => void services.workbench.showInfo(l10n.t('Nothing is sold out right now.')) },
  );
  if (choice.kind === 'alert') {
    void services.workbench.showInfo(
      l10n.t(
        'The alert for {0} is {1}: {2} e-mails you when it is available. {2} documents no way to remove an alert.',
        choice.name,
        choice.status ?? l10n.t('registered'),
        CLOUDS[account.cloud].displayName,
      ),
    );
    return;
  }
  const result = await alerts.register(choice.regionId, choice.offerId);
  void services.workbench.showInfo(
    result === 'registered'
      ? l10n.t('You will get an e-mail from the cloud when {0} is available.', displayText(choice.name))
      : l10n.t('An alert for {0} was already registered.', displayText(choice.name)),
  );
}
