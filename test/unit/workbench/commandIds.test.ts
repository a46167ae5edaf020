import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMAND_IDS } from '../../../src/workbench/commandIds';
import type { clickCommand, executeCommand, registerCommand } from '../../../src/workbench/vscodeCommands';

// Type-level checks, enforced by `tsc` (the typecheck stage): a misspelt id is not a command id.
// @ts-expect-error 'gpuPods.refesh' is a typo, not one of our commands
const typoRun: Parameters<typeof executeCommand>[0] = 'gpuPods.refesh';
// @ts-expect-error a built-in id that is not on our list
const unknownBuiltIn: Parameters<typeof executeCommand>[0] = 'workbench.action.quit';
// @ts-expect-error only our own commands are registered
const foreignRegistered: Parameters<typeof registerCommand>[0] = 'vscode.openFolder';
// @ts-expect-error tree rows and the status bar run only our own commands
const typoClick: Parameters<typeof clickCommand>[0] = 'gpuPods.showlog';
void [typoRun, unknownBuiltIn, foreignRegistered, typoClick];

const SRC = join(__dirname, '../../../../src');
const WRAPPER = 'workbench/vscodeCommands.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));

describe('package.json and the command list', () => {
  it('declares exactly the commands the extension registers', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, [...COMMAND_IDS].sort());
  });

  it('only references declared commands in menus', () => {
    const ids = new Set<string>(COMMAND_IDS);
    for (const [menu, entries] of Object.entries(
      manifest.contributes.menus as Record<string, Array<{ command: string }>>,
    )) {
      for (const e of entries) assert.ok(ids.has(e.command), `${menu} references ${e.command}`);
    }
  });

  it('runs and registers commands only through the typed wrapper in src/workbench/vscodeCommands.ts', () => {
    const untyped = /\bcommands\.(executeCommand|registerCommand|registerTextEditorCommand)\b/;
    const offenders = sourceFiles(SRC)
      .map((file) => relative(SRC, file).split('\\').join('/'))
      .filter((file) => file !== WRAPPER)
      .flatMap((file) =>
        readFileSync(join(SRC, file), 'utf8')
          .split('\n')
          .map((line, i) => `${file}:${i + 1}: ${line.trim()}`)
          .filter((line) => untyped.test(line.slice(line.indexOf(': ') + 2))),
      );
    assert.deepEqual(offenders, []);
  });

  it('describes every setting', () => {
    for (const [name, s] of (
      manifest.contributes.configuration as Array<{ properties: Record<string, Record<string, unknown>> }>
    ).flatMap((c) => Object.entries(c.properties))) {
      assert.ok(s.description || s.markdownDescription, `${name} has no description`);
      assert.ok(name.startsWith('gpuPods.'), name);
    }
  });
});
