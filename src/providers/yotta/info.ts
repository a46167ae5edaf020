import type { CloudInfo } from '../cloudInfo';
import { l10n } from '../../core/l10n';

export const yotta: CloudInfo<'yotta'> = {
  id: 'yotta',
  displayName: 'Yotta Labs',
  keyHelp: l10n.t('Yotta Console → Settings → Access Keys'),
  keyPlaceholder: l10n.t('Yotta API key'),
  baseUrls: { base: 'https://api.yottalabs.ai' },
  accountOptions: [],
  settingOptions: ['apiVersion'],
  // "Max Requests / Minute: 60–120 (depending on plan)", "Concurrent Pod Operations: up to 5 simultaneous per
  // API key" (Yotta API guide, Rate Limits & Best Practices). We cannot read the plan, so the lowest holds.
  rateLimit: { perMinute: 60, concurrentOperations: 5 },
  keyLoginHint: l10n.t(
    "Yotta Labs takes a key only when a pod is created (GPU Pods sends it as PUBLIC_KEY, which Yotta's official images install). For this pod, in the Yotta console: pause it, choose Edit, add the environment variable PUBLIC_KEY with your public key, and run it again; or append the key to ~/.ssh/authorized_keys from the pod's terminal.",
  ),
  // What its provider can do, for the palette before any cloud code loads (checked against the provider).
  palette: {
    stopWord: 'pause',
    podActions: ['stop', 'start', 'terminate'],
    vms: true,
    volumes: true,
    endpoints: true,
    ports: false,
    alerts: false,
    credentials: true,
    imageSaves: false,
  },
};
