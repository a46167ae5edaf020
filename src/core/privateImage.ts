import { l10n } from './l10n';

/**
 * Whether an image needs a registry credential. No cloud can be asked: both document a private image only as
 * one the user supplies a credential for (Yotta `imagePublicType: PRIVATE` with `containerRegistryAuthId`;
 * Novita "required for private images; not required for public images or platform images"). So GPU Pods decides:
 * an image on a registry other than the public ones below is taken as private unless the user answers that it is
 * public; an image GPU Pods saved with a credential is private, whatever the user answers.
 */

/** Registries that serve public images without logging in. */
export const PUBLIC_REGISTRIES: readonly string[] = [
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'ghcr.io',
  'nvcr.io',
  'quay.io',
  'gcr.io',
  'public.ecr.aws',
  'registry.k8s.io',
  'mcr.microsoft.com',
];

/** The registry host of an image reference (Docker's rule: a first part with a dot or a port, or localhost). */
export function registryHost(image: string): string {
  const ref = image.trim().replace(/^[a-z]+:\/\//i, '');
  const slash = ref.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = ref.slice(0, slash);
  return /[.:]/.test(first) || first === 'localhost' ? first.toLowerCase() : 'docker.io';
}

export function onPublicRegistry(image: string): boolean {
  const host = registryHost(image).replace(/:\d+$/, '');
  return PUBLIC_REGISTRIES.includes(host) || PUBLIC_REGISTRIES.some((p) => host.endsWith(`.${p}`));
}

/** What is known about the image before the credential step. */
export interface ImageFacts {
  image: string;
  /**
   * Saved by GPU Pods: with a credential it is private for sure; without one it went to a registry that needed
   * none (Novita: "omit for public or platform registries"), so it needs none to be pulled either.
   */
  saved?: { credentialId?: string };
}

/** The credential step's answer: a credential id, "public" (the user said so), or none given at all. */
export type CredentialAnswer = { credentialId: string } | 'public' | undefined;

/**
 * Why this create must not be sent, or undefined. `unavailable` says why no credential could be chosen (the list
 * could not be read, an API version that takes none), for the sentence the user sees.
 */
export function privateImageProblem(
  facts: ImageFacts,
  answer: CredentialAnswer,
  unavailable?: string,
): string | undefined {
  if (answer && answer !== 'public') return undefined;
  if (facts.saved && !facts.saved.credentialId) return undefined;
  const saved = !!facts.saved;
  if (!saved && (answer === 'public' || onPublicRegistry(facts.image))) return undefined;
  const why = saved
    ? l10n.t('it was saved to a private registry with a credential')
    : l10n.t('{0} is not a public registry', registryHost(facts.image));
  return unavailable
    ? l10n.t('"{0}" needs a registry credential ({1}), and none can be given: {2}', facts.image, why, unavailable)
    : l10n.t('"{0}" needs a registry credential ({1}): pick one or add one in the image step', facts.image, why);
}
