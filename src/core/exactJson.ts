/**
 * JSON.parse turns 362740422811062272 into 362740422811062300. Clouds send such ids as bare numbers,
 * so before parsing we quote every integer literal that is beyond Number.MAX_SAFE_INTEGER. Only tokens
 * outside strings are touched; schemas then accept ids as string or number and keep the string.
 */
const SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER).length; // 16

export function parseJsonExact(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      const token = text.slice(start, i);
      if (
        /^-?\d+$/.test(token) &&
        token.replace('-', '').length >= SAFE_DIGITS &&
        !Number.isSafeInteger(Number(token))
      ) {
        out += text.slice(last, start) + '"' + token + '"';
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}
