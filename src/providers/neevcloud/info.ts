import { type CloudInfo, UNDOCUMENTED_LIMIT } from '../cloudInfo';
import { l10n } from '../../core/l10n';

export const neevcloud: CloudInfo<'neevcloud'> = {
  id: 'neevcloud',
  displayName: 'NeevCloud',
  keyHelp: l10n.t('NeevCloud console → personal access token (pat-nc-…)'),
  keyPlaceholder: l10n.t('NeevCloud personal access token'),
  baseUrls: { base: 'https://api.ai.neevcloud.com/gpu', inventory: 'https://api.ai.neevcloud.com/inventory' },
  accountOptions: [
    {
      id: 'orgId',
      title: l10n.t('Organisation id'),
      prompt: l10n.t('NeevCloud organisation id (from the console or `neev` CLI)'),
      required: true,
    },
    { id: 'projectId', title: l10n.t('Project id'), prompt: l10n.t('NeevCloud project id'), required: true },
  ],
  settingOptions: [],
  // NeevCloud's API reference states no limits.
  rateLimit: UNDOCUMENTED_LIMIT,
  // What its provider can do, for the palette before any cloud code loads (checked against the provider).
  palette: {
    stopWord: 'stop',
    podActions: ['terminate'],
    vms: false,
    volumes: false,
    endpoints: false,
    ports: false,
    alerts: true,
    credentials: false,
    imageSaves: false,
  },
};
