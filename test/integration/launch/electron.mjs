// @ts-check
// Runs the same integration suite in desktop VS Code (Electron) through @vscode/test-electron, for machines
// that can download VS Code from Microsoft (this one cannot: use runCodeServer.mjs / `npm test` there).
//
//   npm run test:electron            (builds, compiles the tests, then runs this)
//   node test/integration/launch/electron.mjs [--tests out/test/integration/index.js] [--label electron]
//
// Env: VSCODE_VERSION (default 'stable'), VSCODE_EXECUTABLE (an installed VS Code to use instead of a
// download), GPU_PODS_IT_GREP, GPU_PODS_REAL_SSH=1 (use your real ~/.ssh; by default the SSH settings point
// at <temp folder>/ssh). Screenshots are not taken here (no browser page to shoot); the suite's
// screenshot() reports that and goes on. On Linux without a display, run it under xvfb-run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { artifactsDir, baseSettings, repoRoot, sshSandboxSettings, writeUserSettings } from './codeServer.mjs';
import { startControlServer } from './control.mjs';
import { stageTestExtension } from './stage.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const testsPath = resolve(repoRoot, opt('tests', 'out/test/integration/index.js'));
const label = opt('label', 'electron');

const tmp = mkdtempSync(join(tmpdir(), 'gpu-pods-electron-'));
const userDataDir = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
const workspace = join(tmp, 'workspace');
for (const d of [userDataDir, extensionsDir, workspace, artifactsDir]) mkdirSync(d, { recursive: true });

const control = await startControlServer({ artifactsDir });
writeFileSync(join(workspace, '.gpu-pods-test.json'), JSON.stringify({ controlUrl: control.url }) + '\n');
writeUserSettings(userDataDir, { ...baseSettings, ...sshSandboxSettings(join(tmp, 'ssh')) });

let code;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: await stageTestExtension(),
    extensionTestsPath: testsPath,
    extensionTestsEnv: {
      GPU_PODS_TEST_CONTROL: control.url,
      GPU_PODS_IT_GREP: process.env.GPU_PODS_IT_GREP ?? '',
      GPU_PODS_ARTIFACTS: artifactsDir,
    },
    launchArgs: [
      workspace,
      `--user-data-dir=${userDataDir}`,
      `--extensions-dir=${extensionsDir}`,
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
    ],
  });
} catch (e) {
  const message = String(/** @type {Error} */ (e)?.message ?? e);
  console.error(`[electron] ${label} failed: ${message}`);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(message)) {
    console.error(
      '[electron] VS Code could not be downloaded here; set VSCODE_EXECUTABLE to an installed VS Code, ' +
        'or run the same suite in code-server: npm run test:integration',
    );
  }
  code = 1;
} finally {
  await control.close();
  rmSync(tmp, { recursive: true, force: true });
}

const r = control.reports.results ?? { passed: 0, failed: 0, skipped: 0 };
const counts = { passed: r.passed ?? 0, failed: r.failed ?? 0, skipped: r.skipped ?? 0 };
if (code !== 0 && counts.failed === 0) counts.failed = 1;
if (control.reports.bench)
  writeFileSync(join(artifactsDir, 'bench.json'), JSON.stringify(control.reports.bench, null, 2) + '\n');
writeFileSync(
  join(artifactsDir, `${label}-results.json`),
  JSON.stringify({ ...counts, exitCode: code }, null, 2) + '\n',
);
console.log(
  `[electron] ${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (exit code ${code})`,
);
process.exit(code);
