import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_IDS } from '../../../src/commands/commandIds';

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

  it('describes every setting', () => {
    for (const [name, s] of Object.entries(
      manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>,
    )) {
      assert.ok(s.description || s.markdownDescription, `${name} has no description`);
      assert.ok(name.startsWith('gpuPods.'), name);
    }
  });
});
