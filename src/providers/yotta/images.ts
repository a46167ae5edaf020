/**
 * Yotta's create body names the registry apart from the image (`imageRegistry`: "Docker registry URL, default
 * Docker Hub"; a pod answers `image: "pytorch/pytorch:…"` next to `imageRegistry`). An image reference that
 * starts with a registry host (Docker's rule: the first part has a dot or a port, or is localhost) is split;
 * Docker Hub references are sent as they are, without a registry (the documented default).
 */
const DOCKER_HUB = /^(index\.|registry-1\.)?docker\.io$/i;

export function splitImage(ref: string): { registry?: string; image: string } {
  const slash = ref.indexOf('/');
  if (slash <= 0) return { image: ref };
  const first = ref.slice(0, slash);
  if (!/[.:]/.test(first) && first !== 'localhost') return { image: ref };
  const rest = ref.slice(slash + 1);
  return DOCKER_HUB.test(first) ? { image: rest } : { registry: first, image: rest };
}

/** The image as the user would write it, from a pod answer (registry URL or host, plus image). */
export function joinImage(registry: string | null | undefined, image: string): string {
  const host = (registry ?? '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/v\d+\/?$/i, '')
    .replace(/\/+$/, '');
  if (!host || DOCKER_HUB.test(host)) return image;
  return `${host}/${image}`;
}
