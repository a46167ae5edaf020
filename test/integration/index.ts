// The integration suite's entry: VS Code loads this module as `extensionTestsPath` and awaits `run()` inside
// its extension host, with either launcher (launch/runCodeServer.mjs or launch/electron.mjs).
import { findFiles, runMocha } from './support/runMocha';

export async function run(): Promise<void> {
  // The smoke suite first: it checks what a fresh window looks like before other suites change it.
  const files = findFiles(__dirname, '.itest.js').sort(
    (a, b) => Number(b.endsWith('smoke.itest.js')) - Number(a.endsWith('smoke.itest.js')),
  );
  if (files.length === 0) throw new Error(`no *.itest.js files under ${__dirname} (run npm run compile-tests)`);
  await runMocha(files);
}
