/**
 * A setting another extension declares (Remote-SSH's `remote.SSH.configFile`) is read from the user's own
 * settings only. When that extension is not installed VS Code knows nothing of the setting's scope and
 * would hand us a value from the open folder's `.vscode/settings.json`: a cloned repository could then
 * point our writes at any file of the user's. Only the user value, else the declared default, counts.
 */
export interface InspectedSetting<T> {
  globalValue?: T;
  defaultValue?: T;
}

export function userScopeValue<T>(inspected: InspectedSetting<T> | undefined): T | undefined {
  return inspected?.globalValue ?? inspected?.defaultValue;
}
