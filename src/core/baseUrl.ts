import { ConfigError } from './errors';
import { l10n } from './l10n';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Base URLs come from settings. Keys travel in headers, so anything but https would leak them;
 * plain http is allowed only on loopback (the local simulator, an ssh tunnel).
 */
export function validateBaseUrl(value: string, settingName: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(l10n.t('The setting {0} is not a valid URL.', settingName), { setting: settingName });
  }
  const loopback = LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      l10n.t('The setting {0} must be an https:// URL (plain http is allowed only on localhost).', settingName),
      { setting: settingName },
    );
  }
  if (url.username || url.password) {
    throw new ConfigError(l10n.t('The setting {0} must not contain credentials.', settingName), {
      setting: settingName,
    });
  }
  return url.toString().replace(/\/+$/, '');
}
