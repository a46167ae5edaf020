import * as vscode from 'vscode';
import { createSimulator } from '../../simulator';
import type { SimulatorOptions } from '../../simulator/server';
import { contributedSettings } from './extension';

export interface SimulatorHandle {
  sim: ReturnType<typeof createSimulator>;
  url: string;
  /** The settings written, by name. */
  settings: Record<string, string>;
  /** Stops the simulator and removes the settings it wrote. */
  dispose(): Promise<void>;
}

/** The extension's base URL settings for a simulator at `url`. */
export function simulatorSettings(url: string): Record<string, string> {
  return {
    'gpuPods.yotta.baseUrl': `${url}/yotta`,
    'gpuPods.novita.baseUrl': `${url}/novita`,
    'gpuPods.gpugeek.baseUrl': `${url}/gpugeek`,
    'gpuPods.neevcloud.baseUrl': `${url}/neevcloud/gpu`,
    'gpuPods.neevcloud.inventoryUrl': `${url}/neevcloud/inventory`,
  };
}

/**
 * Starts the cloud simulator inside the extension host (same process as the tests, so a suite can steer it
 * and read its request log directly) and points the extension's base URL settings at it (user settings).
 * Settings the manifest does not contribute (yet) are skipped: VS Code refuses to write unregistered ones.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = createSimulator(options);
  const url = await sim.start();
  const known = new Set(contributedSettings());
  const settings: Record<string, string> = {};
  const config = vscode.workspace.getConfiguration();
  for (const [name, value] of Object.entries(simulatorSettings(url))) {
    if (!known.has(name)) continue;
    await config.update(name, value, vscode.ConfigurationTarget.Global);
    settings[name] = value;
  }
  return {
    sim,
    url,
    settings,
    async dispose() {
      const c = vscode.workspace.getConfiguration();
      for (const name of Object.keys(settings)) await c.update(name, undefined, vscode.ConfigurationTarget.Global);
      await sim.stop();
    },
  };
}
