import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { Pod } from '../core/model';
import type { UtilisationFeed } from '../core/utilisation/feed';

/*
 * What the idle rules (idleRules.ts) ask of the running extension; ExtensionIdleRulesHost (idleRulesHost.ts)
 * answers it, and the unit tests answer it with fakes.
 */

/** A pod as a fresh read of its account's list has it, with what its cloud can do to it. */
export interface FreshPod {
  pod: Pod;
  /** The cloud can stop (or pause) pods. NeevCloud cannot: there a rule never acts. */
  canStop: boolean;
  /** "pause" on Yotta, "stop" elsewhere: the word inside a sentence. */
  stopVerb: string;
  /** "Paused" / "Stopped": the word that opens the "done" notification. */
  stoppedWord: string;
  cloudName: string;
}

/**
 * Everything the rules need from the rest of GPU Pods. No `vscode` at run time here, so the whole flow
 * (notify, grace, stop, Stop Now, Keep Running, Turn Off Rule) is unit-tested with a fake feed, clock and
 * workbench.
 */
export interface IdleRulesHost {
  memento: Pick<vscode.Memento, 'get' | 'update'>;
  /** The utilisation readings; without them no pod is ever judged idle. */
  feed?: UtilisationFeed;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;
  /** Readings are judged, snoozes and grace periods counted, and the rules looked at again on this clock. */
  clock: Clock;
  /** The same grace period as the idle timers (`gpuPods.idleGuard.graceMinutes`). */
  graceMs(): number;
  clouds: readonly string[];
  /** Every pod the accounts' lists hold now (no request). */
  pods(): ReadonlyArray<{ accountId: string; pod: Pod }>;
  /** The account's pods when its last refresh read them completely; undefined otherwise (nothing is pruned on it). */
  listed(accountId: string): readonly Pod[] | undefined;
  /**
   * Keeps these accounts' lists loaded and fresh (a background refresh when missing or older than the cloud's
   * poll interval): rules run from startup, when the view (and its poller) may never be shown.
   */
  keepListed(accountIds: readonly string[]): void;
  /** Fires with an account id when its list changed. */
  onPodsChange(listener: (accountId: string) => void): { dispose(): void };
  /**
   * Reads the account's list again and returns the pod; undefined when the list cannot be read or the pod
   * is gone: nothing is stopped on an old list.
   */
  fresh(accountId: string, podId: string): Promise<FreshPod | undefined>;
  /** Stops the pod the usual way (progress, wait); throws when it did not work. */
  stop(accountId: string, pod: Pod): Promise<void>;
  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined>;
  showInfo(message: string, ...buttons: string[]): Thenable<string | undefined>;
}
