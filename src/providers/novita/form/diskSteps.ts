import type { FormField } from '../../../core/createForm';
import type { Limits, NovitaCatalog } from './catalog';
import { l10n } from '../../../core/l10n';

const inRange = (label: string, lim: Limits) => (value: string) => {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n)) return l10n.t('{0} must be a whole number of GB.', label);
  return n < lim.min || n > lim.max
    ? l10n.t('{0} must be between {1} and {2} GB.', label, lim.min, lim.max)
    : undefined;
};

/** Root disk (at least what the template asks, 30 GB by default) and the local disk at /workspace. */
export function diskSteps(cat: NovitaCatalog): FormField[] {
  const { rootLimits, localLimits, template } = cat;
  return [
    {
      kind: 'number',
      id: 'rootfsSize',
      title: l10n.t('Root disk (GB)'),
      prompt: l10n.t('Root filesystem size in GB'),
      initial: (a) =>
        String(Math.min(rootLimits(a).max, Math.max(rootLimits(a).min, template(a)?.rootfsSize ?? 0, 30))),
      validate: (v, a) => inRange(l10n.t('Root disk'), rootLimits(a))(v),
    },
    {
      kind: 'number',
      id: 'diskSize',
      title: l10n.t('Local disk (GB)'),
      prompt: l10n.t('Local disk mounted at /workspace, in GB'),
      initial: (a) => String(localLimits(a).min),
      validate: (v, a) => inRange(l10n.t('Local disk'), localLimits(a))(v),
    },
  ];
}
