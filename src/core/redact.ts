import { l10n } from './l10n';
/** Keys whose values are never logged, wherever they sit in a body or query. */
const SECRET_KEY = /pass(word)?|pwd|token|secret|api[-_]?key|authorization|auth|ssh[-_]?keys?|private/i;

export function redactValue(key: string, value: unknown): unknown {
  return SECRET_KEY.test(key) && value !== null && value !== undefined && value !== '' ? '***' : value;
}

/** A deep copy with every secret-looking field replaced by ***; for trace logs only. */
/** Credentials that clouds embed in URLs (`…/lab?token=abc`, `?password=`), scrubbed from any string. */
const SECRET_IN_TEXT = /([?&#](?:token|password|pwd|pass|key|api_key|apikey|auth)=)[^&#\s"']+/gi;

export function redactText(text: string): string {
  return text.replace(SECRET_IN_TEXT, '$1***');
}

/** Fields that carry a pod's environment (Novita `envs`, Yotta `environmentVars`, GPUGeek's `env` string). */
const ENV_FIELD = /^(envs?|environmentVars)$/i;

/**
 * Every value of an environment, whatever its name: a secret environment value need not be named like one,
 * and a cloud that echoes the environment back (Novita's instance answers) must not put it in the trace log.
 * Names stay, so the log still says which variables were sent.
 */
function redactEnv(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/^([^=\n]*)=.*$/gm, '$1=***');
  if (!Array.isArray(value)) return redact(value, 1);
  return value.map((pair: unknown) =>
    pair && typeof pair === 'object' && 'value' in pair ? { ...pair, value: '***' } : redact(pair, 1),
  );
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const record = value as Record<string, unknown>;
  // Environment-variable pairs ({key: "JUPYTER_PASSWORD", value}) hide the value by the pair's name.
  const pairName =
    typeof record.key === 'string' ? record.key : typeof record.name === 'string' ? record.name : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (ENV_FIELD.test(k)) {
      out[k] = redactEnv(v);
      continue;
    }
    const r = k === 'value' && pairName !== undefined ? redactValue(pairName, v) : redactValue(k, v);
    out[k] = r === '***' ? r : redact(v, depth + 1);
  }
  return out;
}

/** The URL with secret-looking query parameters replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const k of [...u.searchParams.keys()]) {
      if (SECRET_KEY.test(k)) u.searchParams.set(k, '***');
    }
    return u.toString();
  } catch {
    return l10n.t('(invalid url)');
  }
}
