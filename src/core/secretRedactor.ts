import type { Logger } from './logger';

/** Shorter values would blank ordinary words and numbers all over the log; field-name redaction still covers them. */
const MIN_LENGTH = 4;
/** Values learned from bodies must be longer still: token-named fields also carry words like "none" or "true". */
const MIN_LEARNED_LENGTH = 6;
/** Values learned from bodies are capped (the oldest go first); the key and values added on purpose stay. */
const MAX_LEARNED = 500;
/** Field names whose string values are credentials worth remembering (not public keys or "auth type" words). */
const SECRET_FIELD = /pass(word)?|pwd|token|secret|api[-_]?key|credential/i;
/** Credentials inside URLs (`…/lab?token=abc`). */
const SECRET_PARAM = /[?&#](?:token|password|pwd|pass|api_?key)=([^&#\s"']+)/gi;

export const MASK = '***';

/** The small part providers see (`deps.secrets`): tell the account's redactor about a value they learned. */
export interface SecretValues {
  add(value: string | undefined | null): void;
}

/**
 * The secret values of one account — its API key, the pod passwords and Jupyter tokens met so far — scrubbed
 * from any text by value. Field-name redaction (redact.ts) misses a key a cloud echoes inside an error message.
 */
export class SecretRedactor implements SecretValues {
  /** Every form a value may take in our output: as is, JSON-escaped, URL-encoded. */
  private readonly forms = new Map<string, string[]>();
  /** Learned values, oldest first; the only ones ever dropped. */
  private readonly learned = new Set<string>();
  private pattern?: RegExp;

  add(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.trim().length < MIN_LENGTH) return;
    this.learned.delete(value); // added on purpose: kept for good, even if it was learned first
    if (this.forms.has(value)) return;
    if (value.trim() !== value) this.add(value.trim()); // a pasted key keeps its newline; headers carry it trimmed
    const forms = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
    this.forms.set(value, [...forms]);
    this.pattern = undefined;
  }

  has(value: string): boolean {
    return this.forms.has(value);
  }

  /** Remembers string values under password/token-named fields, in env pairs and in URL credentials. */
  learn(body: unknown, depth = 0): void {
    if (typeof body === 'string') {
      for (const m of body.matchAll(SECRET_PARAM)) this.addLearned(safeDecode(m[1]));
      return;
    }
    if (depth > 8 || body === null || typeof body !== 'object') return;
    if (Array.isArray(body)) {
      for (const item of body.slice(0, 1000)) this.learn(item, depth + 1);
      return;
    }
    const record = body as Record<string, unknown>;
    const pairName =
      typeof record.key === 'string' ? record.key : typeof record.name === 'string' ? record.name : undefined;
    for (const [k, v] of Object.entries(record)) {
      const named = SECRET_FIELD.test(k) || (k === 'value' && pairName !== undefined && SECRET_FIELD.test(pairName));
      if (named && typeof v === 'string') this.addLearned(v);
      this.learn(v, depth + 1);
    }
  }

  scrub(text: string): string {
    if (this.forms.size === 0 || text === '') return text;
    this.pattern ??= new RegExp(
      [...this.forms.values()]
        .flat()
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, MASK);
  }

  /** True when any known value appears in `text` (cheap check before a deep copy). */
  appearsIn(text: string): boolean {
    return this.forms.size > 0 && this.scrub(text) !== text;
  }

  /** A deep copy with every string (and object key) scrubbed. */
  scrubValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.scrub(value);
    if (depth > 32 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[this.scrub(k)] = this.scrubValue(v, depth + 1);
    return out;
  }

  /** Scrubs the error's message, stack and string fields (details, code) in place and returns it. */
  scrubError<E>(error: E): E {
    if (!(error instanceof Error) || this.forms.size === 0) return error;
    const fields = error as unknown as Record<string, unknown>;
    for (const field of ['message', 'stack', 'details', 'code']) {
      const v = fields[field];
      if (typeof v === 'string') {
        const clean = this.scrub(v);
        const own = Object.getOwnPropertyDescriptor(error, field);
        if (clean === v || (own && !own.configurable && !own.writable)) continue;
        Object.defineProperty(error, field, {
          value: clean,
          writable: true,
          configurable: true,
          enumerable: own?.enumerable ?? false,
        });
      }
    }
    return error;
  }

  /** The logger with every line (and string or error argument) scrubbed. */
  logger(inner: Logger): Logger {
    const arg = (a: unknown) =>
      typeof a === 'string' ? this.scrub(a) : a instanceof Error ? this.scrubError(a) : this.scrubValue(a);
    const args = (a: unknown[]) => a.map(arg);
    return {
      trace: (m, ...a) => inner.trace(this.scrub(m), ...args(a)),
      debug: (m, ...a) => inner.debug(this.scrub(m), ...args(a)),
      info: (m, ...a) => inner.info(this.scrub(m), ...args(a)),
      warn: (m, ...a) => inner.warn(this.scrub(m), ...args(a)),
      error: (m, ...a) => inner.error(typeof m === 'string' ? this.scrub(m) : this.scrubError(m), ...args(a)),
    };
  }

  private addLearned(value: string): void {
    if (value.trim().length < MIN_LEARNED_LENGTH || this.forms.has(value)) return;
    this.add(value);
    this.learned.add(value);
    if (this.learned.size > MAX_LEARNED) {
      const oldest = this.learned.values().next().value as string;
      this.learned.delete(oldest);
      this.forms.delete(oldest);
    }
  }
}

/** The values an auth header carries: the whole value and, for `Bearer x`, the token alone. */
export function headerSecrets(headers: Record<string, string>): string[] {
  return Object.values(headers).flatMap((v) => {
    const bearer = /^(?:Bearer|Token|Basic)\s+(.+)$/i.exec(v.trim());
    return bearer ? [v, bearer[1]] : [v];
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
