import type { Logger } from '../../core/logger';
import { unmarkInt64 } from './int64';

/**
 * The shared redaction hides secret-looking keys, but GPUGeek puts the Jupyter token inside a URL value
 * (`notebookUrl: …/lab?token=…`), which would reach the trace log. This logger scrubs such tokens.
 */
const TOKEN_IN_URL = /([?&#](?:token|password|pwd)=)[^&"'\s\\]+/gi;

export function scrub(message: string): string {
  return unmarkInt64(message.replace(TOKEN_IN_URL, '$1***'));
}

export function scrubbingLogger(inner: Logger): Logger {
  const wrap =
    (fn: (m: string, ...a: unknown[]) => void) =>
    (m: string, ...args: unknown[]) =>
      fn.call(inner, scrub(m), ...args);
  return {
    trace: wrap(inner.trace),
    debug: wrap(inner.debug),
    info: wrap(inner.info),
    warn: wrap(inner.warn),
    error: (m: string | Error, ...args: unknown[]) => inner.error(typeof m === 'string' ? scrub(m) : m, ...args),
  };
}
