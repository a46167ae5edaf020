// The entry the integration launcher gives GPU Pods instead of dist/extension.js (see
// test/integration/launch/stage.mjs). It starts GPU Pods exactly as activate() does — the same
// src/startup.ts, loading the shipped dist/gpuPods.js and dist/clouds/*.js on first use — and, unlike the
// shipped entry, returns a handle on the instance so the suites can script prompts and read the tree.
// It is bundled into out/test/extension/main.js and never packaged (test/unit/core/packageContents.test.ts).
import type * as vscode from 'vscode';
import type { Timing } from '../../../src/commands/services';
import type { RateLimit } from '../../../src/core/keyGate';
import type { GpuPods } from '../../../src/gpuPods';
import { type Started, startGpuPods } from '../../../src/startup';
import type { UserInput } from '../../../src/ui/prompts';
import type { Workbench } from '../../../src/workbench/workbench';
import { Swappable } from './seams';
import { TestClock } from './testClock';

/**
 * The suites poll far faster than any cloud allows (they lift the simulator's budget too); the per-key limits
 * themselves are unit-tested (test/unit/core/keyGate.test.ts) and measured by `npm run bench`.
 */
const SUITE_LIMIT: RateLimit = { perMinute: 100_000, concurrentOperations: 100 };

/**
 * Pods are looked at every 150 ms and followed for a minute (the simulator runs its clouds' state changes
 * faster); a cloud has 3 s to list its offers (a suite's "slow" cloud answers later than that); a failed request
 * is tried again after 50, 100, 200 ms instead of 1, 2, 4 s (the back-off itself is unit-tested in http.test.ts);
 * GPUGeek's operations, which the simulator finishes faster, are asked after every 150 ms instead of 2 s.
 */
export const SUITE_TIMING: Timing = {
  waitIntervalMs: 150,
  waitTimeoutMs: 60_000,
  offerTimeoutMs: 3000,
  retryBackoffMs: 50,
  operationPollMs: 150,
};

/** The seams the running instance was built with: what the suites script goes in here. */
export interface SuiteSeams {
  readonly ui: Swappable<UserInput>;
  readonly workbench: Swappable<Workbench>;
}

export interface TestHooks {
  /** The loaded instance (loads the rest of GPU Pods, as a command or the view would). */
  gpuPods(): Promise<GpuPods>;
  /** Whether anything beyond activation has been loaded. */
  isLoaded(): boolean;
  /** Disposes the running instance, as closing the window would (its global state and secrets stay). */
  stop(): void;
  /** Starts a fresh instance on the same state, as a window reload would. */
  restart(): void;
  /** VS Code's context for GPU Pods, for the test that runs the shipped entry in its place. */
  readonly context: vscode.ExtensionContext;
  /** The running instance's seams (a restart builds new ones, answering as the real prompts and workbench). */
  readonly seams: SuiteSeams;
  /**
   * The clock GPU Pods is built with (kept across restarts, like the system's): a suite that waits for minutes of
   * GPU Pods' time speeds it up instead of waiting.
   */
  readonly clock: TestClock;
}

export function activate(context: vscode.ExtensionContext): TestHooks {
  let subscriptions: vscode.Disposable[] = [];
  let started: Started;
  let seams: SuiteSeams;
  const clock = new TestClock();
  const start = () => {
    subscriptions = [];
    seams = { ui: new Swappable<UserInput>(), workbench: new Swappable<Workbench>() };
    // Same context, own subscriptions: stop() disposes this instance without touching VS Code's list.
    started = startGpuPods(
      Object.create(context, { subscriptions: { value: subscriptions } }) as vscode.ExtensionContext,
      { ui: seams.ui.wrap, workbench: seams.workbench.wrap, timing: SUITE_TIMING, rateLimit: () => SUITE_LIMIT, clock },
    );
  };
  const stop = () => {
    for (const d of subscriptions.splice(0)) {
      try {
        d.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  };
  start();
  context.subscriptions.push({ dispose: stop });
  return {
    gpuPods: () => started.load(),
    isLoaded: () => started.isLoaded(),
    stop,
    restart: () => {
      stop();
      start();
    },
    context,
    get seams() {
      return seams;
    },
    clock,
  };
}
