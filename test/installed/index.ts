// The installed-artifact suite's entry (issue #20): GPU Pods here is the .vsix `npm run package` built, installed
// into the run's extensions folder with VS Code's own installer; this suite runs from a driver extension of its
// own (test/integration/launch/stage.mjs) and sees GPU Pods only as a user does: through the workbench.
import { findFiles, runMocha } from '../integration/support/runMocha';

export async function run(): Promise<void> {
  const files = findFiles(__dirname, '.itest.js');
  if (files.length === 0) throw new Error(`no *.itest.js files under ${__dirname} (run npm run compile-tests)`);
  await runMocha(files, { timeout: 120_000 });
}
