import type { FormField, PickOption } from '../../../core/createForm';
import { cleanMessage, type GpuGeekApi } from '../api';
import { BILLING } from '../mapping';
import { PRICE_UNIT, SKUS } from './createBody';
import { l10n } from '../../../core/l10n';

export function intIn(value: string, min: number, max: number, what: string): string | undefined {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= min && n <= max
    ? undefined
    : l10n.t('{0} must be a whole number from {1} to {2}.', what, min, max);
}

/** GPU type, count, datacenter (any by default) and billing kind. */
export function machineSteps(api: GpuGeekApi): FormField[] {
  return [
    {
      kind: 'pick',
      id: 'gpuName',
      title: l10n.t('GPU type'),
      options: async (_a, signal) => (await api.gpus(signal)).map((g) => ({ label: cleanMessage(g), value: g })),
    },
    {
      kind: 'number',
      id: 'gpuNum',
      title: l10n.t('GPU count'),
      prompt: l10n.t('How many GPUs (1–8)'),
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
        ...(await api.datacenters(signal)).map((d) => ({
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
