import * as assert from 'node:assert/strict';
import type { AccountBalance } from '../../../src/core/balance';
import { BALANCE_HIDDEN_MS, BALANCE_VISIBLE_MS, BalanceWatch } from '../../../src/services/balanceWatch';
import type { AccountBurn, BalanceHost, LowBalance } from '../../../src/services/balanceWatchPort';
import { lowBalanceWarning } from '../../../src/services/lowBalanceWarning';
import { startNovitaHarness, type NovitaHarness } from '../../simulator/novita/harness';
import { FakeClock } from '../core/fakeClock';
import { Memento } from './idleRulesFixture';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The extension around the watch: one account per id, a view that is shown or not, warnings recorded. */
class FakeHost implements BalanceHost {
  readonly memento = new Memento();
  readonly log = { info: () => undefined, warn: () => undefined };
  readonly warnings: LowBalance[] = [];
  readonly reads: string[] = [];
  /** The latest read, to await it (a real request to the simulator). */
  lastRead?: Promise<unknown>;
  visible = true;
  hours = 24;
  burns = new Map<string, AccountBurn>();
  publishes = new Map<string, boolean>();
  private podsListeners = new Set<(id: string) => void>();
  private viewListeners = new Set<() => void>();

  constructor(
    readonly clock: FakeClock,
    private readonly reader: (id: string) => Promise<AccountBalance>,
  ) {}

  accountIds = () => [...this.publishes.keys()];
  publishesBalance = (id: string) => this.publishes.get(id);
  readBalance = (id: string) => {
    this.reads.push(id);
    const read = this.reader(id);
    this.lastRead = read.catch(() => undefined);
    return read;
  };
  burn = (id: string) => this.burns.get(id) ?? { perHour: 0, running: 0, unpriced: 0 };
  warnHours = () => this.hours;
  viewVisible = () => this.visible;
  onViewVisibility(listener: () => void) {
    this.viewListeners.add(listener);
    return { dispose: () => this.viewListeners.delete(listener) };
  }
  onPodsChange(listener: (id: string) => void) {
    this.podsListeners.add(listener);
    return { dispose: () => this.podsListeners.delete(listener) };
  }
  podsChanged(id: string) {
    for (const l of this.podsListeners) l(id);
  }
  setVisible(visible: boolean) {
    this.visible = visible;
    for (const l of this.viewListeners) l();
  }
  warnLow = (low: LowBalance) => void this.warnings.push(low);
}

describe('the low-balance warning (against the simulated Novita, its balance on its own clock)', () => {
  let h: NovitaHarness;
  before(async () => (h = await startNovitaHarness()));
  after(() => h.stop());
  beforeEach(() => h.sim.reset());

  /** A watch over the simulated account, one $0.70/h pod running there. */
  function watchNovita(cashUsd: number) {
    h.control.setBalance(cashUsd);
    h.control.seedInstance({ name: 'burner', productId: 'prod-4090', gpuNum: 2 }); // $0.70/h
    const clock = new FakeClock(Date.now());
    const provider = h.provider();
    const host = new FakeHost(clock, () => provider.balance!());
    host.publishes.set('nov', true);
    host.burns.set('nov', { perHour: 0.7, running: 1, unpriced: 0 });
    return { clock, host, watch: new BalanceWatch(host) };
  }

  /** Time passes for GPU Pods and for the cloud alike; the read the watch started (if any) is awaited. */
  async function pass(ms: number, clock: FakeClock, watch: BalanceWatch) {
    h.control.advanceClock(ms);
    await clock.advance(ms);
    await watch.refresh('nov');
  }

  it('warns once, with a day of pods left, before the balance runs out; never again on the way down', async () => {
    const { clock, host, watch } = watchNovita(30); // about 42 h at $0.70/h
    const warned = () => host.warnings.length;
    await watch.refresh('nov');
    assert.equal(warned(), 0, 'a balance that lasts 42 h is not low');
    let leftWhenWarned: number | undefined;
    while (h.control.availableUsd() > 0) {
      await pass(15 * MINUTE, clock, watch);
      if (warned() === 1 && leftWhenWarned === undefined) leftWhenWarned = h.control.availableUsd();
    }
    assert.equal(host.warnings.length, 1, 'one warning for one crossing, not one per read');
    const [low] = host.warnings;
    assert.ok(leftWhenWarned! > 16, `warned with $${leftWhenWarned} left in the cloud`);
    assert.ok(low.hoursLeft < 24 && low.hoursLeft > 23, String(low.hoursLeft));
    assert.equal(low.burn.perHour, 0.7);
    watch.dispose();
  });

  it('a top-up that lifts the balance above the threshold re-arms it: the next crossing warns again', async () => {
    const { clock, host, watch } = watchNovita(16); // under 24 h at once
    await watch.refresh('nov');
    assert.equal(host.warnings.length, 1);
    h.control.setBalance(100);
    await watch.refresh('nov');
    await pass(10 * MINUTE, clock, watch);
    assert.equal(host.warnings.length, 1, 'not low any more: no warning');
    h.control.setBalance(10);
    await watch.refresh('nov');
    assert.equal(host.warnings.length, 2);
    watch.dispose();
  });

  it('a reload while low does not warn again (the crossing is kept in global state)', async () => {
    const { clock, host, watch } = watchNovita(10);
    await watch.refresh('nov');
    assert.equal(host.warnings.length, 1);
    watch.dispose();
    const reloaded = new BalanceWatch(host);
    await reloaded.refresh('nov');
    await clock.advance(10 * MINUTE);
    assert.equal(host.warnings.length, 1);
    reloaded.dispose();
  });

  it('warns once even when global state hands back an older copy for a while (VS Code echoes writes back)', async () => {
    const { host, watch } = watchNovita(10);
    host.memento.get = () => undefined as never; // every read of global state comes back stale
    await watch.refresh('nov');
    await watch.refresh('nov');
    h.control.advanceClock(HOUR);
    await watch.refresh('nov');
    assert.equal(host.warnings.length, 1);
    watch.dispose();
  });

  it('the runway shrinks on the clock between reads: the crossing warns at once, not at the next read', async () => {
    const { clock, host, watch } = watchNovita(17.675); // 25 h 15 m: below 24 h 75 minutes from now
    await watch.refresh('nov');
    host.setVisible(false); // read every 30 minutes now
    for (let minute = 1; minute <= 77; minute++) {
      h.control.advanceClock(MINUTE);
      await clock.advance(MINUTE);
      await host.lastRead;
      if (minute === 74) assert.equal(host.warnings.length, 0, 'not low yet');
    }
    assert.equal(host.warnings.length, 1);
    assert.equal(host.reads.length, 3, 'read at 0, 30 and 60 minutes; the warning came before the next read');
    watch.dispose();
  });
});

describe('how often balances are read (a fake account)', () => {
  function fake(publishes: boolean | undefined, running = 1) {
    const clock = new FakeClock(0);
    const host = new FakeHost(clock, async () => ({ availableUsd: 500 }));
    host.publishes.set('a', publishes as boolean);
    host.burns.set('a', { perHour: 1, running, unpriced: 0 });
    return { clock, host };
  }

  it('every 5 minutes while the view is visible, not at every refresh of the pods', async () => {
    const { clock, host } = fake(true);
    const watch = new BalanceWatch(host);
    await clock.advance(0);
    assert.equal(host.reads.length, 1, 'read once when first seen');
    for (let i = 0; i < 10; i++) host.podsChanged('a'); // refreshes every few seconds
    await clock.advance(BALANCE_VISIBLE_MS - MINUTE);
    assert.equal(host.reads.length, 1);
    await clock.advance(MINUTE);
    assert.equal(host.reads.length, 2);
    watch.dispose();
  });

  it('every 30 minutes while hidden, and only while a pod of the account runs', async () => {
    const { clock, host } = fake(true);
    const watch = new BalanceWatch(host);
    await clock.advance(0);
    host.setVisible(false);
    await clock.advance(BALANCE_HIDDEN_MS - MINUTE);
    assert.equal(host.reads.length, 1);
    await clock.advance(MINUTE);
    assert.equal(host.reads.length, 2);
    host.burns.set('a', { perHour: 0, running: 0, unpriced: 0 });
    await clock.advance(3 * BALANCE_HIDDEN_MS);
    assert.equal(host.reads.length, 2, 'nothing runs, nobody looks: not read');
    watch.dispose();
    const idle = fake(true, 0);
    idle.host.visible = false;
    const unseen = new BalanceWatch(idle.host);
    await idle.clock.advance(HOUR);
    assert.equal(idle.host.reads.length, 0, 'not even a first read');
    idle.host.setVisible(true);
    await idle.clock.advance(0);
    assert.equal(idle.host.reads.length, 1, 'read as soon as the view shows');
    unseen.dispose();
  });

  it('a cloud that publishes no balance (or not known yet) is never asked', async () => {
    for (const publishes of [false, undefined]) {
      const { clock, host } = fake(publishes);
      const watch = new BalanceWatch(host);
      await clock.advance(HOUR);
      await watch.refresh('a');
      assert.equal(host.reads.length, 0);
      watch.dispose();
    }
  });

  it('a read that fails keeps the last balance, says it failed, and is tried again at the cadence', async () => {
    const { clock, host } = fake(true);
    let fail = false;
    const reader = host.readBalance;
    host.readBalance = (id: string) => (fail ? (host.reads.push(id), Promise.reject(new Error('503'))) : reader(id));
    const watch = new BalanceWatch(host);
    await clock.advance(0);
    fail = true;
    await clock.advance(BALANCE_VISIBLE_MS);
    const r = watch.get('a')!;
    assert.equal(r.balance?.availableUsd, 500);
    assert.equal((r.error as Error).message, '503');
    assert.equal(host.warnings.length, 0);
    watch.dispose();
  });
});

describe('the low-balance warning’s words and buttons', () => {
  const low: LowBalance = {
    accountId: 'a',
    balanceUsd: 16.1,
    hoursLeft: 23,
    burn: { perHour: 0.7, running: 2, unpriced: 1 },
    warnHours: 24,
  };

  it('says what is left, how long it lasts at what rate, the threshold, and what is not counted', () => {
    const { message, buttons } = lowBalanceWarning(low, 'Novita AI (work)', { billingPage: true, stop: 'stop' });
    assert.equal(
      message,
      'Novita AI (work): the balance of $16.10 lasts about 23h 00m at the current $0.70/h, less than the 24 hours ' +
        'you asked to be warned at. 1 running pod without a price is not counted.',
    );
    assert.deepEqual(buttons, { billing: 'Open Billing Page', stop: 'Stop a Pod…' });
  });

  it('offers no billing page it does not know and no stop where the cloud cannot stop; Yotta pauses', () => {
    assert.deepEqual(lowBalanceWarning(low, 'X', { billingPage: false, stop: false }).buttons, {});
    assert.deepEqual(lowBalanceWarning(low, 'X', { billingPage: false, stop: 'pause' }).buttons, {
      stop: 'Pause a Pod…',
    });
  });
});
