/** The idle rules over fake lists, feed, clock and workbench (shared by the idle-rule unit tests). */
import type { Pod } from '../../../src/core/model';
import type { PodKey, SamplingDemand, UtilisationFeed } from '../../../src/core/utilisation/feed';
import type { UtilisationSample } from '../../../src/core/utilisation/model';
import { IdleRules } from '../../../src/services/idleRules';
import type { FreshPod, IdleRulesHost } from '../../../src/services/idleRulesPort';
import { FakeClock } from '../core/fakeClock';
import { MINUTE, minutes, T0 } from '../core/utilisation/samples';

/** A feed the test fills: readings per pod key, demand recorded. */
export class FakeFeed implements UtilisationFeed {
  readonly samples = new Map<PodKey, UtilisationSample[]>();
  readonly demand = new Map<SamplingDemand, readonly PodKey[] | 'allRunning'>();
  private readonly listeners = new Set<() => void>();
  latest(key: PodKey) {
    return this.samples.get(key)?.at(-1);
  }
  history(key: PodKey) {
    return this.samples.get(key) ?? [];
  }
  onDidChange(listener: () => void) {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  setDemand(demand: SamplingDemand, keys: readonly PodKey[] | 'allRunning') {
    this.demand.set(demand, keys);
  }
}

export class Memento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown) {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

export function pod(id: string, status: Pod['status'] = 'running', price = 1.55): Pod {
  return {
    cloud: 'yotta',
    kind: 'pod',
    id,
    name: `pod-${id}`,
    status,
    rawStatus: status,
    pricePerHour: price,
    ports: [],
    details: [],
  };
}

interface Warning {
  message: string;
  buttons: string[];
  answer(choice?: string): void;
}

export interface FakeHostOptions {
  memento?: Memento;
  canStop?: boolean;
  /** The fresh pod can be deleted (default: yes). */
  canTerminate?: boolean;
  listReadable?: boolean;
  /** The readings: by default a feed the test fills by hand. */
  feed?: UtilisationFeed;
  clock?: FakeClock;
  graceMinutes?: number;
  /** The pods the lists hold at first (default: p1 running). */
  pods?: Pod[];
}

/**
 * A rules host over fake lists, feed, clock and workbench: `stopped` and `terminated` list the pods acted on, in
 * order; `state.listReadable` false makes every read of a list fail (the last good list stays, as in the tree).
 */
export function fakeHost(options: FakeHostOptions = {}) {
  const memento = options.memento ?? new Memento();
  const fake = new FakeFeed();
  const feed = options.feed ?? fake;
  const clock = options.clock ?? new FakeClock(T0);
  const pods = new Map<string, Pod>((options.pods ?? [pod('p1')]).map((p) => [p.id, p]));
  const warnings: Warning[] = [];
  const infos: string[] = [];
  const logs: string[] = [];
  const stopped: string[] = [];
  const terminated: string[] = [];
  const state = { listReadable: options.listReadable ?? true };
  const podListeners = new Set<(id: string) => void>();
  const listedAsked: string[][] = [];
  const host: IdleRulesHost = {
    memento,
    feed,
    log: {
      info: (m: string) => void logs.push(m),
      warn: (m: string) => void logs.push(`WARN ${m}`),
      error: (m: string | Error) => void logs.push(`ERROR ${String(m)}`),
    },
    clock,
    graceMs: () => (options.graceMinutes ?? 10) * MINUTE,
    clouds: ['yotta', 'novita', 'gpugeek', 'neevcloud'],
    pods: () => [...pods.values()].map((p) => ({ accountId: 'acc', pod: p })),
    listed: () => (state.listReadable ? [...pods.values()] : undefined),
    keepListed: (ids) => void listedAsked.push([...ids]),
    onPodsChange: (l) => {
      podListeners.add(l);
      return { dispose: () => podListeners.delete(l) };
    },
    fresh: async (_a, id): Promise<FreshPod | undefined> => {
      const p = pods.get(id);
      podListeners.forEach((l) => l('acc'));
      if (!state.listReadable || !p) return undefined;
      return {
        pod: p,
        canStop: options.canStop ?? true,
        canTerminate: options.canTerminate ?? true,
        stopVerb: 'pause',
        stoppedWord: 'Paused',
        terminateVerb: 'delete',
        terminatedWord: 'Deleted',
        cloudName: 'Yotta Labs',
      };
    },
    stop: async (_a, p) => {
      stopped.push(p.id);
      pods.set(p.id, { ...p, status: 'stopped' });
    },
    terminate: async (_a, p) => {
      terminated.push(p.id);
      pods.delete(p.id);
      podListeners.forEach((l) => l('acc'));
    },
    terminateWord: () => 'delete',
    showWarning: (message, ...buttons) =>
      new Promise((resolve) => warnings.push({ message, buttons, answer: resolve })),
    showInfo: async (message) => {
      infos.push(message);
      return undefined;
    },
  };
  /** The wall clock reads minute `m` (no timer fires: the test calls check() itself). */
  const at = (m: number) => {
    const by = T0 + m * MINUTE - clock.now();
    if (by >= 0) clock.stepForward(by);
    else clock.stepBack(-by);
  };
  const podsChanged = () => podListeners.forEach((l) => l('acc'));
  return {
    host,
    feed: fake,
    memento,
    clock,
    at,
    pods,
    warnings,
    infos,
    logs,
    stopped,
    terminated,
    state,
    podsChanged,
    listedAsked,
  };
}

/** The idle rules over fake lists, feed, clock and workbench; `stopped` lists the pods stopped, in order. */
export function setup(options: FakeHostOptions = {}) {
  const t = fakeHost(options);
  const { host, pods } = t;
  const rules = new IdleRules(host);
  const arm = () =>
    rules.set({ accountId: 'acc', cloud: 'yotta', pod: pods.get('p1')! }, { thresholdPercent: 5, forMinutes: 30 });
  return { ...t, rules, arm };
}

/** An armed 30-minute rule on p1, whose GPUs were idle from minute 0 to 31, looked at once: warned, not yet stopped. */
export async function warnedAtMinute31(): Promise<ReturnType<typeof setup>> {
  const t = setup();
  await t.arm();
  t.feed.samples.set('acc/p1', minutes(0, 31, 2));
  t.at(31);
  await t.rules.check();
  return t;
}
