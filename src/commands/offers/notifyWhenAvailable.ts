import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import { pickOne } from '../../ui/pickOne';
import { pickAccount } from '../pickTarget';
import type { Services } from '../services';

/** For a sold-out GPU: ask the cloud to tell the user when it is back (NeevCloud availability alerts). */
export async function notifyWhenAvailable(services: Services, arg?: unknown): Promise<void> {
  const account = await pickAccount(services, arg, (a) => services.data.snapshot(a.id)?.capabilities?.alerts !== false);
  const provider = await services.providers.get(account);
  if (!provider.alerts) {
    void services.workbench.showInfo(l10n.t('This cloud has no availability alerts.'));
    throw new CancelledError();
  }
  const offers = await provider.listOffers();
  const soldOut = offers.flatMap((o) =>
    o.regions
      .filter((r) => !r.available)
      .map((r) => ({
        label: displayText(o.gpuName),
        description: displayText(
          [o.vramGb ? l10n.t('{0} GB', o.vramGb) : undefined, r.name].filter(Boolean).join(' · '),
        ),
        value: { offerId: o.id, regionId: r.id, name: displayText(l10n.t('{0} in {1}', o.gpuName, r.name)) },
      })),
  );
  const choice = await pickOne(
    services.ui,
    { id: 'soldOutOffer', title: l10n.t('Notify me when this GPU is available'), items: soldOut },
    { whenEmpty: () => void services.workbench.showInfo(l10n.t('Nothing is sold out right now.')) },
  );
  const result = await provider.alerts.register(choice.regionId, choice.offerId);
  void services.workbench.showInfo(
    result === 'registered'
      ? l10n.t('You will get an e-mail from the cloud when {0} is available.', displayText(choice.name))
      : l10n.t('An alert for {0} was already registered.', displayText(choice.name)),
  );
}
