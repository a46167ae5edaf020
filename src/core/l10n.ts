/**
 * Translation for code that cannot import `vscode` (src/core, src/providers): the sentences they hand to the
 * UI (error messages, form steps, status words) are written as `l10n.t('…')`, which `npm run l10n` extracts
 * into l10n/bundle.l10n.json like any `vscode.l10n.t` call (scripts/l10n.mjs). src/bindTranslator.ts binds
 * `vscode.l10n.t` here when a bundle loads; until then (and in unit tests) the English text is formatted
 * exactly as VS Code formats it.
 */

type Arg = string | number | boolean;

/** The shapes `vscode.l10n.t` accepts. */
export interface Translator {
  (message: string, ...args: Arg[]): string;
  (message: string, args: Record<string, unknown>): string;
  (options: { message: string; args?: Arg[] | Record<string, unknown>; comment: string | string[] }): string;
}

/** VS Code's format2: `{0}` or `{name}` becomes the value of that key; a key without a value stays as written. */
export function formatMessage(message: string, values: Record<string, unknown>): string {
  if (Object.keys(values).length === 0) return message;
  return message.replace(/{([^}]+)}/g, (match, key: string) => String(values[key] ?? match));
}

/** What vscode.l10n.t does in English: positional args, one record of named args, or an options object. */
function english(...params: unknown[]): string {
  const [first, ...rest] = params as [string | { message: string; args?: object }, ...unknown[]];
  if (typeof first !== 'string') return formatMessage(first.message, { ...first.args });
  const named = typeof rest[0] === 'object' && rest[0] !== null;
  return formatMessage(first, { ...(named ? (rest[0] as object) : rest) });
}

let current: (...params: unknown[]) => string = english;

/** Write calls as `l10n.t('literal', …)`: the literal is what the export tool finds. */
export const l10n = { t: ((...params: unknown[]) => current(...params)) as Translator };

/** Called once by each bundle that has `vscode` (src/bindTranslator.ts); no argument restores English. */
export function setTranslator(translate?: Translator): void {
  current = (translate as ((...params: unknown[]) => string) | undefined) ?? english;
}
