import * as vscode from 'vscode';

export const EXTENSION_ID = 'gpu-pods.gpu-pods';

export function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

interface Manifest {
  contributes?: {
    commands?: Array<{ command: string }>;
    configuration?: { properties?: Record<string, unknown> } | Array<{ properties?: Record<string, unknown> }>;
  };
}

function manifest(): Manifest {
  return getExtension().packageJSON as Manifest;
}

/** Command ids the manifest contributes. */
export function contributedCommands(): string[] {
  return (manifest().contributes?.commands ?? []).map((c) => c.command);
}

/** Setting names the manifest contributes. */
export function contributedSettings(): string[] {
  const conf = manifest().contributes?.configuration;
  const sections = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return sections.flatMap((s) => Object.keys(s.properties ?? {}));
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; fails with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
