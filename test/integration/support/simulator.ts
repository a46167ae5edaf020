import * as vscode from 'vscode';
import { createSimulator } from '../../simulator';
import { simulatorSettings } from '../../simulator/clouds';
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

/**
 * Starts the cloud simulator inside the extension host (same process as the tests, so a suite can steer it
 * and read its request log directly) and points every registered cloud's base URL settings at it (user
 * settings). Throws, naming the cloud and the setting, when a cloud has no simulator address or the manifest
 * does not contribute the setting (VS Code refuses to write it): the tests would otherwise reach the real API.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const sim = createSimulator(options);
  const url = await sim.start();
  const wanted = simulatorSettings(url);
  const known = new Set(contributedSettings());
  const missing = Object.keys(wanted).filter((name) => !known.has(name));
  if (missing.length) {
    await sim.stop();
    throw new Error(`package.json does not contribute ${missing.join(', ')}: the simulator cannot be pointed to`);
  }
  const settings: Record<string, string> = {};
  const config = vscode.workspace.getConfiguration();
  for (const [name, value] of Object.entries(wanted)) {
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
