import type { GpuOffer } from '../../../core/model';
import type { SummaryLine } from '../../../core/createForm';
import type { PodSpec } from '../pods';
import { NO_PRICE } from './stock';

/** What the pod wizard's summary shows for the spec it will send. */
export function podSummary(s: PodSpec, offer: GpuOffer | undefined, volume: string, v1: boolean): SummaryLine[] {
  const lines: SummaryLine[] = [
    { label: 'Name', value: s.name },
    {
      label: 'GPU',
      value: `${offer?.gpuName ?? s.gpuType} × ${s.gpuCount}${offer?.vramGb ? ` (${offer.vramGb} GB VRAM each)` : ''}`,
    },
    { label: 'Region', value: s.regions[0] ?? 'any' },
    { label: 'Image', value: s.image },
    { label: 'Container disk', value: `${s.containerVolumeInGb} GB` },
    { label: 'Ports', value: s.expose.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none' },
    // Names only: values may be secrets (the Jupyter password is).
    { label: 'Environment', value: s.environmentVars.map((e) => e.key).join(', ') || 'none' },
    { label: 'SSH', value: sshLine(s) },
    { ...NO_PRICE },
  ];
  if (s.containerRegistryAuthId) lines.push({ label: 'Registry credential', value: s.containerRegistryAuthId });
  if (!v1) {
    const volText =
      volume === 'none'
        ? 'none'
        : volume === 'new'
          ? `new, ${s.newVolumeGb} GB at ${s.mountPath}`
          : `${volume.slice(4)} at ${s.mountPath}`;
    lines.push({ label: 'Persistent volume', value: volText });
  }
  return lines;
}

/** Yotta takes no key through its API: the key rides along as PUBLIC_KEY, which Yotta's own images install. */
function sshLine(s: PodSpec): string {
  if (!s.expose.some((p) => p.protocol === 'SSH')) return 'no SSH port exposed';
  if (!s.publicKey) return 'no public key to install (key login will fail)';
  return s.image.startsWith('yottalabsai/') || s.image.startsWith('yottalabs/')
    ? 'your public key is installed at start (PUBLIC_KEY)'
    : "your public key is passed as PUBLIC_KEY; the image must install it (Yotta's official images do)";
}
