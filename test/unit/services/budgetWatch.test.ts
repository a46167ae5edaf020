import * as assert from 'node:assert/strict';
import type { Budget } from '../../../src/core/budget';
import { capabilitiesOf } from '../../../src/core/capabilities';
import type { SpendSoFar } from '../../../src/core/spendSoFar';
import type { Pod } from '../../../src/core/model';
import type { AccountSnapshot } from '../../../src/services/accountData';
import type { Account } from '../../../src/services/accounts';
import type { BurningPod } from '../../../src/services/budgetWarning';
import { BudgetWatch, type BudgetHost } from '../../../src/services/budgetWatch';
import { ExtensionBudgetHost } from '../../../src/services/budgetWatchHost';
import { fakePod, fakeProvider, recordingWorkbench } from '../commands/fakeServices';
import { FakeClock } from '../core/fakeClock';
import { Memento } from './idleRulesFixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 7 December 2026, local midnight. */
const DAY_START = new Date(2026, 11, 7).getTime();

/** The pods burning $1/h in all: the dearest first, one on a cloud that cannot stop (NeevCloud). */
const BURNING: BurningPod[] = [
  { accountId: 'n', podId: 'n1', name: 'trainer', where: 'NeevCloud', perHour: 0.45 },
  { accountId: 'v', podId: 'v1', name: 'notebook', where: 'Novita AI', perHour: 0.35, stop: 'stop' },
  { accountId: 'y', podId: 'y1', name: 'sweep', where: 'Yotta Labs', perHour: 0.15, stop: 'pause' },
  { accountId: 'v', podId: 'v2', name: 'tiny', where: 'Novita AI', perHour: 0.05, stop: 'stop' },
];

/** $1 an hour since the test began, split at local midnight and the first of the month as the budget's periods. */
function dollarAnHour(clock: FakeClock): SpendSoFar {
  const start = clock.now();
  const since = (from: number) => Math.max(0, clock.now() - Math.max(from, start)) / HOUR;
  const d = () => new Date(clock.now());
  return {
    estimated: true,
    today: () => since(new Date(d().getFullYear(), d().getMonth(), d().getDate()).getTime()),
    thisMonth: () => since(new Date(d().getFullYear(), d().getMonth(), 1).getTime()),
  };
}

class FakeBudgetHost implements BudgetHost {
  readonly memento = new Memento();
  readonly log = { info: () => undefined, warn: () => undefined };
  readonly warnings: Array<{ message: string; buttons: string[] }> = [];
  readonly stopped: BurningPod[] = [];
  readonly spend: SpendSoFar;
  settings: Budget | undefined = { amountUsd: 10, period: 'day', warnPercent: 80 };
  answer?: (buttons: string[]) => string | undefined;

  constructor(readonly clock: FakeClock) {
    this.spend = dollarAnHour(clock);
  }
  budget = () => this.settings;
  burning = () => BURNING;
  unpriced = () => 2;
  onPodsChange = () => ({ dispose: () => undefined });
  showWarning = async (message: string, ...buttons: string[]) => {
    this.warnings.push({ message, buttons });
    return this.answer?.(buttons);
  };
  stop = async (pod: BurningPod) => void this.stopped.push(pod);
}

describe('the budget (spend so far against a daily or monthly amount, on the injected clock)', () => {
  it('warns at 80 % and at 100 %, once each per day, and again the next day; it never stops a pod by itself', async () => {
    const clock = new FakeClock(DAY_START);
    const host = new FakeBudgetHost(clock);
    const watch = new BudgetWatch(host);
    await clock.advance(8 * HOUR - MINUTE);
    assert.equal(host.warnings.length, 0, '$7.98 of $10');
    await clock.advance(MINUTE);
    assert.equal(host.warnings.length, 1);
    assert.match(
      host.warnings[0].message,
      /^GPU Pods: about \$8\.00 spent today, 80% of your daily budget of \$10\.00\./,
    );
    await clock.advance(2 * HOUR - MINUTE);
    assert.equal(host.warnings.length, 1, 'the 80 % warning is said once');
    await clock.advance(MINUTE);
    assert.equal(host.warnings.length, 2);
    assert.match(
      host.warnings[1].message,
      /^GPU Pods: about \$10\.00 spent today; your daily budget of \$10\.00 is used up\./,
    );
    await clock.advance(13 * HOUR);
    assert.equal(host.warnings.length, 2, 'over the budget all evening: no more warnings');
    await clock.advance(8 * HOUR); // 7 a.m. the next day: $7 today
    assert.equal(host.warnings.length, 2);
    await clock.advance(HOUR);
    assert.equal(host.warnings.length, 3, 'a new day, a new 80 %');
    assert.match(host.warnings[2].message, /about \$8\.00 spent today, 80%/);
    assert.deepEqual(host.stopped, [], 'no answer, nothing stopped');
    watch.dispose();
  });

  it('a monthly budget counts the month, and a reload does not say a level again', async () => {
    const clock = new FakeClock(DAY_START);
    const host = new FakeBudgetHost(clock);
    host.settings = { amountUsd: 50, period: 'month', warnPercent: 50 };
    const watch = new BudgetWatch(host);
    await clock.advance(25 * HOUR);
    assert.equal(host.warnings.length, 1);
    assert.match(host.warnings[0].message, /about \$25\.00 spent this month, 50% of your monthly budget of \$50\.00/);
    watch.dispose();
    const reloaded = new BudgetWatch(host);
    await clock.advance(HOUR);
    assert.equal(host.warnings.length, 1);
    reloaded.dispose();
  });

  it('names the three pods that burn most, with a Stop (Pause on Yotta) button for each its cloud can stop', async () => {
    const clock = new FakeClock(DAY_START);
    const host = new FakeBudgetHost(clock);
    host.answer = (buttons) => buttons.find((b) => b.includes('sweep'));
    const watch = new BudgetWatch(host);
    await clock.advance(8 * HOUR);
    const [warning] = host.warnings;
    assert.match(
      warning.message,
      /Burning most: trainer \$0\.45\/h \(NeevCloud\), notebook \$0\.35\/h \(Novita AI\), sweep \$0\.15\/h \(Yotta Labs\)\. 2 running pods without a price are not counted\. GPU Pods stops nothing by itself\.$/,
    );
    assert.deepEqual(warning.buttons, ['Stop "notebook"', 'Pause "sweep"']);
    assert.deepEqual(
      host.stopped.map((p) => p.podId),
      ['y1'],
      'the button pressed stops that pod',
    );
    watch.dispose();
  });

  it('each level once even when global state hands back an older copy for a while', async () => {
    const clock = new FakeClock(DAY_START);
    const host = new FakeBudgetHost(clock);
    const watch = new BudgetWatch(host);
    host.memento.get = () => undefined as never;
    await clock.advance(9 * HOUR);
    assert.equal(host.warnings.length, 1);
    watch.dispose();
  });

  it('no budget set: nothing is said, however much is spent', async () => {
    const clock = new FakeClock(DAY_START);
    const host = new FakeBudgetHost(clock);
    host.settings = undefined;
    const watch = new BudgetWatch(host);
    await clock.advance(20 * HOUR);
    assert.equal(host.warnings.length, 0);
    watch.dispose();
  });
});

describe('the budget warning’s Stop button goes through the Stop command and its capability checks', () => {
  const account: Account = { id: 'v', cloud: 'novita', label: 'work', options: {} };
  const yotta: Account = { id: 'y', cloud: 'yotta', label: 'lab', options: {} };

  function hostWith(pods: Record<string, Pod[]>, stopWord: 'stop' | 'pause' = 'stop') {
    const snapshots = new Map<string, AccountSnapshot>();
    for (const [id, list] of Object.entries(pods)) {
      const provider = fakeProvider(id === 'y' ? 'yotta' : 'novita', { pods: list });
      const caps = capabilitiesOf({
        ...provider,
        facts: { ...provider.facts, stopWord: id === 'y' ? 'pause' : stopWord },
        allows: (action, pod) => action !== 'stop' || pod.status === 'running',
      });
      snapshots.set(id, { pods: list, capabilities: caps });
    }
    const workbench = recordingWorkbench();
    const host = new ExtensionBudgetHost({
      memento: new Memento() as never,
      accounts: {
        list: () => [account, yotta],
        get: (id: string) => [account, yotta].find((a) => a.id === id),
      } as never,
      data: {
        snapshot: (id: string) => snapshots.get(id),
        refresh: async () => undefined,
        allPods: () =>
          [account, yotta].flatMap((a) => (snapshots.get(a.id)?.pods ?? []).map((pod) => ({ account: a, pod }))),
      } as never,
      log: { info: () => undefined, warn: () => undefined } as never,
      clock: new FakeClock(DAY_START),
      spend: { today: () => 0, thisMonth: () => 0, estimated: true },
      workbench,
      budget: () => undefined,
    });
    return { host, workbench };
  }

  it('runs Stop Pod on the pod row when its cloud still allows it now, Pause Pod on Yotta', async () => {
    const running = { ...fakePod('novita', 'v1', 'notebook'), pricePerHour: 0.35 };
    const paused = { ...fakePod('yotta', 'y1', 'sweep'), pricePerHour: 0.15 };
    const { host, workbench } = hostWith({ v: [running], y: [paused] });
    await host.stop({ accountId: 'v', podId: 'v1', name: 'notebook', where: 'Novita AI', perHour: 0.35, stop: 'stop' });
    await host.stop({ accountId: 'y', podId: 'y1', name: 'sweep', where: 'Yotta Labs', perHour: 0.15, stop: 'pause' });
    assert.deepEqual(
      workbench.commands.map((c) => [c.id, (c.args[0] as { pod: Pod }).pod.id]),
      [
        ['gpuPods.stopPod', 'v1'],
        ['gpuPods.pausePod', 'y1'],
      ],
    );
  });

  it('a pod that stopped meanwhile is not sent to the Stop command; the user is told', async () => {
    const stopped = fakePod('novita', 'v1', 'notebook', 'stopped');
    const { host, workbench } = hostWith({ v: [stopped] });
    await host.stop({ accountId: 'v', podId: 'v1', name: 'notebook', where: 'Novita AI', perHour: 0.35, stop: 'stop' });
    assert.deepEqual(workbench.commands, []);
    assert.match(workbench.infos[0].message, /cannot stop "notebook" now/);
  });

  it('lists only priced running pods, dearest first, each with what its cloud can do now', () => {
    const { host } = hostWith({
      v: [
        { ...fakePod('novita', 'v1', 'cheap'), pricePerHour: 0.2 },
        { ...fakePod('novita', 'v2', 'dear'), pricePerHour: 1.5 },
        fakePod('novita', 'v3', 'unpriced'),
      ],
    });
    assert.deepEqual(
      host.burning().map((p) => [p.name, p.perHour, p.stop]),
      [
        ['dear', 1.5, 'stop'],
        ['cheap', 0.2, 'stop'],
      ],
    );
    assert.equal(host.unpriced(), 1);
  });
});
