import type * as vscode from 'vscode';

/**
 * `l10n.t` for the src/ui files that also run in plain Node (the wizard's unit tests load no vscode): English,
 * with the `{0}`/`{name}` placeholders filled, until `translateWith` hands it `vscode.l10n.t` (userInput.ts does,
 * on load in the extension host), which looks each message up in the extension's bundle first.
 *
 * `@vscode/l10n-dev export` only reads `l10n.t(...)` calls in files that import vscode: a file using this
 * module keeps a type-only `import type * as vscode from 'vscode'` (nothing loads at run time) and calls
 * `l10n.t('literal message', ...args)`.
 */
type Translate = typeof vscode.l10n.t;
type Args = Array<string | number | boolean> | Record<string, unknown>;

let translate: (message: string, args: Args) => string = english;

export const l10n: Pick<typeof vscode.l10n, 't'> = {
  t: ((...params: [string | { message: string; args?: Args }, ...unknown[]]) => {
    const [first, ...rest] = params;
    if (typeof first === 'object') return translate(first.message, first.args ?? []);
    const args =
      rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as Args) : (rest as Args);
    return translate(first, args);
  }) as Translate,
};

/** From now on, messages are translated by `t` (vscode.l10n.t in the extension host); returns the undo. */
export function translateWith(t: Translate): () => void {
  const before = translate;
  translate = (message, args) => (Array.isArray(args) ? t(message, ...args) : t(message, args));
  return () => void (translate = before);
}

function english(message: string, args: Args): string {
  return message.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    const value = Array.isArray(args) ? args[Number(key)] : args[key];
    return value === undefined ? whole : String(value);
  });
}
