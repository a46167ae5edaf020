/**
 * GPUGeek takes instance and operation ids as JSON integers (Int64), but ids beyond 2^53 cannot be
 * JS numbers and HttpClient serialises bodies with JSON.stringify. So such ids travel as a marked string
 * and this fetch wrapper rewrites the marked string into bare digits just before the request leaves.
 */
const MARK = '__gpugeek_int64__';
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, 'g');

/** A safe integer goes as a number; a bigger one as a marked string that int64Fetch unquotes. */
export function int64(id: string): number | string {
  if (!/^-?\d+$/.test(id)) return id; // not numeric: send as it is and let the cloud judge
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : `${MARK}${id}`;
}

/** For log lines: the marked form reads as the plain id. */
export function unmarkInt64(text: string): string {
  return text.split(MARK).join('');
}

export function int64Fetch(base?: typeof fetch): typeof fetch {
  const inner = base ?? globalThis.fetch.bind(globalThis);
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    if (input instanceof Request && input.body !== null) {
      const text = await input.clone().text();
      if (text.includes(MARK)) {
        return inner(new Request(input, { body: text.replace(MARKED, '$1') }), init);
      }
    }
    return inner(input, init);
  };
}
