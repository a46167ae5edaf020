// The integration suite's entry: VS Code loads this module as `extensionTestsPath` and awaits `run()` inside
// its extension host, with either launcher (launch/runCodeServer.mjs or launch/electron.mjs).
import { findFiles, runMocha } from './support/runMocha';

export async function run(): Promise<void> {
  // The smoke suite first: it checks what a fresh window looks like before other suites change it. The
  // walkthrough next: VS Code ticks a step once per session, so its suite must see the events happen first.
  const first = ['smoke.itest.js', 'walkthrough.itest.js'];
  const rank = (file: string) => {
    const i = first.findIndex((name) => file.endsWith(name));
    return i === -1 ? first.length : i;
  };
  const files = findFiles(__dirname, '.itest.js').sort((a, b) => rank(a) - rank(b));
  if (files.length === 0) throw new Error(`no *.itest.js files under ${__dirname} (run npm run compile-tests)`);
  await runMocha(files);
}
