import { type CloudInfo, UNDOCUMENTED_LIMIT } from '../cloudInfo';
import { l10n } from '../../core/l10n';

export const novita: CloudInfo<'novita'> = {
  id: 'novita',
  displayName: 'Novita AI',
  keyHelp: l10n.t('Novita console → Key Management'),
  keyPlaceholder: l10n.t('Novita API key'),
  baseUrls: { base: 'https://api.novita.ai/gpu-instance/openapi/v1' },
  accountOptions: [],
  settingOptions: [],
  // Novita documents RATE_LIMIT_EXCEEDED (HTTP 429) for the GPU instance API but no figure.
  rateLimit: UNDOCUMENTED_LIMIT,
  // Where Novita's own docs send a user with too little balance (novitalabs/novita-skills common-issues.md).
  billingPage: 'https://novita.ai/billing',
  // What its provider can do, for the palette before any cloud code loads (checked against the provider).
  palette: {
    stopWord: 'stop',
    podActions: ['stop', 'start', 'restart', 'terminate'],
    vms: false,
    volumes: true,
    endpoints: false,
    ports: true,
    alerts: false,
    credentials: true,
    imageSaves: true,
  },
};
