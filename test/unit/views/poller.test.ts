import assert from 'node:assert/strict';
import { changingGroups } from '../../../src/core/accountLists';
import type { Clock } from '../../../src/core/clock';
import type { Volume } from '../../../src/core/model';
import type { AccountSnapshot } from '../../../src/services/accountData';
import { Poller } from '../../../src/views/poller';

const T0 = 1_767_225_600_000;

/** Time that moves only when the test says: timers fire in order as it advances. */
class SteppedClock implements Clock {
  private time = T0;
  private timers: Array<{ at: number; fn: () => void }> = [];
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const timer = { at: this.time + ms, fn };
    this.timers.push(timer);
    return timer;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}

/** One Yotta account whose volume is resizing; the cloud says "active" from the `doneAfter`th read on. */
function account(clock: SteppedClock, doneAfter: number) {
  const reads: number[] = [];
  const volume = { id: 'v', name: 'data', status: 'resizing' } as Volume;
  let snapshot: AccountSnapshot = { pods: [], volumes: [volume], loadedAt: T0 };
  const data = {
    snapshot: () => snapshot,
    isRefreshing: () => false,
    isChanging: () => changingGroups(snapshot).length > 0,
    refresh: async () => {
      reads.push(clock.now() - T0);
      const status = reads.length >= doneAfter ? 'active' : 'resizing';
      snapshot = { ...snapshot, volumes: [{ ...volume, status }], loadedAt: clock.now() };
    },
  };
  return { data, reads };
}

describe('the poller follows what changes state to its end, then slows down', () => {
  const view = { visible: true, onDidChangeVisibility: () => ({ dispose() {} }) };
  const accounts = { list: () => [{ id: 'a', cloud: 'yotta' as const, label: 'work', options: {} }] };

  it('reads an account every few seconds while a volume is resizing, and at the cloud interval once it is active', () => {
    const clock = new SteppedClock();
    const { data, reads } = account(clock, 3);
    const poller = new Poller({ view, accounts, data, clock, fastSeconds: () => 5, slowSeconds: () => 60 });
    clock.advance(140_000);
    poller.dispose();
    assert.deepEqual(reads, [5_000, 10_000, 15_000, 75_000, 135_000]);
  });

  it('reads nothing while the view is hidden', () => {
    const clock = new SteppedClock();
    const { data, reads } = account(clock, 3);
    const hidden = { ...view, visible: false };
    const poller = new Poller({ view: hidden, accounts, data, clock, fastSeconds: () => 5, slowSeconds: () => 60 });
    clock.advance(140_000);
    poller.dispose();
    assert.deepEqual(reads, []);
  });
});
