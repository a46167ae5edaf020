import { ConfigError } from './errors';

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
    throw new ConfigError(`The setting ${settingName} is not a valid URL.`, { setting: settingName });
  }
  const loopback = LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `The setting ${settingName} must be an https:// URL (plain http is allowed only on localhost).`,
      { setting: settingName },
    );
  }
  if (url.username || url.password) {
    throw new ConfigError(`The setting ${settingName} must not contain credentials.`, { setting: settingName });
  }
  return url.toString().replace(/\/+$/, '');
}
