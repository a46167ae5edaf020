// `npm run bench`, the part that runs inside VS Code's extension host (loaded as extensionTestsPath by
// test/integration/launch/runCodeServer.mjs --tests out/test/integration/bench/index.js).
//
// Measures activation the way VS Code pays for it: load dist/extension.js and call activate().
//  - RUNS times: a fresh require of the bundle (require cache cleared) and activate() with a fresh
//    ExtensionContext-like object; its subscriptions are disposed before the next run. Run 1 is cold.
//  - then the real activation through VS Code: vscode.extensions.getExtension(id).activate(), between the
//    same call for two empty extensions the launcher staged (out/test/empty-*-extension); GPU Pods' time
//    is printed as a ratio to theirs (target ≤ 1.5×). GPU Pods runs from the test entry here (the same
//    src/startup.ts, minified like dist/extension.js), so the refresh figures below can reach its tree.
// Meanwhile the cloud simulator runs in this process with every base URL setting pointing at it; the
// requests it logged from the first activation until a second after the last are the "requests during
// activation" figure (target 0). Reports figures; never fails on timing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { report } from '../support/control';
import { EXTENSION_ID, getExtension } from '../support/extension';
import { testHooks } from '../support/gpuPods';
import { startSimulator } from '../support/simulator';
import { benchRefresh, type RefreshFigures } from './refreshBench';

const RUNS = Number(process.env.GPU_PODS_BENCH_RUNS ?? 20);
/** The empty extensions the launcher stages next to GPU Pods for the bench. */
const EMPTY_IDS = ['gpu-pods-bench.empty-a', 'gpu-pods-bench.empty-b'];

interface Activatable {
  activate(context: vscode.ExtensionContext): unknown;
  deactivate?(): unknown;
}

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
  }
  setKeysForSync(): void {}
}

class MemorySecrets implements vscode.SecretStorage {
  private readonly data = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }
  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
    this.emitter.fire({ key });
  }
}

/** A fresh ExtensionContext-like object: in-memory state and secrets, real paths. Unknown members are undefined. */
function fakeContext(ext: vscode.Extension<unknown>, storage: string): vscode.ExtensionContext {
  const uri = (p: string) => vscode.Uri.file(p);
  const context = {
    subscriptions: [] as { dispose(): unknown }[],
    workspaceState: new MemoryMemento(),
    globalState: new MemoryMemento(),
    secrets: new MemorySecrets(),
    extensionUri: ext.extensionUri,
    extensionPath: ext.extensionPath,
    extension: ext,
    extensionMode: vscode.ExtensionMode.Test,
    environmentVariableCollection: undefined,
    asAbsolutePath: (rel: string) => path.join(ext.extensionPath, rel),
    storageUri: uri(path.join(storage, 'workspace')),
    storagePath: path.join(storage, 'workspace'),
    globalStorageUri: uri(path.join(storage, 'global')),
    globalStoragePath: path.join(storage, 'global'),
    logUri: uri(path.join(storage, 'log')),
    logPath: path.join(storage, 'log'),
  };
  return context as unknown as vscode.ExtensionContext;
}

function loadBundle(file: string): { module: Activatable; ms: number } {
  for (const key of Object.keys(require.cache)) if (key === file) delete require.cache[key];
  const t0 = performance.now();
  const module = require(file) as Activatable;
  return { module, ms: performance.now() - t0 };
}

export async function run(): Promise<void> {
  const ext = getExtension();
  // The shipped bundle (GPU Pods itself runs from the test entry in out/test/extension here).
  const bundle = path.join(__dirname, '../../../..', 'dist', 'extension.js');
  const bundleBytes = fs.statSync(bundle).size;
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'gpu-pods-bench-'));
  const handle = await startSimulator();
  const sim = handle.sim;
  const wasActive = ext.isActive;
  const errors: string[] = [];
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  const totalMs: number[] = [];
  const firstRequest = sim.requests.length;

  for (let i = 0; i < RUNS; i++) {
    const context = fakeContext(ext, storage);
    try {
      const loaded = loadBundle(bundle);
      const t0 = performance.now();
      await loaded.module.activate(context);
      const ms = performance.now() - t0;
      requireMs.push(loaded.ms);
      activateMs.push(ms);
      totalMs.push(loaded.ms + ms);
      await loaded.module.deactivate?.();
      // Let the extension host finish creating what activate() asked for (output channels are created
      // asynchronously) before disposing it; not part of the measured time.
      await new Promise((r) => setTimeout(r, 50));
    } catch (e) {
      errors.push(`run ${i + 1}: ${(e as Error).message}`);
    } finally {
      for (const d of context.subscriptions.splice(0)) {
        try {
          d.dispose();
        } catch {
          // keep going
        }
      }
    }
  }
  for (const key of Object.keys(require.cache)) if (key === bundle) delete require.cache[key];

  // Real activations through VS Code: an empty extension, GPU Pods, another empty extension.
  const activation = async (id: string): Promise<number | undefined> => {
    const e = vscode.extensions.getExtension(id);
    if (!e) return void errors.push(`${id} is not loaded (the launcher stages it for the bench)`);
    if (e.isActive) return void errors.push(`${id} was already active before the bench`);
    const t0 = performance.now();
    try {
      await e.activate();
      return performance.now() - t0;
    } catch (err) {
      return void errors.push(`activating ${id}: ${(err as Error).message}`);
    }
  };
  const emptyBeforeMs = await activation(EMPTY_IDS[0]);
  const realMs = wasActive ? undefined : await activation(EXTENSION_ID);
  const emptyAfterMs = await activation(EMPTY_IDS[1]);
  const emptyMs =
    emptyBeforeMs !== undefined && emptyAfterMs !== undefined
      ? (emptyBeforeMs + emptyAfterMs) / 2
      : (emptyBeforeMs ?? emptyAfterMs);
  const activationRatio = realMs !== undefined && emptyMs ? realMs / emptyMs : undefined;
  await new Promise((r) => setTimeout(r, 1000)); // requests an activation may have started asynchronously
  const requests = sim.requests.slice(firstRequest);

  let refresh: RefreshFigures | undefined;
  try {
    refresh = await benchRefresh(
      await (await testHooks()).gpuPods(),
      handle,
      Number(process.env.GPU_PODS_BENCH_WINDOW_S ?? 65),
    );
  } catch (e) {
    errors.push(`refresh bench: ${(e as Error).message}`);
  }

  const result = {
    kind: 'bench',
    vscodeVersion: vscode.version,
    node: process.version,
    runs: RUNS,
    bundleBytes,
    coldRequireAndActivateMs: totalMs[0],
    medianActivateMs: median(activateMs.slice(1)),
    medianRequireAndActivateMs: median(totalMs.slice(1)),
    medianRequireMs: median(requireMs.slice(1)),
    minActivateMs: Math.min(...activateMs),
    maxActivateMs: Math.max(...activateMs),
    realActivationMs: realMs,
    emptyActivationMs: emptyMs,
    emptyActivationRuns: [emptyBeforeMs, emptyAfterMs],
    activationRatio,
    realActivationNote: wasActive ? 'the extension was already active before the bench' : undefined,
    httpRequestsDuringActivation: requests.length,
    refresh,
    requests: requests.map((r) => `${r.method} /${r.cloud}${r.path}`),
    errors,
  };
  const f = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 'n/a' : `${n.toFixed(2)} ms`);
  console.log(`bench (${EXTENSION_ID} in VS Code ${vscode.version}, extension host Node ${process.version}):`);
  console.log(
    `  activate() median of ${activateMs.length - 1} warm runs: ${f(result.medianActivateMs)}  (min ${f(result.minActivateMs)}, max ${f(result.maxActivateMs)})`,
  );
  console.log(
    `  require + activate() median: ${f(result.medianRequireAndActivateMs)}; first (cold) run: ${f(result.coldRequireAndActivateMs)}`,
  );
  console.log(
    `  real activation via getExtension().activate(): ${f(realMs)}; an empty extension: ${f(emptyMs)} (${f(emptyBeforeMs)} before, ${f(emptyAfterMs)} after)`,
  );
  console.log(
    `  GPU Pods / empty extension: ${activationRatio === undefined ? 'n/a' : `${activationRatio.toFixed(2)}×`}  (target ≤ 1.5×)`,
  );
  console.log(
    `  HTTP requests to the simulator during activation: ${requests.length}${requests.length ? ` (${result.requests.join(', ')})` : ''}`,
  );
  if (refresh) {
    console.log(
      `  refresh of a Yotta account with ${refresh.pods} pods and ${refresh.volumes} volumes: ${Object.entries(
        refresh.requestsPerRefresh,
      )
        .map(([k, v]) => `${v}× ${k}`)
        .join(', ')}`,
    );
    console.log(
      `  tree nodes built (${refresh.nodes} nodes with their TreeItems): ${f(refresh.treeBuildMs)}  (target ≤ 50 ms)`,
    );
    console.log(
      `  requests per minute, view hidden: ${refresh.hiddenRequestsPerMinute.toFixed(1)} (target 0); view visible, nothing changing: ${refresh.visibleRequestsPerMinute.toFixed(1)} (target ≤ 4) + GPU metrics ${refresh.visibleMetricsPerMinute.toFixed(1)} (target ≤ 20: 10 pods × 2 per account); ${refresh.windowSeconds} s windows`,
    );
  }
  for (const e of errors) console.log(`  error: ${e}`);
  await report('bench', result);
  await report('results', { passed: errors.length ? 0 : 1, failed: 0, skipped: 0 });
  await handle.dispose();
  fs.rmSync(storage, { recursive: true, force: true });
}
