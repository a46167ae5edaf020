import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { report } from './control';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Compiled files under `dir` whose names end with `suffix`, sorted. */
export function findFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, suffix));
    else if (e.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

/**
 * Runs mocha over `files` inside the extension host, prints the counts, hands them to the launcher
 * (`results` report) and rejects when a test failed — the @vscode/test-electron `run()` contract.
 */
export async function runMocha(files: string[], options: Mocha.MochaOptions = {}): Promise<Counts> {
  const grep = process.env.GPU_PODS_IT_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
    ...options,
    ...(grep ? { grep } : {}),
  });
  for (const f of files) mocha.addFile(f);
  const counts = await new Promise<Counts>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, skipped: s?.pending ?? 0 });
      });
    } catch (e) {
      reject(e);
    }
  });
  console.log(`integration tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  await report('results', { ...counts });
  if (counts.failed > 0) throw new Error(`${counts.failed} integration test(s) failed`);
  return counts;
}
