import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AskedQuestion } from '../../support/scriptedInput';
import type { RecordedWorkbench } from './gpuPods';
import { testHooks } from './gpuPods';

/** Every file under `dir` (a few levels deep) whose name says it is GPU Pods' output channel. */
function channelFiles(dir: string, depth = 3): string[] {
  if (depth < 0 || !fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...channelFiles(p, depth - 1));
    else if (/GPU Pods/i.test(e.name) && e.name.endsWith('.log')) out.push(p);
  }
  return out;
}

/**
 * Where a secret must never be, as a user or another extension could read it: GPU Pods' output channel (its log
 * files next to the extension host's), its global state, its settings, the messages it showed and every question
 * it asked (items, titles, initial values, the summary). Returns a line per place the secret was found.
 */
export async function placesHolding(
  secret: string,
  seen: { workbench?: RecordedWorkbench; asked?: AskedQuestion[] } = {},
): Promise<string[]> {
  const { context } = await testHooks();
  const found: string[] = [];
  const logs = channelFiles(path.dirname(context.logUri.fsPath));
  if (logs.length === 0) found.push('(no GPU Pods log file was found to check)');
  for (const file of logs) if (fs.readFileSync(file, 'utf8').includes(secret)) found.push(`log ${file}`);
  for (const key of context.globalState.keys())
    if (JSON.stringify(context.globalState.get(key) ?? null).includes(secret)) found.push(`global state ${key}`);
  const settings = vscode.workspace.getConfiguration('gpuPods');
  if (JSON.stringify(settings).includes(secret)) found.push('settings');
  const wb = seen.workbench;
  for (const m of [...(wb?.infos ?? []), ...(wb?.warnings ?? []), ...(wb?.errors ?? [])])
    if (m.includes(secret)) found.push(`message "${m}"`);
  for (const q of seen.asked ?? [])
    if (JSON.stringify({ ...q, validation: undefined }).includes(secret)) found.push(`question ${q.id}`);
  return found;
}
