import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** src/, from the compiled test (out/test/unit/ssh) or the repo root. */
function srcDir(): string {
  const found = [resolve(__dirname, '../../../../src'), join(process.cwd(), 'src')].find((c) => existsSync(c));
  if (!found) throw new Error('src folder not found');
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
  );
}

describe('every desktop: the password login needs no program of ours', () => {
  it('no askpass script or shell script is written from src/ (Windows could not run it)', () => {
    const offenders = files(srcDir()).filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /askpass/i.test(f) || text.includes('#!/bin/sh') || text.includes('SSH_ASKPASS');
    });
    assert.deepEqual(offenders, []);
  });
});
