import {
  AuthError,
  CloudError,
  CloudRefusal,
  type GpuPodsError,
  NotFoundError,
  RateLimitError,
} from '../../core/errors';
import { type HttpRequest, type HttpResponse, retryAfterMs } from '../../core/http';
import { l10n } from '../../core/l10n';
import type { Logger } from '../../core/logger';
import { zErrorBody } from './schemas';

export const CLOUD = 'Novita AI';
export const CREATE_PATH = '/gpu/instance/create';

/**
 * Answers to a create that Novita's error table (api-reference/basic-error-code, GPU section) documents
 * as a refused request — validation, stock, balance, quota, a missing product/image/template/storage —
 * so nothing was rented and the wizard may offer a retry. Any other failure (UNKNOWN 500, a lost answer,
 * an unreadable body) leaves the outcome open: the pod is looked up by name before any retry.
 */
export const NOTHING_CREATED = new Set([
  'VALIDATOR_PARAM',
  'INSUFFICIENT_RESOURCE',
  'BALANCE_NOT_ENOUGH',
  'CREATE_INSTANCE_LIMIT',
  'RESOURCE_NOT_FOUND',
  'IMAGE_NOT_FOUND',
  'TEMPLATE_NOT_FOUND',
  'NETWORK_STORAGE_NOT_FOUND',
]);

export function mapNovitaError(response: HttpResponse, req: HttpRequest): GpuPodsError | undefined {
  const parsed = zErrorBody.safeParse(response.body);
  const body = parsed.success ? parsed.data : {};
  const candidates = [body.reason, body.code, body.error].map((v) => (v === undefined || v === null ? '' : String(v)));
  const name = candidates.find((v) => /^[A-Z][A-Z0-9_]+$/.test(v)) ?? '';
  const said = [body.message, body.msg].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  const text = said ? clip(said) : undefined;
  const details = `HTTP ${response.status} ${name} for ${req.method} ${req.path}`;
  if (name === 'UNAUTHORIZED' || response.status === 401) {
    return new AuthError(l10n.t('{0} refused the API key{1}', CLOUD, text ? `: ${text}` : '.'), details);
  }
  if (name === 'FORBIDDEN' || response.status === 403) {
    return new AuthError(
      l10n.t('{0} does not allow this key to {1}{2}', CLOUD, req.what, text ? `: ${text}` : '.'),
      details,
    );
  }
  if (name === 'RATE_LIMIT_EXCEEDED' || response.status === 429) {
    return new RateLimitError(l10n.t('{0} is rate limiting requests.', CLOUD), retryAfterMs(response.headers), details);
  }
  // Only the generic name means "gone"; NETWORK_STORAGE_NOT_FOUND etc. explain a refused create instead.
  // On create it names a missing product/image, not a missing instance: keep the cloud's reason.
  if (name === 'RESOURCE_NOT_FOUND' && req.path !== CREATE_PATH) {
    return new NotFoundError(
      l10n.t('{0} could not find it ({1}){2}', CLOUD, req.what, text ? `: ${text}` : '.'),
      details,
    );
  }
  if (req.path === CREATE_PATH && NOTHING_CREATED.has(name) && response.status >= 400 && response.status < 500) {
    return new CloudRefusal(
      l10n.t('{0} refused to {1}: {2}', CLOUD, req.what, text ?? name),
      name,
      response.status,
      details,
    );
  }
  if (name) {
    return new CloudError(
      l10n.t('{0} refused to {1}: {2}', CLOUD, req.what, text ?? name),
      name,
      response.status,
      details,
    );
  }
  return undefined; // generic mapping by status
}

/**
 * The core trace log redacts secret-named fields, but Novita puts the Jupyter token inside an URL
 * (`connectComponentJupyter.address = …?token=…`). Scrub token-like query values from every log line.
 */
export function scrubbingLogger(logger: Logger): Logger {
  const scrub = (m: string) => m.replace(/([?&](?:token|password|pwd)=)[^&"\s]+/gi, '$1***');
  return {
    trace: (m, ...a) => logger.trace(scrub(m), ...a),
    debug: (m, ...a) => logger.debug(scrub(m), ...a),
    info: (m, ...a) => logger.info(scrub(m), ...a),
    warn: (m, ...a) => logger.warn(scrub(m), ...a),
    error: (m, ...a) => logger.error(typeof m === 'string' ? scrub(m) : m, ...a),
  };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 300 ? `${one.slice(0, 300)}…` : one;
}
