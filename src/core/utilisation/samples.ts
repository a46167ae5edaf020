import { figuresOf, type UtilisationSample } from './model';

/**
 * The last hour of readings per pod, in memory only (a reload starts afresh: an idle rule then waits for a
 * full window of new readings before it acts). Memory stays bounded: samples older than the history are
 * dropped, and so is the oldest one past the per-pod cap, whatever the sampling rate.
 */

export const HISTORY_MS = 3_600_000;
/** One reading every 10 s for an hour. */
export const MAX_SAMPLES_PER_POD = 360;

export interface SampleStoreOptions {
  historyMs?: number;
  maxPerPod?: number;
}

export interface Average {
  percent: number;
  /** How many readable samples it is taken over. */
  samples: number;
}

export class SampleStore {
  private readonly byPod = new Map<string, UtilisationSample[]>();
  private readonly historyMs: number;
  private readonly maxPerPod: number;

  constructor(options: SampleStoreOptions = {}) {
    this.historyMs = options.historyMs ?? HISTORY_MS;
    this.maxPerPod = Math.max(1, options.maxPerPod ?? MAX_SAMPLES_PER_POD);
  }

  /**
   * Records a reading. One older than the pod's latest means the clock went back: the old history no
   * longer lines up with the new, so it is dropped rather than mixed in.
   */
  add(podKey: string, sample: UtilisationSample): void {
    if (!Number.isFinite(sample.at)) return;
    let list = this.byPod.get(podKey) ?? [];
    const last = list[list.length - 1];
    if (last && sample.at < last.at) list = [];
    list.push(sample);
    const oldest = sample.at - this.historyMs;
    let drop = 0;
    while (drop < list.length && (list[drop].at < oldest || list.length - drop > this.maxPerPod)) drop++;
    this.byPod.set(podKey, drop ? list.slice(drop) : list);
  }

  /**
   * The pod's readings of the hour before `now` (all of them when `now` is not given), oldest first, and any
   * dated after `now`: the clock went back since they were taken, and whoever judges must know that.
   */
  history(podKey: string, now?: number): readonly UtilisationSample[] {
    const list = this.byPod.get(podKey) ?? [];
    if (now === undefined) return [...list];
    return list.filter((s) => s.at >= now - this.historyMs);
  }

  latest(podKey: string): UtilisationSample | undefined {
    const list = this.byPod.get(podKey);
    return list?.[list.length - 1];
  }

  /**
   * Mean of the busiest GPU's utilisation over the readable samples in [now - windowMs, now]; undefined
   * when there is none (never 0 for "no data").
   */
  averageOver(podKey: string, windowMs: number, now: number): Average | undefined {
    const percents = this.history(podKey, now)
      .filter((s) => s.at >= now - windowMs && s.at <= now)
      .map((s) => figuresOf(s)?.maxPercent)
      .filter((p): p is number => p !== undefined);
    if (percents.length === 0) return undefined;
    return { percent: percents.reduce((a, b) => a + b, 0) / percents.length, samples: percents.length };
  }

  /** A terminated or forgotten pod's readings go. */
  forget(podKey: string): void {
    this.byPod.delete(podKey);
  }

  /** Keeps only these pods' readings (the ones still listed and running); returns the keys dropped. */
  retainOnly(podKeys: Iterable<string>): string[] {
    const keep = new Set(podKeys);
    const dropped = [...this.byPod.keys()].filter((k) => !keep.has(k));
    for (const k of dropped) this.byPod.delete(k);
    return dropped;
  }

  pods(): string[] {
    return [...this.byPod.keys()];
  }
}
