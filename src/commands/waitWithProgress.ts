import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import type { Pod } from '../core/model';
import { waitForPod, type PodGoal } from '../core/waitForPod';
import type { Services } from './services';

/**
 * Cancellable notification progress while a pod or VM travels to `goal`: every fresh view goes into the
 * tree at once, and the cloud's own status word is the progress message. Cancelling stops the waiting,
 * not the cloud.
 */
export function waitWithProgress(
  services: Services,
  accountId: string,
  title: string,
  get: (signal?: AbortSignal) => Promise<Pod | undefined>,
  goal: PodGoal,
): Thenable<Pod | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return waitForPod(get, goal, {
        signal: abort.signal,
        intervalMs: services.timing.waitIntervalMs,
        timeoutMs: services.timing.waitTimeoutMs,
        clock: services.clock,
        onUpdate: (fresh) => {
          if (!fresh) return;
          services.data.upsertPod(accountId, fresh);
          progress.report({ message: displayText(fresh.rawStatus) });
        },
      });
    },
  );
}

/** Cancellable notification progress with a plain report and an abort signal (flows that run in plain Node take this). */
export function notificationProgress<T>(
  title: string,
  task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return task((message) => progress.report({ message }), abort.signal);
    },
  );
}
