import { type Clock, timeoutSignal } from '../clock';
import type { PodStatus } from '../model';
import type { PodKey, SamplingDemand, UtilisationFeed } from './feed';
import type { UtilisationSample, UtilisationSource } from './model';
import type { NvidiaSmiResult } from './nvidiaSmi';
import { SampleStore } from './samples';
import { podsToForget, podsToSample, SAMPLE_INTERVAL_MS } from './sampling';

/**
 * Reads running pods' GPUs once per interval while there is demand, and keeps the last hour per pod. Where a
 * pod's readings come from is its target's business (the service picks the cloud's metrics or nvidia-smi over
 * SSH); here: who is read and when, one read per pod at a time, a time limit on each, and every failure kept
 * as an unavailable sample with its reason, so the view can say why and an idle rule never acts on a guess.
 */

/** How a pod is read, or why it cannot be. */
export type TargetSource =
  { kind: UtilisationSource; read(signal: AbortSignal): Promise<NvidiaSmiResult> } | { unavailable: string };

export interface SamplerTarget {
  key: PodKey;
  status: PodStatus;
  /** Asked only when the pod is to be read now (building it may read a file or load a provider). */
  source(): Promise<TargetSource>;
}

export interface SamplerOptions {
  /** The pods as listed now (every account's last good list). */
  targets(): SamplerTarget[];
  intervalMs?: number;
  /** Longest one read may take before it counts as "did not answer". */
  readTimeoutMs?: number;
  /** Readings are stamped with its time; rounds and read time limits wait on it. */
  clock: Clock;
  /** Where a failed read is logged (the reason is also the sample). */
  log?(message: string): void;
  /** Pods of one account read per round for the view alone (armed rules' pods are always read). */
  viewReadsPerAccount?: number;
}

/**
 * The view's share of an account's request budget: Yotta's lowest plan allows 60 requests a minute and its
 * metrics cost 2 per pod, so 500 running pods read every minute would starve the tree. The view reads at most
 * this many pods of an account per round, the longest unread first, so each pod's figure is at most
 * ceil(running / 10) minutes old; a pod whose idle rule is armed is read every round.
 */
export const VIEW_READS_PER_ACCOUNT = 10;

const DEFAULT_READ_TIMEOUT_MS = 30_000;

export class UtilisationSampler implements UtilisationFeed {
  private readonly store = new SampleStore();
  private readonly demand = new Map<SamplingDemand, 'allRunning' | ReadonlySet<PodKey>>();
  private readonly listeners = new Set<() => void>();
  private readonly inFlight = new Map<PodKey, Promise<void>>();
  /** When the view alone read a pod, per account, within the last interval. */
  private readonly viewReads = new Map<string, number[]>();
  private timer: unknown;
  private disposed = false;
  private readonly intervalMs: number;
  private readonly clock: Clock;

  constructor(private readonly o: SamplerOptions) {
    this.intervalMs = o.intervalMs ?? SAMPLE_INTERVAL_MS;
    this.clock = o.clock;
  }

  private now(): number {
    return this.clock.now();
  }

  latest(key: PodKey): UtilisationSample | undefined {
    return this.store.latest(key);
  }

  history(key: PodKey, now?: number): UtilisationSample[] {
    return [...this.store.history(key, now ?? this.now())];
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  setDemand(demand: SamplingDemand, keys: readonly PodKey[] | 'allRunning'): void {
    const had = this.hasDemand();
    if (keys === 'allRunning') this.demand.set(demand, 'allRunning');
    else if (keys.length === 0) this.demand.delete(demand);
    else this.demand.set(demand, new Set(keys));
    if (!this.hasDemand()) return this.stop();
    // demand turned on, or new pods were asked for: read those now rather than an interval later
    if (!had) void this.round();
    else void this.round({ onlyUnread: true });
  }

  /** The pod lists changed: drop gone or stopped pods' readings; read a pod that just came up, if in demand. */
  podsChanged(): void {
    this.forgetGone(this.o.targets());
    if (this.hasDemand()) void this.round({ onlyUnread: true });
  }

  /** Whether any sampling is wanted now (the bench and the tests read it). */
  hasDemand(): boolean {
    return !this.disposed && this.demand.size > 0;
  }

  /**
   * One round: every running pod in demand whose last reading is older than half the interval. `onlyUnread`:
   * only pods with no reading yet (a round between two timer ticks must not double the rate). A pod being read
   * already is not read twice. Resolves when its reads are done.
   */
  async round(options: { onlyUnread?: boolean } = {}): Promise<void> {
    if (!this.hasDemand()) return;
    if (!options.onlyUnread) this.schedule();
    const targets = this.o.targets();
    this.forgetGone(targets);
    const wanted = new Set(podsToSample(targets, this.context()));
    const now = this.now();
    const fresh = now - this.intervalMs / 2;
    const due = this.withinViewShare(
      targets.filter((t) => {
        const last = this.store.latest(t.key);
        // showing the view again a moment after hiding it does not read every pod again; a reading dated
        // after now (the clock went back) says nothing about now: the pod is read again at once
        return wanted.has(t.key) && !(last && last.at <= now && (options.onlyUnread || last.at > fresh));
      }),
    );
    // a pod already being read is not read twice; the round waits for that read instead
    await Promise.all(due.map((t) => this.inFlight.get(t.key) ?? this.read(t)));
  }

  /**
   * Armed pods all; of the rest, per account (the key's prefix), the longest unread while the account's view
   * share of the last interval lasts (extra rounds, when pods come up, draw on the same share).
   */
  private withinViewShare(due: SamplerTarget[]): SamplerTarget[] {
    const { armed } = this.context();
    const share = this.o.viewReadsPerAccount ?? VIEW_READS_PER_ACCOUNT;
    const now = this.now();
    const lastAt = (t: SamplerTarget) => this.store.latest(t.key)?.at ?? -Infinity;
    const recent = (account: string) => {
      const kept = (this.viewReads.get(account) ?? []).filter((at) => at > now - this.intervalMs && at <= now);
      this.viewReads.set(account, kept);
      return kept;
    };
    return [
      ...due.filter((t) => armed.has(t.key)),
      ...due
        .filter((t) => !armed.has(t.key) && !this.inFlight.has(t.key))
        .sort((a, b) => lastAt(a) - lastAt(b))
        .filter((t) => {
          const reads = recent(t.key.slice(0, t.key.indexOf('/')));
          if (reads.length >= share) return false;
          reads.push(now);
          return true;
        }),
      ...due.filter((t) => !armed.has(t.key) && this.inFlight.has(t.key)),
    ];
  }

  /** Which pods are in demand, as podsToSample takes it: any `allRunning` is every running pod. */
  private context(): { viewVisible: boolean; armed: Set<PodKey> } {
    const demands = [...this.demand.values()];
    return {
      viewVisible: demands.some((d) => d === 'allRunning'),
      armed: new Set(demands.flatMap((d) => (d === 'allRunning' ? [] : [...d]))),
    };
  }

  private read(target: SamplerTarget): Promise<void> {
    const done = this.readOnce(target).finally(() => this.inFlight.delete(target.key));
    this.inFlight.set(target.key, done);
    return done;
  }

  private async readOnce(target: SamplerTarget): Promise<void> {
    const limit = timeoutSignal(this.clock, this.o.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS);
    const { signal } = limit;
    let sample: UtilisationSample;
    try {
      const source = await target.source();
      if ('unavailable' in source) sample = { at: this.now(), unavailable: source.unavailable };
      else {
        const result = await withSignal(source.read(signal), signal);
        sample =
          'unavailable' in result
            ? { at: this.now(), unavailable: result.unavailable }
            : result.gpus.length === 0
              ? { at: this.now(), unavailable: 'no GPU was reported for this pod' }
              : { at: this.now(), source: source.kind, gpus: result.gpus };
      }
    } catch (e) {
      sample = { at: this.now(), unavailable: reasonOf(e, signal) };
    } finally {
      limit.dispose();
    }
    const before = this.store.latest(target.key);
    // logged when the reason changes, not once a minute
    if ('unavailable' in sample && !(before && 'unavailable' in before && before.unavailable === sample.unavailable))
      this.o.log?.(`Utilisation of ${target.key} unavailable: ${sample.unavailable}`);
    // a pod that stopped or went while it was read keeps no reading
    if (this.disposed || !this.o.targets().some((t) => t.key === target.key && t.status === 'running')) return;
    this.store.add(target.key, sample);
    for (const l of [...this.listeners]) l();
  }

  private forgetGone(targets: readonly SamplerTarget[]): void {
    const gone = podsToForget(this.store.pods(), targets);
    for (const key of gone) this.store.forget(key);
    if (gone.length) for (const l of [...this.listeners]) l();
  }

  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.round();
    }, this.intervalMs);
  }

  private stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
    this.listeners.clear();
  }
}

/** A read that ignores its signal still ends at the time limit. */
function withSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function reasonOf(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'the pod did not answer in time';
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 300) || 'the reading failed';
}
