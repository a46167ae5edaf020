/**
 * GPUGeek takes instance and operation ids as JSON integers (Int64), but ids beyond 2^53 cannot be
 * JS numbers and JSON.stringify has no way to write bare digits. So such ids travel as a marked string
 * and int64Json, the client's body serialiser, writes the marked string as bare digits.
 */
const MARK = '__gpugeek_int64__';
const MARKED = new RegExp(`"${MARK}(-?\\d+)"`, 'g');

/** A safe integer goes as a number; a bigger one as a marked string that int64Json unquotes. */
export function int64(id: string): number | string {
  if (!/^-?\d+$/.test(id)) return id; // not numeric: send as it is and let the cloud judge
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : `${MARK}${id}`;
}

/** For log lines: the marked form reads as the plain id. */
export function unmarkInt64(text: string): string {
  return text.split(MARK).join('');
}

/** JSON.stringify, with every marked id written as the bare integer GPUGeek expects. */
export function int64Json(body: unknown): string {
  return JSON.stringify(body).replace(MARKED, '$1');
}
