import { type Answers, answerStrings, answerString } from '../../../core/createForm';
import { validateMountPath } from '../formInput';
import { l10n } from '../../../core/l10n';

export const pickedVolumes = (answers: Answers): string[] => answerStrings(answers, 'volumes');

/** "/mnt/<volume name>", made path-safe. */
export function defaultMountPath(name: string | undefined, id: string): string {
  const slug = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `/mnt/${slug || `volume-${id}`}`;
}

/** Comma- or line-separated paths, one per picked volume in order; empty means the defaults. */
export function parseMountPaths(text: string, count: number): { paths?: string[]; error?: string } {
  const parts = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length !== count)
    return {
      error:
        count === 1
          ? l10n.t('Give 1 mount path, one per volume, in the order picked.')
          : l10n.t('Give {0} mount paths, one per volume, in the order picked.', count),
    };
  for (const p of parts) {
    const bad = validateMountPath(p);
    if (bad) return { error: `"${p.slice(0, 60)}": ${bad}` };
  }
  if (new Set(parts).size !== parts.length) return { error: l10n.t('Each volume needs its own mount path.') };
  return { paths: parts };
}

/** Volume id → mount path: the paths typed, or each volume's default. */
export function mountsOf(answers: Answers, volumeNames: Map<string, string>): Record<string, string> {
  const ids = pickedVolumes(answers);
  const given = parseMountPaths(answerString(answers, 'mountPaths') ?? '', ids.length).paths;
  const out: Record<string, string> = {};
  ids.forEach((id, i) => (out[id] = given?.[i] ?? defaultMountPath(volumeNames.get(id), id)));
  return out;
}
