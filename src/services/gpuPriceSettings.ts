import * as vscode from 'vscode';
import { readUserPrices, type UserPrices, withUserPrice } from '../core/userPrices';

/** The setting: GPU type name → USD per GPU-hour, for GPU types whose cloud publishes no price. */
export const GPU_PRICES_SETTING = 'prices.perGpuHour';
const SECTION = 'gpuPods';

/**
 * The user's prices, from user settings only (the setting is application-scoped: a workspace cannot make a
 * GPU look free). Entries that are not a price of 0 or more are left out.
 */
export function gpuPrices(): UserPrices {
  const value = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(GPU_PRICES_SETTING)?.globalValue;
  return readUserPrices(value).prices;
}

/** Writes one GPU type's price into the user settings, keeping the others. */
export async function setGpuPrice(gpuName: string, price: number): Promise<void> {
  await vscode.workspace
    .getConfiguration(SECTION)
    .update(GPU_PRICES_SETTING, withUserPrice(gpuPrices(), gpuName, price), vscode.ConfigurationTarget.Global);
}

/** Fires when the user's prices change. */
export function onGpuPricesChange(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration(
    (e) => e.affectsConfiguration(`${SECTION}.${GPU_PRICES_SETTING}`) && listener(),
  );
}
