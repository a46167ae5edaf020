import type * as vscode from 'vscode';
import type { Clock } from '../core/clock';
import type { Pod } from '../core/model';
import type { CloudFacts } from '../core/provider';
import type { UtilisationFeed } from '../core/utilisation/feed';

/*
 * What the pod rules (podRules.ts: the GPU utilisation rules of idleRules.ts and the delete-when-stopped rules
 * of stoppedRules.ts) ask of the running extension; ExtensionIdleRulesHost (idleRulesHost.ts) answers it, and
 * the unit tests answer it with fakes.
 */

/** A pod as a fresh read of its account's list has it, with what its cloud can do to it. */
export interface FreshPod {
  pod: Pod;
  /** The cloud can stop (or pause) pods. NeevCloud cannot (there stop is delete): there a rule never acts. */
  canStop: boolean;
  /** The pod can be deleted now (its cloud deletes pods, its state allows it, nothing is pending). */
  canTerminate: boolean;
  /** "pause" on Yotta, "stop" elsewhere: the word inside a sentence. */
  stopVerb: string;
  /** "Paused" / "Stopped": the word that opens the "done" notification. */
  stoppedWord: string;
  /** "delete" / "release" / "terminate": the cloud's word for deleting, inside a sentence. */
  terminateVerb: string;
  /** "Deleted" / "Released" / "Terminated": the word that opens the "done" notification. */
  terminatedWord: string;
  cloudName: string;
}

/**
 * Everything the rules need from the rest of GPU Pods. No `vscode` at run time here, so the whole flow
 * (notify, grace, act, the answers) is unit-tested with a fake feed, clock and workbench.
 */
export interface IdleRulesHost {
  memento: Pick<vscode.Memento, 'get' | 'update'>;
  /** The utilisation readings; without them no pod is ever judged idle. */
  feed?: UtilisationFeed;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;
  /** Conditions are judged, snoozes and grace periods counted, and the rules looked at again on this clock. */
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
   * is gone: nothing is acted on from an old list.
   */
  fresh(accountId: string, podId: string): Promise<FreshPod | undefined>;
  /** Stops the pod the usual way (progress, wait); throws when it did not work. */
  stop(accountId: string, pod: Pod): Promise<void>;
  /** Deletes the pod the usual way (progress, wait, its SSH entry and secrets forgotten); throws when it did not work. */
  terminate(accountId: string, pod: Pod): Promise<void>;
  /** The cloud's own word for deleting the account's pods (GPUGeek "release"); undefined before it is known. */
  terminateWord(accountId: string): CloudFacts['terminateWord'] | undefined;
  showWarning(message: string, ...buttons: string[]): Thenable<string | undefined>;
  showInfo(message: string, ...buttons: string[]): Thenable<string | undefined>;
}
