import type { GpuOffer } from '../../../core/model';
import type { SummaryLine } from '../../../core/createForm';
import { gpuLine, orderedSummary } from '../../../core/formSteps/summary';
import type { PodSpec } from '../pods';
import { NO_PRICE } from './stock';
import { l10n } from '../../../core/l10n';

/** Names for what the spec sends by id: the summary shows names. */
export interface PodNames {
  /** The picked registry credential's name. */
  credential?: string;
  /** The picked existing volume's name. */
  volume?: string;
}

/** What the pod wizard's summary shows for the spec it will send. */
export function podSummary(
  s: PodSpec,
  offer: GpuOffer | undefined,
  volume: string,
  v1: boolean,
  names: PodNames = {},
  /** The environment step's lines (form/envStep.ts): the variables from the answers, secrets masked. */
  env: readonly SummaryLine[] = [],
): SummaryLine[] {
  const region = s.regions[0];
  const regionName = offer?.regions.find((r) => r.id === region)?.name ?? region;
  const volText =
    volume === 'none'
      ? l10n.t('none')
      : volume === 'new'
        ? l10n.t('new, {0} GB at {1}', String(s.newVolumeGb), String(s.mountPath))
        : l10n.t('{0} at {1}', names.volume ?? volume.slice(4), String(s.mountPath));
  return orderedSummary(
    {
      gpu: { value: gpuLine(offer?.gpuName ?? s.gpuType, s.gpuCount, offer?.vramGb), fieldId: 'gpu' },
      image: { value: s.image, fieldId: 'image' },
      region: { value: regionName ?? l10n.t('any'), fieldId: 'region' },
      price: { value: NO_PRICE },
      name: { value: s.name, fieldId: 'name' },
    },
    [
      !!s.containerRegistryAuthId && {
        label: l10n.t('Registry credential'),
        value: names.credential ?? s.containerRegistryAuthId,
        fieldId: 'registryAuth',
      },
      {
        label: l10n.t('Container disk'),
        value: l10n.t('{0} GB', String(s.containerVolumeInGb)),
        fieldId: 'containerDisk',
      },
      !v1 && { label: l10n.t('Persistent volume'), value: volText, fieldId: 'volume' },
      {
        label: l10n.t('Ports'),
        value: s.expose.map((p) => `${p.port}/${p.protocol}`).join(', ') || l10n.t('none'),
        fieldId: 'ports',
      },
      ...env,
      { label: l10n.t('SSH'), value: sshLine(s) },
    ],
  );
}

/** Yotta takes no key through its API: the key rides along as PUBLIC_KEY, which Yotta's own images install. */
function sshLine(s: PodSpec): string {
  if (!s.expose.some((p) => p.protocol === 'SSH')) return l10n.t('no SSH port exposed');
  if (!s.publicKey) return l10n.t('no public key to install (key login will fail)');
  return s.image.startsWith('yottalabsai/') || s.image.startsWith('yottalabs/')
    ? l10n.t('your public key is installed at start (PUBLIC_KEY)')
    : l10n.t("your public key is passed as PUBLIC_KEY; the image must install it (Yotta's official images do)");
}
