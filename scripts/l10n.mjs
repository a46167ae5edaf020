// `npm run l10n`: extracts every translatable string of src/ into l10n/bundle.l10n.json with VS Code's own
// extractor (@vscode/l10n-dev). The extractor only recognises `l10n.t(...)` where `l10n` was imported from
// `vscode`; src/core and src/providers cannot import vscode and call the same-shaped translator of
// src/core/l10n.ts instead (bound to vscode.l10n.t at load), so those files are shown to the extractor as if
// their `l10n` came from vscode. Nothing is rewritten on disk.
import { getL10nJson } from '@vscode/l10n-dev';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORE_TRANSLATOR = /^import \{ l10n \} from '(?:\.\.?\/)+(?:core\/)?l10n';$/m;

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The bundle the sources of the tree at `root` call for: message (or message/comment) → English text. */
export async function exportStrings(root) {
  const files = tsFiles(join(root, 'src')).map((file) => {
    const contents = readFileSync(file, 'utf8');
    return {
      extension: '.ts',
      contents: CORE_TRANSLATOR.test(contents) ? `import { l10n } from 'vscode';\n${contents}` : contents,
    };
  });
  return getL10nJson(files);
}

/** The file as `npm run l10n` writes it (the extractor's own layout, with a final newline). */
export function bundleText(strings) {
  return `${JSON.stringify(strings, undefined, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const strings = await exportStrings(root);
  const out = join(root, 'l10n/bundle.l10n.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundleText(strings));
  console.log(`${Object.keys(strings).length} strings → l10n/bundle.l10n.json`);
}
