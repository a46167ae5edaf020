import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The way back from the extension host to the launcher that started VS Code (test/integration/launch/control.mjs):
 * a loopback HTTP endpoint. Its URL arrives in the GPU_PODS_TEST_CONTROL environment variable (code-server
 * and @vscode/test-electron pass their environment on to the extension host) or, failing that, in
 * `.gpu-pods-test.json` at the root of the test workspace folder.
 */
export function controlUrl(): string | undefined {
  return controlEndpoint()?.url;
}

/** The control URL and where it was found. */
export function controlEndpoint(): { url: string; source: 'env' | 'workspace file' } | undefined {
  const fromEnv = process.env.GPU_PODS_TEST_CONTROL;
  if (fromEnv) return { url: fromEnv, source: 'env' };
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    try {
      const file = path.join(folder.uri.fsPath, '.gpu-pods-test.json');
      const { controlUrl } = JSON.parse(fs.readFileSync(file, 'utf8')) as { controlUrl?: string };
      if (controlUrl) return { url: controlUrl, source: 'workspace file' };
    } catch {
      // no control file in this folder
    }
  }
  return undefined;
}

async function post(route: string, body: unknown): Promise<Record<string, unknown> | undefined> {
  const base = controlUrl();
  if (!base) return undefined;
  const res = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/**
 * Saves a PNG of the whole workbench as test-artifacts/<name>.png (done by the launcher, which holds the
 * browser page). Returns the file's path, or undefined when the launcher cannot take screenshots
 * (the @vscode/test-electron launcher) — a screenshot is evidence, never a reason to fail.
 * Waits `settleMs` first so that the view has painted what the test just did.
 */
export async function screenshot(name: string, settleMs = 250): Promise<string | undefined> {
  // The log panel (opened by earlier tests) would hide half of what the picture is about.
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await new Promise((r) => setTimeout(r, settleMs));
  try {
    const answer = await post('/screenshot', { name });
    if (answer?.saved) return String(answer.path);
    console.log(`[screenshot] ${name}: not saved (${String(answer?.reason ?? 'no launcher control endpoint')})`);
  } catch (e) {
    console.log(`[screenshot] ${name}: not saved (${(e as Error).message})`);
  }
  return undefined;
}

/**
 * The rendered text of the first element of the workbench page that matches a CSS selector: null when none
 * does, undefined when the launcher holds no page (the @vscode/test-electron launcher).
 */
export async function workbenchText(selector: string): Promise<string | null | undefined> {
  const answer = await post('/text', { selector }).catch(() => undefined);
  if (!answer || answer.reason) return undefined;
  return typeof answer.text === 'string' ? answer.text : null;
}

/** Hands a JSON report (`kind`: 'results', 'bench', …) to the launcher. */
export async function report(kind: string, data: Record<string, unknown>): Promise<void> {
  try {
    await post('/report', { kind, ...data });
  } catch (e) {
    console.log(`[report] ${kind}: launcher did not take it (${(e as Error).message})`);
  }
}

/**
 * The `attribute` (else the aria-label, else the text) of every workbench element matching `selector`, read by the launcher from the
 * browser page: what the extension API cannot see (the rows the command palette offers, the Settings editor's
 * search). Undefined when the launcher holds no page (@vscode/test-electron).
 */
export async function readWorkbench(selector: string, attribute?: string): Promise<string[] | undefined> {
  const answer = await post('/read', { selector, attribute });
  return Array.isArray(answer?.texts) ? (answer.texts as string[]) : undefined;
}

/** Clicks the first workbench element matching `selector`, as a user would; false when none matched. */
/** Moves the mouse over the first element matching the selector (VS Code then shows its hover). */
export async function hoverWorkbench(selector: string): Promise<boolean | undefined> {
  const answer = await post('/hover', { selector });
  return typeof answer?.hovered === 'boolean' ? answer.hovered : undefined;
}

export async function clickWorkbench(selector: string): Promise<boolean | undefined> {
  const answer = await post('/click', { selector });
  return typeof answer?.clicked === 'boolean' ? answer.clicked : undefined;
}

/** Types `text` into whatever has the keyboard focus in the workbench (an open quick input), as a user would. */
export async function typeWorkbench(text: string): Promise<boolean> {
  const answer = await post('/type', { text });
  return answer?.typed === true;
}

/** Presses one key in the workbench ("Enter", "Escape", "ArrowDown": Playwright's key names). */
export async function pressWorkbench(key: string): Promise<boolean> {
  const answer = await post('/press', { key });
  return answer?.pressed === true;
}
