import { displayText } from '../../core/displayText';
import { l10n } from '../../core/l10n';
import type { GpuOffer } from '../../core/model';
import type { AvailabilityAlert } from '../../core/provider';
import type { PickItem } from '../../ui/prompts';

/** What a line of "Notify Me When a GPU Is Available…" stands for: a registered alert, or a sold-out GPU. */
export type AlertChoice =
  | { kind: 'alert'; name: string; status?: string }
  | { kind: 'soldOut'; offerId: string; regionId: string; name: string };

const key = (offerId: string, regionId: string) => `${offerId}\n${regionId}`;

/** "H100 in Mumbai" from the offers when the alert's config is still listed, else the config id as the cloud sent it. */
function nameOf(offers: readonly GpuOffer[], offerId: string, regionId: string): string {
  const offer = offers.find((o) => o.id === offerId);
  const region = offer?.regions.find((r) => r.id === regionId)?.name ?? regionId;
  return displayText(l10n.t('{0} in {1}', offer?.gpuName ?? offerId, region));
}

/**
 * The account's alerts first (the cloud's status word, when it registered them), then the sold-out GPUs, one per
 * region; a sold-out GPU that already has an alert says so. An alert list that could not be read is one line
 * saying why, and registering still works.
 */
export function alertItems(
  offers: readonly GpuOffer[],
  alerts: readonly AvailabilityAlert[] | { error: string },
  formatDate: (epochMs: number) => string,
): PickItem<AlertChoice>[] {
  const yours = l10n.t('Your availability alerts');
  const registered = new Map<string, AvailabilityAlert>();
  const items: PickItem<AlertChoice>[] = [];
  if ('error' in alerts) {
    items.push({
      label: l10n.t('Your alerts could not be listed'),
      value: { kind: 'alert', name: '' },
      disabledReason: displayText(alerts.error),
      group: yours,
    });
  } else {
    for (const a of alerts) {
      registered.set(key(a.offerId, a.regionId), a);
      const name = nameOf(offers, a.offerId, a.regionId);
      items.push({
        label: `$(bell) ${name}`,
        description: [
          a.status ? displayText(a.status) : l10n.t('registered'),
          a.createdAt !== undefined ? l10n.t('since {0}', formatDate(a.createdAt)) : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
        value: { kind: 'alert', name, status: a.status ? displayText(a.status) : undefined },
        group: yours,
      });
    }
  }
  for (const o of offers)
    for (const r of o.regions.filter((x) => !x.available)) {
      const alert = registered.get(key(o.id, r.id));
      items.push({
        label: displayText(o.gpuName),
        description: displayText(
          [
            o.vramGb ? l10n.t('{0} GB', o.vramGb) : undefined,
            r.name,
            alert ? l10n.t('alert {0}', alert.status ?? l10n.t('registered')) : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        value: { kind: 'soldOut', offerId: o.id, regionId: r.id, name: nameOf(offers, o.id, r.id) },
        group: l10n.t('Sold out: notify me'),
      });
    }
  return items;
}
