import type { FormField, PickOption } from '../../../core/createForm';
import { gpuOption } from '../../../core/formSteps/gpus';
import { cleanMessage, type GpuGeekApi } from '../api';
import { BILLING, vramFromName } from '../mapping';
import { PRICE_UNIT, SKUS } from './createBody';
import type { GpuGeekLookups } from './lookups';
import { l10n } from '../../../core/l10n';

export function intIn(value: string, min: number, max: number, what: string): string | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= min && n <= max
    ? undefined
    : l10n.t('{0} must be a whole number from {1} to {2}.', what, min, max);
}

/**
 * GPU type, count, datacenter (any by default) and billing kind. GPUGeek's GPU list gives names only
 * ("G40-24G": the VRAM is in the name); price and machine are its dry run's, in the summary; stock and the
 * counts a GPU comes in are not published, so the count is typed and the dry run checks it.
 */
export function machineSteps(api: GpuGeekApi, look: GpuGeekLookups): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'gpuName',
      title: l10n.t('GPU'),
      options: async (_a, signal) =>
        (await api.gpus(signal)).map((g) =>
          gpuOption({ name: cleanMessage(g), vramGb: vramFromName(g), priceMissing: 'quotedAtCreate' }, g),
        ),
    },
    {
      kind: 'number',
      id: 'gpuNum',
      title: l10n.t('GPU count'),
      prompt: l10n.t('How many GPUs (1–8). GPUGeek publishes no list of counts; the summary checks it with a price.'),
      initial: () => '1',
      validate: (v) => intIn(v, 1, 8, l10n.t('The GPU count')),
    },
    {
      kind: 'pick',
      id: 'dcId',
      optional: {
        what: l10n.t('Datacenters'),
        without: { label: l10n.t('Any datacenter'), description: l10n.t('GPUGeek picks a machine'), value: '' },
      },
      title: l10n.t('Datacenter'),
      options: async (_a, signal) => [
        { label: l10n.t('Any datacenter'), description: l10n.t('GPUGeek picks a machine'), value: '', picked: true },
        ...(await look.datacenters(signal)).map((d) => ({
          label: cleanMessage(d.name) || d.dcId,
          description: d.dcId,
          value: d.dcId,
        })),
      ],
    },
    {
      kind: 'pick',
      id: 'skuName',
      title: l10n.t('Billing'),
      options: async () =>
        SKUS.map((s): PickOption => ({
          label: BILLING[s],
          description:
            s === 'payg' || s === 'bidding'
              ? l10n.t('billed by the hour')
              : l10n.t('prepaid for one {0}', PRICE_UNIT[s]),
          value: s,
          picked: s === 'payg',
        })),
    },
  ];
}
