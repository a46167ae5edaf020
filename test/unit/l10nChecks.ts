import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * Errors of src/core and src/providers of the tree at `root` built from a bare string instead of `l10n.t(…)`:
 * `file: new XError('…`, one per offence (plain `new Error(` is for the log, never shown).
 */
export function bareErrorMessages(root: string): string[] {
  const bare = /new \w+(?:Error|Refusal)\(\s*['"`]/g;
  return ['src/core', 'src/providers'].flatMap((dir) =>
    tsFiles(join(root, dir)).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(bare)]
        .filter((m) => !m[0].startsWith('new Error('))
        .map((m) => `${relative(root, file)}: ${m[0]}`),
    ),
  );
}
