/**
 * Clouds send ids beyond 2^53 as bare JSON numbers. The simulator keeps them as strings and writes them
 * back as bare digits, exactly as the real API would, so the client's exact parsing is really tested.
 */
const MARK = '\u0000rawnum:';

export class RawNumber {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return MARK + this.digits;
  }
}

/** `raw("362740422811062272")` serialises as the bare number 362740422811062272. */
export function raw(digits: string): RawNumber {
  return new RawNumber(digits);
}

export function stringify(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000rawnum:(-?\d+)"/g, '$1');
}

/** Big-int-safe parse of request bodies (the same trick as the extension, written separately on purpose). */
export function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'));
}
