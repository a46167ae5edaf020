import { type CloudInfo, UNDOCUMENTED_LIMIT } from '../cloudInfo';
import { l10n } from '../../core/l10n';

export const gpugeek: CloudInfo<'gpugeek'> = {
  id: 'gpugeek',
  displayName: 'GPUGeek',
  keyHelp: l10n.t('GPUGeek Account Center → OpenAPI Key (enterprise accounts)'),
  keyPlaceholder: l10n.t('GPUGeek API token'),
  baseUrls: { base: 'https://api-cloud.gpugeek.com' },
  accountOptions: [],
  settingOptions: [],
  // GPUGeek's OpenAPI document states no limits.
  rateLimit: UNDOCUMENTED_LIMIT,
  // What its provider can do, for the palette before any cloud code loads (checked against the provider).
  palette: {
    stopWord: 'stop',
    podActions: ['stop', 'start', 'restart', 'terminate'],
    vms: false,
    volumes: false,
    endpoints: false,
    ports: true,
    alerts: false,
    credentials: false,
    imageSaves: false,
  },
};
