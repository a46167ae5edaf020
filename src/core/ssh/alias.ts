import { createHash } from 'node:crypto';
import { ConfigError } from '../errors';
import type { CloudId } from '../model';
import { l10n } from '../l10n';

/**
 * Host aliases: `gpupods-<cloud>-<slug of pod name>`. The alias is what the user sees in Remote-SSH's host
 * list and in window titles, so it is readable and stable; it is made only of [a-z0-9-] so it can never
 * carry a config keyword, a space or a newline from a cloud-supplied name.
 */

export const ALIAS_PREFIX = 'gpupods-';
const SLUG_MAX = 40;

export function slugify(name: string): string {
  const slug = String(name)
    .normalize('NFKD') // "Café" → "Cafe" + combining accent, which the next step drops
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return slug || 'pod';
}

export function baseAlias(cloud: CloudId, name: string): string {
  return `${ALIAS_PREFIX}${cloud}-${slugify(name)}`;
}

export interface PodRef {
  cloud: CloudId;
  id: string;
  name: string;
}

export function podKey(p: { cloud: CloudId; id: string }): string {
  return `${p.cloud}:${p.id}`;
}

/** A short, alias-safe tag derived from the pod id, used only to tell same-named pods apart. */
export function shortIdTag(id: string, long = false): string {
  const clean = id.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!long && clean.length >= 4) return clean.slice(-6);
  return createHash('sha256').update(id).digest('hex').slice(0, 8);
}

/**
 * Unique aliases for a set of pods. A pod keeps the alias it already has (from `existing`) while that alias
 * still fits its name, so Remote-SSH's recent list and open windows keep working; pods whose names slug to
 * the same base get `-<short id>` appended (all of them, except one that already holds the bare base).
 */
export function assignAliases(
  pods: readonly PodRef[],
  existing: ReadonlyArray<{ cloud: CloudId; podId: string; alias: string }> = [],
  claimed: (alias: string, cloud: CloudId) => boolean = () => false,
): Map<string, string> {
  const result = new Map<string, string>();
  const takenByUs = new Set<string>();
  // a name the user's own config claims is never ours: our Include comes first and would shadow their host
  const taken = {
    has: (alias: string, cloud: CloudId) => takenByUs.has(alias) || claimed(alias, cloud),
    add: (a: string) => takenByUs.add(a),
  };
  const previous = new Map(existing.map((e) => [podKey({ cloud: e.cloud, id: e.podId }), e.alias]));
  const inBatch = new Set(pods.map(podKey));
  // aliases of entries that are not in this batch stay reserved
  for (const e of existing) if (!inBatch.has(podKey({ cloud: e.cloud, id: e.podId }))) takenByUs.add(e.alias);
  const groupSize = new Map<string, number>();
  for (const p of pods) groupSize.set(baseAlias(p.cloud, p.name), (groupSize.get(baseAlias(p.cloud, p.name)) ?? 0) + 1);

  const fresh: PodRef[] = [];
  for (const pod of pods) {
    const base = baseAlias(pod.cloud, pod.name);
    const prev = previous.get(podKey(pod));
    const stillFits =
      prev !== undefined &&
      (prev === base ||
        prev.startsWith(`${base}-${shortIdTag(pod.id)}`) ||
        prev.startsWith(`${base}-${shortIdTag(pod.id, true)}`));
    if (stillFits && !taken.has(prev, pod.cloud)) {
      result.set(podKey(pod), prev);
      taken.add(prev);
    } else {
      fresh.push(pod);
    }
  }
  for (const pod of fresh) {
    const base = baseAlias(pod.cloud, pod.name);
    const long = shortIdTag(pod.id, true);
    const candidates = [
      ...(groupSize.get(base) === 1 ? [base] : []),
      `${base}-${shortIdTag(pod.id)}`,
      `${base}-${long}`,
      // a user pattern like `gpupods-yotta-my*` claims every name that starts with the pod's own slug
      `${ALIAS_PREFIX}${pod.cloud}-${long}`,
      `${ALIAS_PREFIX}${pod.cloud}-pod-${long}`,
    ];
    let alias = candidates.find((c) => !taken.has(c, pod.cloud));
    for (let n = 2; !alias && n < 1000; n++) {
      alias = [`${base}-${long}-${n}`, `${ALIAS_PREFIX}${pod.cloud}-pod-${long}-${n}`].find(
        (c) => !taken.has(c, pod.cloud),
      );
    }
    if (!alias)
      throw new ConfigError(
        l10n.t(
          'Every SSH alias GPU Pods could give "{0}" is taken by a Host line of your ssh config; nothing was written.',
          pod.name,
        ),
      );
    result.set(podKey(pod), alias);
    taken.add(alias);
  }
  return result;
}
