import { endpointAllows, volumeAllows } from '../core/capabilities';
import { displayText } from '../core/displayText';
import { CancelledError } from '../core/errors';
import { l10n } from '../core/l10n';
import type { Volume, Endpoint } from '../core/model';
import type { EndpointAction, Provider, VolumeAction } from '../core/provider';
import type { Account } from '../services/accounts';
import { pickOne } from '../ui/pickOne';
import { clickedRow, pickAccount } from './pickTarget';
import type { Services } from './services';

/**
 * A volume from its tree node or picked from an account that has volumes, among those whose state allows the
 * action: the same `volumeAllows` the tree's menu flags ask.
 */
export async function pickVolume(
  services: Services,
  arg: unknown,
  action: VolumeAction,
): Promise<{ account: Account; provider: Provider; volume: Volume }> {
  const row = clickedRow(arg);
  if (row?.type === 'volume' && row.account && row.volume)
    return { account: row.account, provider: await services.providers.get(row.account), volume: row.volume };
  const account = await pickAccount(services, undefined, (a) => !!services.data.snapshot(a.id)?.capabilities?.volumes);
  const provider = await services.providers.get(account);
  if (!provider.volumes) throw new CancelledError();
  const volumes = (await provider.volumes.list()).filter((v) => volumeAllows(action, v));
  if (volumes.length === 0) {
    void services.workbench.showInfo(l10n.t('No volume where this can be done right now.'));
    throw new CancelledError();
  }
  const volume = await pickOne(services.ui, {
    id: 'volume',
    title: l10n.t('Choose a volume'),
    items: volumes.map((v) => ({
      label: displayText(v.name || v.id),
      description: displayText(
        [v.sizeGb ? l10n.t('{0} GB', v.sizeGb) : '', v.region, v.status].filter(Boolean).join(' · '),
      ),
      value: v,
    })),
  });
  return { account, provider, volume };
}

export async function pickEndpoint(
  services: Services,
  arg: unknown,
  action: EndpointAction,
): Promise<{ account: Account; provider: Provider; endpoint: Endpoint }> {
  const row = clickedRow(arg);
  if (row?.type === 'endpoint' && row.account && row.endpoint)
    return { account: row.account, provider: await services.providers.get(row.account), endpoint: row.endpoint };
  const account = await pickAccount(
    services,
    undefined,
    (a) => !!services.data.snapshot(a.id)?.capabilities?.endpoints,
  );
  const provider = await services.providers.get(account);
  const endpoints = ((await provider.endpoints?.list()) ?? []).filter((e) => endpointAllows(action, e));
  if (endpoints.length === 0) {
    void services.workbench.showInfo(l10n.t('No serverless endpoint where this can be done right now.'));
    throw new CancelledError();
  }
  const endpoint = await pickOne(services.ui, {
    id: 'endpoint',
    title: l10n.t('Choose an endpoint'),
    items: endpoints.map((e) => ({
      label: displayText(e.name || e.id),
      description: displayText(e.rawStatus),
      value: e,
    })),
  });
  return { account, provider, endpoint };
}
