import * as vscode from 'vscode';
import { pressWorkbench, readWorkbench, typeWorkbench, workbenchText } from '../integration/support/control';
import { waitFor } from '../integration/support/extension';

/*
 * Driving GPU Pods as a user does, through the page: the installed extension hands the tests no handle, so every
 * answer is typed into the real quick input and every result read from the rendered workbench.
 */

const QUICK_INPUT = '.quick-input-widget:not([style*="display: none"])';
export const SIDEBAR = '#workbench\\.parts\\.sidebar';

export const QUICK_ROWS = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

/** The title of the open quick input, or '' when none is open. */
export async function currentTitle(): Promise<string> {
  return (await workbenchText(`${QUICK_INPUT} .quick-input-title`)) ?? '';
}

/** Waits for a quick input whose title matches `title`; fails naming the one that is open. */
export async function waitForTitle(title: RegExp): Promise<void> {
  let seen = '';
  await waitFor(
    `a quick input titled ${title}`,
    async () => {
      seen = await currentTitle();
      return title.test(seen);
    },
    20_000,
    200,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; the open quick input is titled "${seen}"`, { cause: e });
  });
}

/**
 * Waits for a quick input whose title matches `title`, then types `text` (replacing a prefilled value, which the
 * input selects) and presses Enter; `text` undefined accepts what is there.
 */
export async function answer(title: RegExp, text?: string): Promise<void> {
  await waitForTitle(title);
  const asked = await currentTitle();
  if (text !== undefined) await typeWorkbench(text);
  // A pick list may still be loading, and filters as it is typed: Enter once the focused row is the one typed
  // (an input box has no rows).
  const wanted = text?.toLowerCase() ?? '';
  await waitFor(
    `the quick input to show "${text ?? ''}"`,
    async () => {
      const rows = (await readWorkbench(QUICK_ROWS)) ?? [];
      const focused = (await readWorkbench(`${QUICK_ROWS}.focused`)) ?? [];
      return rows.length === 0 || focused.some((r) => r.toLowerCase().includes(wanted));
    },
    10_000,
    150,
  ).catch(() => undefined); // Enter anyway: the next step's title says what went wrong
  await pressWorkbench('Enter');
  // The next question (or none) replaces this one; an Enter lost to a busy page is pressed again once.
  const moved = async () => (await currentTitle()) !== asked;
  if (!(await waitFor('the next question', moved, 3000, 150).catch(() => false))) await pressWorkbench('Enter');
}

/** The visible rows of the GPU Pods tree (their accessible labels). */
export async function treeRows(): Promise<string[]> {
  return (await readWorkbench(`${SIDEBAR} .monaco-list-row`)) ?? [];
}

/** Waits until a row of the tree contains `text`; fails with the rows shown. */
export async function waitForRow(text: string, timeoutMs = 30_000): Promise<string> {
  let rows: string[] = [];
  try {
    return await waitFor(
      `a tree row with "${text}"`,
      async () => {
        rows = await treeRows();
        return rows.find((r) => r.includes(text)) ?? '';
      },
      timeoutMs,
      250,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; the tree shows: ${rows.join(' | ') || 'nothing'}`, { cause: e });
  }
}

/** Opens the command palette filtered on `filter` and returns the rows it shows once they settle. */
export async function paletteRows(filter: string): Promise<string[]> {
  await vscode.commands.executeCommand('workbench.action.quickOpen', `>${filter}`);
  try {
    let last = '';
    let rows: string[] = [];
    await waitFor(
      `the palette's rows for "${filter}" to settle`,
      async () => {
        rows = (await readWorkbench(QUICK_ROWS)) ?? [];
        const now = rows.join('\n');
        const settled = now !== '' && now === last;
        last = now;
        return settled;
      },
      15_000,
      400,
    );
    return rows;
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

/** The rendered text of the first element matching `selector`, waited for until `ready` holds. */
export async function renderedText(selector: string, ready: (text: string) => boolean, what: string): Promise<string> {
  let text = '';
  try {
    await waitFor(
      what,
      async () => {
        text = (await workbenchText(selector)) ?? '';
        return ready(text);
      },
      20_000,
      250,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}; it shows: ${text.slice(0, 400) || 'nothing'}`, { cause: e });
  }
  return text;
}

/** `%some.key%` placeholders: what VS Code shows when a manifest string has no translation in the package. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/%[\w.-]+%/g)].map((m) => m[0]);
}
