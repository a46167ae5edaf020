// Transpiles src/ and test/ file by file into out/ (CommonJS) for mocha and the integration suite.
// Type checking is `npm run typecheck`; esbuild only strips types, which keeps this step under a second.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

rmSync('out', { recursive: true, force: true });
await esbuild.build({
  entryPoints: [...tsFiles('src'), ...tsFiles('test')],
  outdir: 'out',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
