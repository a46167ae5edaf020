/**
 * The one place where text a cloud sent us (pod names, regions, images, error messages …) is made fit to
 * show people. A cloud could otherwise put a clickable `[label](command:…)` link into a notification,
 * make a tree row read backwards with a right-to-left override, or break a label over several lines.
 *
 * - `displayText` is for plain-text surfaces: notifications, modal dialogs, progress titles, quick picks,
 *   tree labels and descriptions, status-bar text.
 * - `displayMarkdown` is for MarkdownString tooltips: the same, then every Markdown character escaped.
 */

/** Longest text shown by default: enough for any name, short enough not to flood a toast. */
export const DEFAULT_MAX_LENGTH = 200;

/**
 * Format characters (bidi embeddings and overrides, isolates, marks, zero-width spaces, soft hyphen, BOM …)
 * are dropped; the zero-width joiner stays because emoji sequences need it and it cannot reorder text.
 */
const FORMAT_CHARS = /(?!\u200d)\p{Cf}/gu;
/** Control characters (NUL, ESC, DEL, C1), line/paragraph separators and every other kind of space become one space. */
const SPACE_LIKE = /[\p{Cc}\p{Zl}\p{Zp}\p{Zs}]+/gu;
/**
 * What would still make a link or an icon out of plain text:
 *  - `](`: VS Code turns `[label](command:…)` in a notification into a link, backslash escapes or not;
 *  - `$(`: quick picks, status-bar text and tooltips draw `$(name)` as an icon.
 * A space between the two characters leaves the text readable and inert.
 */
const LINK_OR_ICON = /(\]|\$)(?=\()/g;

export interface DisplayOptions {
  /** Longer text is cut at a character boundary and ends with "…". */
  maxLength?: number;
}

export function displayText(value: unknown, options: DisplayOptions = {}): string {
  const max = Math.max(1, options.maxLength ?? DEFAULT_MAX_LENGTH);
  const text = asString(value).replace(FORMAT_CHARS, '').replace(SPACE_LIKE, ' ').trim().replace(LINK_OR_ICON, '$1 ');
  const chars = Array.from(text); // code points, so a cut never splits a surrogate pair
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** `displayText`, then escaped for a MarkdownString: no link, image, autolink, HTML, heading or icon can form. */
export function displayMarkdown(value: unknown, options: DisplayOptions = {}): string {
  return escapeMarkdown(displayText(value, options));
}

/**
 * Escapes every character Markdown (CommonMark + GFM) gives a meaning to, and the `$` of VS Code's `$(icon)`.
 * GFM also turns bare `scheme://…`, `www.…` and `name@host` into links, escapes or not: a zero-width space
 * after `:`, in `www` and after `@` keeps them plain text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`)
    .replace(/\$(?=\\\()/g, '\\$')
    .replace(/\r?\n/g, ' ')
    .replace(/:(?=\/\/)/g, ':\u200b')
    .replace(/(w)(ww\\\.)/gi, '$1\u200b$2')
    .replace(/@/g, '@\u200b');
}

function asString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}
