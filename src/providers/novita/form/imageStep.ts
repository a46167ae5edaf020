import type { PickField } from '../../../core/createForm';
import { DEFAULT_IMAGE, type NovitaCatalog, str, TEMPLATE_PREFIX } from './catalog';
import type { NovitaPrivateImages } from './privateImage';
import { l10n } from '../../../core/l10n';

export function validateImage(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return l10n.t('Enter an image, e.g. pytorch/pytorch:latest.');
  if (v.length > 500) return l10n.t('The image URL may be at most 500 characters.');
  if (/\s/.test(v)) return l10n.t('The image URL may not contain spaces.');
  return undefined;
}

/** PyTorch by default, images GPU Pods saved, the account's and Novita's templates, or any image typed in. */
export function imageStep(cat: NovitaCatalog, priv: NovitaPrivateImages): PickField {
  return {
    kind: 'pick',
    id: 'image',
    title: l10n.t('Image or template'),
    optional: {
      what: l10n.t('Templates'),
      without: { label: 'PyTorch', description: DEFAULT_IMAGE, value: DEFAULT_IMAGE },
    },
    async options(_a, signal) {
      const [list, saved] = await Promise.all([cat.loadTemplates(signal), priv.savedOptions(signal)]);
      return [
        { label: 'PyTorch', description: DEFAULT_IMAGE, value: DEFAULT_IMAGE, picked: true },
        ...saved,
        ...list
          .filter((t) => str(t.image))
          .map((t) => ({
            label: str(t.name) ?? t.id,
            description: `${str(t.channel) ?? 'template'} · ${str(t.image)}`,
            value: TEMPLATE_PREFIX + t.id,
          })),
      ];
    },
    allowCustom: { prompt: l10n.t('Docker image, e.g. nvcr.io/nvidia/pytorch:24.05-py3'), validate: validateImage },
  };
}
