// The layering `npm run lint` holds (eslint.config.mjs, scripts/checks/importCycles.mjs), shown on the real
// tree and on the imports that would break it: type imports count like any other.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type * as ImportCyclesModule from '../../../scripts/checks/importCycles.mjs';
import { repoRoot } from './checks';

const cycles = () =>
  import(pathToFileURL(join(repoRoot, 'scripts/checks/importCycles.mjs')).href) as Promise<typeof ImportCyclesModule>;

/** The layering rule messages ESLint gives `code` as if it were the file at `path` (relative to the repository). */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: repoRoot }).lintText(code, { filePath: join(repoRoot, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the structure check: layers import downwards only, and nothing imports in a circle', function () {
  this.timeout(60_000);
  const trees: string[] = [];
  after(() => trees.forEach((t) => rmSync(t, { recursive: true, force: true })));

  it('src/ has no import cycle, type-only imports included', async () => {
    const { importCycles } = await cycles();
    assert.deepEqual(importCycles(repoRoot), []);
  });

  it('a type-only import from src/core into the registry is reported as the cycle it closes, with one path through it', async () => {
    const { importCycles } = await cycles();
    const root = mkdtempSync(join(tmpdir(), 'gpupods-cycles-'));
    trees.push(root);
    const files: Record<string, string> = {
      'src/core/model.ts': `import type { CloudId } from '../providers/clouds';\nexport interface Pod { cloud: CloudId }\n`,
      'src/providers/clouds.ts': `export const CLOUDS = { one: { load: () => import('./one') } };\nexport type CloudId = keyof typeof CLOUDS;\n`,
      'src/providers/one/index.ts': `import type { Pod } from '../../core/model';\nexport const pods: Pod[] = [];\n`,
      'src/core/leaf.ts': `export const leaf = 1;\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    assert.deepEqual(importCycles(root), [
      'import cycle through 3 files, for one: src/core/model.ts → src/providers/clouds.ts → src/providers/one/index.ts → src/core/model.ts',
    ]);
  });

  it('src/core imports no provider file, not even a type', async () => {
    const errors = await layeringErrors(
      'src/core/example.ts',
      `import type { Cloud } from '../providers/clouds';\nexport type X = Cloud;\n`,
    );
    assert.equal(errors.length, 1);
    assert.match(errors[0], /src\/core is the bottom layer/);
  });

  it('views and services import nothing from commands; the shared pickers nothing from views', async () => {
    const view = await layeringErrors(
      'src/views/example.ts',
      `import type { Services } from '../commands/services';\nexport type X = Services;\n`,
    );
    const service = await layeringErrors(
      'src/services/example.ts',
      `import { executeCommand } from '../commands/vscodeCommands';\nexport const x = executeCommand;\n`,
    );
    const picker = await layeringErrors(
      'src/commands/pickTarget.ts',
      `import type { TreeNode } from '../views/nodes';\nexport type X = TreeNode;\n`,
    );
    assert.match(view.join('\n'), /src\/views imports no commands/);
    assert.match(service.join('\n'), /src\/services imports no views or commands/);
    assert.match(picker.join('\n'), /pickers every command group shares .* no import of src\/views/);
  });

  it('the shared leaf src/workbench imports nothing but src/core', async () => {
    const errors = await layeringErrors(
      'src/workbench/example.ts',
      `import type { Account } from '../services/accounts';\nexport type X = Account;\n`,
    );
    assert.match(errors.join('\n'), /src\/workbench is the leaf/);
    assert.deepEqual(
      await layeringErrors(
        'src/workbench/example.ts',
        `import type { Pod } from '../core/model';\nexport type X = Pod;\n`,
      ),
      [],
    );
  });
});
