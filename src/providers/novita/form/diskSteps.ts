import type { FormField } from '../../../core/createForm';
import type { Limits, NovitaCatalog } from './catalog';
import { l10n } from '../../../core/l10n';

const inRange = (label: string, lim: Limits) => (value: string) => {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isInteger(n)) return `${label} must be a whole number of GB.`;
  return n < lim.min || n > lim.max ? `${label} must be between ${lim.min} and ${lim.max} GB.` : undefined;
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
      validate: (v, a) => inRange('Root disk', rootLimits(a))(v),
    },
    {
      kind: 'number',
      id: 'diskSize',
      title: l10n.t('Local disk (GB)'),
      prompt: l10n.t('Local disk mounted at /workspace, in GB'),
      initial: (a) => String(localLimits(a).min),
      validate: (v, a) => inRange('Local disk', localLimits(a))(v),
    },
  ];
}
