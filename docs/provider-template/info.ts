// → src/providers/mycloud/info.ts. The cloud's static facts: no client code (this file is in the main
// bundles; the build's bundle guard fails when anything else of the folder is). Text a person reads goes
// through l10n.t (then `npm run l10n`); names (displayName) and URLs do not.
import { l10n } from '../../core/l10n';
import { type CloudInfo, UNDOCUMENTED_LIMIT } from '../cloudInfo';

export const mycloud: CloudInfo<'mycloud'> = {
  id: 'mycloud',
  displayName: 'My Cloud',
  keyHelp: l10n.t('My Cloud console → API keys'),
  keyPlaceholder: l10n.t('My Cloud API key'),
  // Each name is the setting gpuPods.mycloud.<name>Url (package.json, settings.json in this folder).
  baseUrls: { base: 'https://api.mycloud.example/v1' },
  accountOptions: [],
  settingOptions: [],
  // Cite the cloud's documented limits here; UNDOCUMENTED_LIMIT when it publishes none.
  rateLimit: UNDOCUMENTED_LIMIT,
  // What index.ts can do, for the command palette before any cloud code loads. Must equal what its operations
  // give: test/unit/registry/paletteFacts.test.ts says which field is off.
  palette: {
    stopWord: 'stop',
    podActions: ['terminate'],
    vms: false,
    volumes: false,
    endpoints: false,
    ports: false,
    alerts: false,
    credentials: false,
    imageSaves: false,
  },
};
