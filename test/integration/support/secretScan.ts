import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AskedQuestion } from '../../support/scriptedInput';
import { waitFor } from './extension';
import { gpuPods, type RecordedWorkbench } from './gpuPods';
import type { SimulatorHandle } from './simulator';

/**
 * The secret scan: after a test, everything GPU Pods wrote or showed — its output channel's log file, the user
 * settings.json, every global-state value, and each prompt, summary and notification the test captured — is
 * searched for the secrets the test knows (API keys, pod passwords, secret environment values). Any hit fails
 * the test and says where; the secret itself is never printed.
 */
export interface Captured {
  /** Questions the scripted input recorded: titles, items (summaries included), prompts, validation. */
  asked?: readonly AskedQuestion[];
  /** Toasts, copies and opened URLs the recording workbench saw. */
  workbench?: RecordedWorkbench;
  /** Anything else the test holds: an error's message, the create's outcome. */
  texts?: readonly string[];
}

export interface ScanReport {
  /** The log files read, comma-separated (the scan fails when it cannot find one). */
  logFile: string;
  /** How much of each place was read, so a test can tell the scan saw something. */
  logBytes: number;
  settingsBytes: number;
  globalStateKeys: number;
  capturedTexts: number;
}

/** Fails when any of `secrets` appears anywhere GPU Pods wrote or showed. */
export async function scanForSecrets(secrets: readonly string[], captured: Captured = {}): Promise<ScanReport> {
  const known = [...new Set(secrets.filter((s) => s.length >= 4))];
  assert.ok(known.length > 0, 'the scan was given no secret to look for');
  const { services } = await gpuPods();
  const logs = await flushedLogs(services.log, services.context.logUri);
  const logFile = logs.join(', ');
  const log = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const settingsFile = path.join(userDir(services.context.globalStorageUri), 'settings.json');
  const settings = fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : '';
  const state = services.context.globalState
    .keys()
    .map((k) => `${k}=${JSON.stringify(services.context.globalState.get(k))}`);
  const texts = [
    ...(captured.asked ?? []).map((q) => JSON.stringify(q)),
    ...(captured.workbench ? recorded(captured.workbench) : []),
    ...(captured.texts ?? []),
  ];
  const places: Array<[string, string]> = [
    [`the GPU Pods log (${logFile})`, log],
    [`settings.json (${settingsFile})`, settings],
    ['global state', state.join('\n')],
    ...texts.map((t, i): [string, string] => [`captured text #${i + 1}: ${redacted(t, known).slice(0, 160)}`, t]),
  ];
  const hits = known.flatMap((secret, n) =>
    places
      .filter(([, text]) => contains(text, secret))
      .map(([where, text]) => `secret #${n + 1} in ${where}: …${around(text, secret, known)}…`),
  );
  assert.deepEqual(hits, [], 'a secret reached a place the user or another program can read');
  return {
    logFile,
    logBytes: log.length,
    settingsBytes: settings.length,
    globalStateKeys: state.length,
    capturedTexts: texts.length,
  };
}

/** The pod passwords and Jupyter passwords the simulated clouds hold now. */
export function simulatorSecrets(handle: SimulatorHandle): string[] {
  const { sim } = handle;
  const c = sim.controls;
  const passwordOf = (id: string) => sim.backend.ssh('password', id).password;
  return [
    ...[...c.novita.state.instances.values()].map((i) => i.ssh?.password ?? passwordOf(i.id)),
    ...[...c.gpugeek.instances.keys()].map(passwordOf),
    ...c.yotta.state.allPods().map((p) => c.yotta.jupyterPassword(String(p.id))),
  ].filter((s): s is string => typeof s === 'string' && s !== '');
}

/**
 * The GPU Pods output channel's files (a restarted instance writes a new one), once what was logged so far is
 * on disk: a marker line is written and the files are read until one shows it. VS Code keeps a log channel's
 * file in the window's extension-host log folder.
 */
async function flushedLogs(log: vscode.LogOutputChannel, logUri: vscode.Uri): Promise<string[]> {
  const marker = `secret scan ${randomUUID()}`;
  log.info(marker);
  return waitFor(
    'the GPU Pods log file to show the scan marker',
    () => {
      const files = logFiles(logUri.fsPath);
      return files.some((f) => fs.readFileSync(f, 'utf8').includes(marker)) ? files : undefined;
    },
    10_000,
    100,
  ) as Promise<string[]>;
}

/** Log files named after the channel, in the extension's log folder or the folders above it. */
function logFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth < 0 || !fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, depth - 1);
      else if (e.name.includes('GPU Pods') && e.name.endsWith('.log')) out.push(p);
    }
  };
  walk(dir, 1);
  if (out.length === 0) walk(path.dirname(path.dirname(dir)), 3);
  return out;
}

/** `<user data>/User`, from the extension's global storage folder (`User/globalStorage/<id>`). */
function userDir(globalStorage: vscode.Uri): string {
  return path.dirname(path.dirname(globalStorage.fsPath));
}

function recorded(wb: RecordedWorkbench): string[] {
  return [...wb.errors, ...wb.infos, ...wb.warnings, ...wb.copied, ...wb.opened];
}

/** The secret as it is, JSON-escaped or URL-encoded. */
function contains(text: string, secret: string): boolean {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)].some((form) => text.includes(form));
}

/** Where in `text` the secret sits, for the failure message: 80 characters each side, every secret masked. */
function around(text: string, secret: string, secrets: readonly string[]): string {
  const at = Math.max(0, text.indexOf(secret));
  return redacted(text.slice(Math.max(0, at - 80), at + secret.length + 80), secrets).replace(/\s+/g, ' ');
}

/** A place's text for the failure message, with every known secret masked. */
function redacted(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join('***'), text);
}

/**
 * Runs `work` with GPU Pods' log at Trace (every request and answer is written), then back at Info: the scan
 * then reads what a user who turned on Trace would hand in with a bug report.
 */
export async function atTrace<T>(work: () => Promise<T>): Promise<T> {
  await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
  try {
    return await work();
  } finally {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
  }
}
