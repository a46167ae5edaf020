// @ts-check
// Runs an integration suite inside a real VS Code: code-server (VS Code from the npm registry) on loopback,
// driven by headless Chromium through playwright-core. Works offline; used by `npm test`, CI and `npm run bench`.
//
//   node test/integration/launch/runCodeServer.mjs [--tests out/test/integration/index.js] [--label integration]
//   node test/integration/launch/runCodeServer.mjs --install [gpu-pods-0.1.0.vsix] --tests out/test/installed/index.js --label installed
//
// With --install, GPU Pods is the .vsix installed into the run's extensions folder the way a user installs it,
// and the suite runs from a driver extension of its own (stage.mjs); without it, from the staged test extension.
//
// Env: GPU_PODS_IT_TIMEOUT_MS (overall limit, default 20 min), GPU_PODS_IT_GREP (mocha grep),
//      GPU_PODS_CONTROL_VIA=file (hand the control URL over only through the workspace file),
//      GPU_PODS_IT_VERBOSE=1 (also print the workbench's own log lines), GPU_PODS_KEEP_TMP=1 (keep the temp folder),
//      GPU_PODS_REAL_SSH=1 (let the extension use your real ~/.ssh; by default its SSH settings point at
//      <temp folder>/ssh, so no run ever writes your ssh config, keys or known_hosts).
// Writes test-artifacts/<label>-results.json ({passed, failed, skipped, exitCode}) and, for the bench,
// test-artifacts/bench.json. Screenshots asked for by the suite land in test-artifacts/*.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import {
  artifactsDir,
  baseSettings,
  chromiumArgs,
  chromiumPath,
  freePort,
  installVsix,
  realSshRequested,
  repoRoot,
  sshSandboxSettings,
  startCodeServer,
  stopProcessGroup,
  workbenchUrl,
  writeUserSettings,
} from './codeServer.mjs';
import { startControlServer } from './control.mjs';
import { installEmptyExtension, stageDriverExtension, stageTestExtension } from './stage.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const testsPath = resolve(repoRoot, opt('tests', 'out/test/integration/index.js'));
const label = opt('label', 'integration');
/** --install [file]: the .vsix to install, by default the one `npm run package` writes (<name>-<version>.vsix). */
const vsix = argv.includes('--install') ? resolve(repoRoot, installArg()) : undefined;
function installArg() {
  const next = argv[argv.indexOf('--install') + 1];
  if (next && !next.startsWith('--')) return next;
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return `${name}-${version}.vsix`;
}
const timeoutMs = Number(process.env.GPU_PODS_IT_TIMEOUT_MS ?? 20 * 60_000);
const verbose = process.env.GPU_PODS_IT_VERBOSE === '1';
const started = Date.now();
const log = (line) => process.stdout.write(line.endsWith('\n') ? line : line + '\n');
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

const tmp = mkdtempSync(join(tmpdir(), 'gpu-pods-it-'));
const userDataDir = join(tmp, 'user-data');
const extensionsDir = join(tmp, 'extensions');
const workspace = join(tmp, 'workspace');
mkdirSync(extensionsDir, { recursive: true });
mkdirSync(workspace, { recursive: true });
mkdirSync(artifactsDir, { recursive: true });

/** @type {import('node:child_process').ChildProcess | undefined} */
let server;
/** @type {import('playwright-core').Browser | undefined} */
let browser;
let finished = false;

async function cleanUp() {
  await browser?.close().catch(() => undefined);
  await stopProcessGroup(server);
  if (process.env.GPU_PODS_KEEP_TMP !== '1') rmSync(tmp, { recursive: true, force: true });
}

// Last resort if this process dies without cleanUp(): end code-server's process group (Chromium is ended
// by playwright's own exit handler).
process.on('exit', () => {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(sig, () => {
    log(`[launcher] ${sig}: stopping code-server and Chromium`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main() {
  const control = await startControlServer({ artifactsDir, log });
  // The second way the control URL reaches the extension host (the first is the env var below).
  writeFileSync(join(workspace, '.gpu-pods-test.json'), JSON.stringify({ controlUrl: control.url }) + '\n');
  writeUserSettings(userDataDir, { ...baseSettings, ...sshSandboxSettings(join(tmp, 'ssh')) });
  log(
    `[launcher] SSH settings: ${realSshRequested ? 'your real ~/.ssh (GPU_PODS_REAL_SSH=1)' : `sandboxed in ${join(tmp, 'ssh')}`}`,
  );
  if (label === 'bench') for (const name of ['empty-a', 'empty-b']) installEmptyExtension(extensionsDir, name);
  if (vsix) {
    installVsix({ vsix, userDataDir, extensionsDir, logFile: join(artifactsDir, `${label}-install.log`) });
    log(`[launcher] installed ${vsix} into ${extensionsDir}`);
  }

  const port = await freePort();
  const codeServerLog = join(artifactsDir, `${label}-code-server.log`);
  log(`[launcher] code-server on 127.0.0.1:${port} (log: ${codeServerLog})`);
  server = await startCodeServer({
    port,
    userDataDir,
    extensionsDir,
    workspace,
    logFile: codeServerLog,
    env: {
      // GPU_PODS_CONTROL_VIA=file checks the fallback: the URL then reaches the tests only through the file.
      GPU_PODS_TEST_CONTROL: process.env.GPU_PODS_CONTROL_VIA === 'file' ? '' : control.url,
      GPU_PODS_IT_GREP: process.env.GPU_PODS_IT_GREP ?? '',
      GPU_PODS_ARTIFACTS: artifactsDir,
      GPU_PODS_SCREENSHOTS: '1',
      GPU_PODS_EXTENSIONS_DIR: extensionsDir,
    },
  });
  /** @type {(reason: string) => void} */
  let onBroken = () => undefined;
  const broken = new Promise((r) => (onBroken = r));
  server.once('exit', (code, signal) => {
    if (!finished) onBroken(`code-server exited early (code ${code}, signal ${signal}); see ${codeServerLog}`);
  });
  log(`[launcher] code-server ready after ${elapsed()}`);

  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  control.attach({
    screenshot: async (path) => void (await page.screenshot({ path })),
    read: (selector, attribute) =>
      page.$$eval(
        selector,
        (els, attr) =>
          els.map((e) => (attr ? e.getAttribute(attr) : e.getAttribute('aria-label') || e.textContent) ?? ''),
        attribute,
      ),
    click: async (selector) => {
      const target = page.locator(selector).first();
      if ((await target.count()) === 0) return false;
      await target.click({ timeout: 5000 });
      return true;
    },
    hover: async (selector) => {
      const target = page.locator(selector).first();
      if ((await target.count()) === 0) return false;
      await target.hover({ timeout: 5000 });
      return true;
    },
    text: async (selector) => {
      const first = page.locator(selector).first();
      return (await first.count()) ? await first.innerText() : null;
    },
    type: (text) => page.keyboard.type(text),
    press: (key) => page.keyboard.press(key),
  });

  /** @type {(code: number) => void} */
  let onExit = () => undefined;
  const exitCode = new Promise((r) => (onExit = r));
  const mochaCounts = { passed: 0, failed: 0, skipped: 0, seen: false };
  await page.exposeFunction('codeAutomationExit', (code) => onExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // Console calls arrive as their arguments (printf-style format first, as mocha's reporter writes them).
    const text = format(...(Array.isArray(args) ? args : [args]));
    // Mocha's summary, as a fallback when the suite could not report its counts.
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(text);
    if (m) {
      mochaCounts.seen = true;
      mochaCounts[{ passing: 'passed', failing: 'failed', pending: 'skipped' }[m[2]]] = Number(m[1]);
    }
    if (verbose || !isWorkbenchNoise(text)) log(text.replace(/\n$/, ''));
  });
  if (verbose) page.on('console', (msg) => log(`[page ${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => log(`[page error] ${err.message}`));
  page.on('crash', () => onBroken('the Chromium page crashed'));

  // GPU Pods with the test entry (out/test/extension). The bench keeps it from activating on its own before
  // it is measured, next to two empty extensions (installed before code-server starts) to compare with.
  const extensionDevelopmentPath = vsix
    ? stageDriverExtension()
    : await stageTestExtension(label === 'bench' ? { activationEvents: [], minify: true } : {});
  const url = workbenchUrl({ port, workspace, extensionDevelopmentPath, extensionTestsPath: testsPath });
  log(`[launcher] opening the workbench with extensionTestsPath ${testsPath}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const outcome = await Promise.race([exitCode, timeout, broken.then((reason) => ({ reason }))]);
  clearTimeout(timer);
  finished = true;

  let code;
  if (typeof outcome === 'object' && outcome) {
    log(`[launcher] ${label} aborted: ${/** @type {{reason: string}} */ (outcome).reason}`);
    code = 1;
  } else if (outcome === 'timeout') {
    log(
      `[launcher] TIMEOUT: the ${label} run did not finish within ${timeoutMs / 60000} min; ` +
        `saving test-artifacts/${label}-timeout.png and stopping. code-server log: ${codeServerLog}`,
    );
    await page.screenshot({ path: join(artifactsDir, `${label}-timeout.png`) }).catch(() => undefined);
    code = 124;
  } else {
    code = /** @type {number} */ (outcome);
  }

  const reported = control.reports.results;
  const counts = reported
    ? { passed: reported.passed ?? 0, failed: reported.failed ?? 0, skipped: reported.skipped ?? 0 }
    : { passed: mochaCounts.passed, failed: mochaCounts.failed, skipped: mochaCounts.skipped };
  // A run that ended badly without a failing test (crash, timeout, load error) still counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (control.reports.bench) {
    writeFileSync(join(artifactsDir, 'bench.json'), JSON.stringify(control.reports.bench, null, 2) + '\n');
  }
  writeFileSync(
    join(artifactsDir, `${label}-results.json`),
    JSON.stringify({ ...counts, exitCode: code }, null, 2) + '\n',
  );
  await control.close();
  log(
    `[launcher] ${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped ` +
      `(exit code ${code}, ${elapsed()})`,
  );
  return code;
}

/** The workbench forwards its own log lines too; keep the output to the tests' lines unless verbose. */
function isWorkbenchNoise(text) {
  return (
    /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|Creation of workbench contribution|Timed out waiting for authentication provider|\[(reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate)[\]:])/.test(
      text,
    ) || /open-vsx\.org|ENOTFOUND|getaddrinfo|ERR_NAME_NOT_RESOLVED|update\.code\.visualstudio/i.test(text)
  );
}

let exitCode;
try {
  exitCode = await main();
} catch (e) {
  log(`[launcher] ${label} failed to run: ${/** @type {Error} */ (e)?.stack ?? e}`);
  writeFileSync(
    join(artifactsDir, `${label}-results.json`),
    JSON.stringify({ passed: 0, failed: 1, skipped: 0, exitCode: 1 }) + '\n',
  );
  exitCode = 1;
} finally {
  finished = true;
  await cleanUp();
}
process.exit(exitCode);
