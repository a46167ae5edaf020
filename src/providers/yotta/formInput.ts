/** Validation and parsing of the wizard's free-text answers; pure, so tests can hit every branch. */

import { slug } from '../../core/formSteps/names';
import { l10n } from '../../core/l10n';

export const DEFAULT_IMAGE = 'yottalabsai/pytorch:2.8.0-py3.11-cuda12.8.1-cudnn-devel-ubuntu22.04-2025050802';
export const DEFAULT_MOUNT_PATH = '/workspace';
export const CONTAINER_DISK = { min: 20, max: 4096, initial: 100 };
export const VOLUME_SIZE = { min: 1, max: 10240 };

export interface ExposedPort {
  port: number;
  protocol: 'SSH' | 'HTTP' | 'TCP';
}

// name[:tag][@digest], registry host optional; no spaces or shell characters.
const IMAGE_RE =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function validateImage(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter an image, e.g. yottalabsai/pytorch:latest.');
  if (v.length > 512) return l10n.t('The image reference is too long (at most 512 characters).');
  if (!IMAGE_RE.test(v)) return l10n.t('That is not a valid image reference (lowercase name, optional :tag).');
  return undefined;
}

export function validateName(value: string): string | undefined {
  const v = value.trim();
  if (v.length < 1 || v.length > 255) return l10n.t('The name must be 1–255 characters.');
  if (/[\u0000-\u001f\u007f]/.test(v)) return l10n.t('The name must not contain control characters.');
  return undefined;
}

export function validateIntRange(value: string, min: number, max: number, what: string): string | undefined {
  const v = value.trim();
  if (!/^\d+$/.test(v)) return l10n.t('{0} must be a whole number of GB.', what);
  const n = Number(v);
  if (n < min || n > max) return l10n.t('{0} must be between {1} and {2} GB.', what, min, max);
  return undefined;
}

export function validateMountPath(value: string): string | undefined {
  const v = value.trim();
  if (!/^\/[A-Za-z0-9._\-/]*$/.test(v) || v.includes('..'))
    return l10n.t('The mount path must be an absolute path such as /workspace.');
  return undefined;
}

/** "8080/http, 9000/tcp, 7000" → ports (tcp by default), or an error sentence. */
export function parsePorts(text: string): { ports: ExposedPort[] } | { error: string } {
  const ports: ExposedPort[] = [];
  for (const part of text.split(/[,\s]+/)) {
    if (!part) continue;
    const m = /^(\d{1,5})(?:\/(http|tcp|ssh))?$/i.exec(part);
    const port = m ? Number(m[1]) : NaN;
    if (!m || port < 1 || port > 65535)
      return { error: l10n.t('"{0}" is not a port such as 8080/http or 9000/tcp.', part.slice(0, 20)) };
    ports.push({ port, protocol: (m[2] ?? 'tcp').toUpperCase() as ExposedPort['protocol'] });
  }
  return { ports };
}

/** Portable default name: "h100-2x". */
export function defaultName(gpuName: string | undefined, count: number | undefined): string {
  return `${slug(gpuName ?? 'pod') || 'pod'}-${count ?? 1}x`;
}
