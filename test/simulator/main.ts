// The simulator as its own process, for `npm start` (a person trying the extension) and for manual checks:
//
//   node out/test/simulator/main.js [--port 4780] [--fake]      (env: GPU_PODS_SIM_PORT, GPU_PODS_SIM_FAKE=1)
//
// Pods are backed by real loopback servers (RealPodBackend: an sshd and a Jupyter-like server) when that
// backend starts; otherwise (no sshd, --fake) by the fake backend, whose SSH and Jupyter addresses lead nowhere.
import type { PodBackend } from './backend';
import { simulatorSettings } from './clouds';
import { createSimulator } from './index';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function realBackend(): Promise<(PodBackend & { stop(): Promise<void> }) | undefined> {
  if (process.argv.includes('--fake') || process.env.GPU_PODS_SIM_FAKE === '1') return undefined;
  try {
    // require, not import(): out/ is CommonJS, and the file may not exist in every checkout.
    const mod = require('./realBackend') as {
      RealPodBackend?: { start(): Promise<PodBackend & { stop(): Promise<void>; passwordUnavailable?: string }> };
    };
    if (!mod.RealPodBackend?.start) return undefined;
    const backend = await mod.RealPodBackend.start();
    if (backend.passwordUnavailable)
      console.log(`simulator: password SSH pods cannot log in (${backend.passwordUnavailable})`);
    return backend;
  } catch (e) {
    console.log(`simulator: real pod backend unavailable (${(e as Error).message}); using the fake backend`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const port = Number(arg('port') ?? process.env.GPU_PODS_SIM_PORT ?? 4780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${port}`);
  const backend = await realBackend();
  const sim = createSimulator(backend ? { backend } : {});
  const url = await sim.start(port);
  console.log(`simulator: ${url} (${backend ? 'real sshd + Jupyter backend' : 'fake backend'})`);
  for (const [setting, value] of Object.entries(simulatorSettings(url))) console.log(`  ${setting} = ${value}`);
  console.log(
    '  control   ' +
      `${url}/__sim/requests (request log), /__sim/reset, /__sim/fault, /__sim/gpu (a pod's GPU readings)`,
  );
  console.log('any API key works against the simulator');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`simulator: ${signal}, stopping`);
    await sim.stop();
    await backend?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: Error) => {
  console.error(`simulator: ${e.message}`);
  process.exit(1);
});
