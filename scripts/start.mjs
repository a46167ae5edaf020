// @ts-check
// `npm start` (after scripts/start.sh has done the set-up and the build): the cloud simulator on a fixed
// loopback port, and a real VS Code with the extension loaded as a development extension whose four clouds
// point at the simulator. Ctrl-C stops everything.
//
// Env:
//   GPU_PODS_EDITOR     code-server (default): VS Code in your browser, from the npm registry
//                       code: your desktop VS Code (`code` on PATH), in a separate profile folder
//   GPU_PODS_SIM_PORT   simulator port (default 4780)
//   GPU_PODS_PORT       code-server port (default 4781)
//   GPU_PODS_WORKSPACE  folder to open (default .vscode-test/start/workspace)
//   GPU_PODS_SIM_FAKE=1 fake pod backend (no sshd / Jupyter servers behind the pods)
//   GPU_PODS_REAL_SSH=1 let GPU Pods write your real ~/.ssh (its config Include, host file, key). By default
//                       its SSH settings point at .vscode-test/start/ssh (kept between runs), and Remote-SSH
//                       reads the config there: your own ssh config, keys and known_hosts are never touched.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  baseSettings,
  cacheDir,
  realSshRequested,
  repoRoot,
  sshSandboxSettings,
  simulatorSettings,
  startCodeServer,
  stopProcessGroup,
  workbenchUrl,
  writeUserSettings,
} from '../test/integration/launch/codeServer.mjs';

const simPort = Number(process.env.GPU_PODS_SIM_PORT ?? 4780);
const port = Number(process.env.GPU_PODS_PORT ?? 4781);
const editor = process.env.GPU_PODS_EDITOR ?? 'code-server';
const stateDir = join(cacheDir, 'start'); // kept between runs: connected accounts and keys survive a restart
const workspace = resolve(process.env.GPU_PODS_WORKSPACE ?? join(stateDir, 'workspace'));
mkdirSync(workspace, { recursive: true });

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;
async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  for (const c of children.reverse()) await stopProcessGroup(c);
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// 1. The simulator, as its own Node process.
const sim = spawn(process.execPath, [join(repoRoot, 'out/test/simulator/main.js'), '--port', String(simPort)], {
  cwd: repoRoot,
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
children.push(sim);
const simUrl = await new Promise((resolveUrl, reject) => {
  let buffered = '';
  sim.stdout?.on('data', (chunk) => {
    process.stdout.write(chunk);
    buffered += chunk;
    const m = /simulator: (http:\/\/127\.0\.0\.1:\d+)/.exec(buffered);
    if (m) resolveUrl(m[1]);
  });
  sim.once('exit', (code) =>
    reject(new Error(`the simulator exited (code ${code}); is port ${simPort} taken? set GPU_PODS_SIM_PORT`)),
  );
}).catch((e) => {
  console.error(e.message);
  return stopAll(1);
});
const sshDir = join(stateDir, 'ssh');
const settings = {
  ...baseSettings,
  'files.exclude': {},
  ...simulatorSettings(String(simUrl)),
  ...sshSandboxSettings(sshDir),
};
console.log(
  realSshRequested
    ? 'SSH: your real ~/.ssh (GPU_PODS_REAL_SSH=1)'
    : `SSH: sandboxed in ${sshDir} (GPU_PODS_REAL_SSH=1 for your real ~/.ssh)`,
);

const hasDesktopCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;

if (editor === 'code') {
  // 2a. Desktop VS Code, in its own user-data folder so your own settings and keys stay untouched.
  if (!hasDesktopCode) {
    console.error('GPU_PODS_EDITOR=code, but there is no `code` command on PATH');
    await stopAll(1);
  }
  const userDataDir = join(stateDir, 'desktop-user-data');
  writeUserSettings(userDataDir, settings);
  const code = spawn(
    'code',
    ['--new-window', '--wait', `--user-data-dir=${userDataDir}`, `--extensionDevelopmentPath=${repoRoot}`, workspace],
    {
      stdio: 'inherit',
      detached: true,
    },
  );
  children.push(code);
  console.log('\nDesktop VS Code is opening with GPU Pods loaded from this folder.');
  console.log('Connect a cloud from the GPU Pods view: any API key works against the simulator.');
  console.log('Close that window or press Ctrl-C here to stop.');
  code.once('exit', () => void stopAll(0));
} else {
  // 2b. code-server: VS Code in the browser, with the extension as a development extension.
  const userDataDir = join(stateDir, 'user-data');
  writeUserSettings(userDataDir, settings);
  const logFile = join(stateDir, 'code-server.log');
  let server;
  try {
    server = await startCodeServer({
      port,
      userDataDir,
      extensionsDir: join(stateDir, 'extensions'),
      workspace,
      logFile,
    });
  } catch (e) {
    console.error(`${/** @type {Error} */ (e).message}\n(is port ${port} taken? set GPU_PODS_PORT)`);
    await stopAll(1);
  }
  children.push(/** @type {import('node:child_process').ChildProcess} */ (server));
  server?.once('exit', () => void (!stopping && (console.error(`code-server stopped; see ${logFile}`), stopAll(1))));
  const url = workbenchUrl({ port, workspace, extensionDevelopmentPath: repoRoot });
  console.log(`\nGPU Pods is running in VS Code (code-server). Open this in a browser on this machine:\n\n  ${url}\n`);
  console.log(
    'Then open the GPU Pods view in the activity bar and connect a cloud: any API key works against the simulator.',
  );
  console.log(`code-server log: ${logFile}`);
  if (hasDesktopCode) console.log('A desktop VS Code is on PATH: GPU_PODS_EDITOR=code npm start uses it instead.');
  console.log('Ctrl-C stops the simulator and code-server.');
}
