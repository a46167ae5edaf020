import assert from 'node:assert/strict';
import { figuresOf } from '../../../../src/core/utilisation/model';
import { HISTORY_MS, MAX_SAMPLES_PER_POD, SampleStore } from '../../../../src/core/utilisation/samples';
import { down, gpus, MINUTE, T0 } from './samples';

describe('utilisation samples', () => {
  it('keeps the last hour per pod, oldest first; older readings are dropped', () => {
    const store = new SampleStore();
    for (let m = 0; m <= 90; m++) store.add('a/p1', gpus(T0 + m * MINUTE, m));
    const kept = store.history('a/p1');
    assert.equal(kept[0].at, T0 + 30 * MINUTE);
    assert.equal(kept[kept.length - 1].at, T0 + 90 * MINUTE);
    assert.equal(kept.length, 61);
    assert.deepEqual(store.latest('a/p1'), gpus(T0 + 90 * MINUTE, 90));
  });

  it('memory stays bounded whatever the sampling rate', () => {
    const store = new SampleStore();
    for (let s = 0; s < 3600; s++) store.add('a/p1', gpus(T0 + s * 1000, 50));
    assert.equal(store.history('a/p1').length, MAX_SAMPLES_PER_POD);
    assert.equal(store.latest('a/p1')!.at, T0 + 3599 * 1000, 'the newest are the ones kept');
  });

  it('pods are kept apart and a forgotten (terminated) pod loses its readings', () => {
    const store = new SampleStore();
    store.add('a/p1', gpus(T0, 10));
    store.add('a/p2', gpus(T0, 20));
    store.forget('a/p1');
    assert.equal(store.latest('a/p1'), undefined);
    assert.deepEqual(store.history('a/p1'), []);
    assert.equal(figuresOf(store.latest('a/p2')!)?.maxPercent, 20);
    store.add('b/p3', gpus(T0, 30));
    assert.deepEqual(store.retainOnly(['b/p3']), ['a/p2']);
    assert.deepEqual(store.pods(), ['b/p3']);
  });

  it('a clock that went back starts the pod afresh instead of mixing histories', () => {
    const store = new SampleStore();
    store.add('a/p1', gpus(T0 + 10 * MINUTE, 1));
    store.add('a/p1', gpus(T0 + 11 * MINUTE, 1));
    store.add('a/p1', gpus(T0 + 5 * MINUTE, 1));
    assert.deepEqual(
      store.history('a/p1').map((s) => s.at),
      [T0 + 5 * MINUTE],
    );
  });

  it('history(now) gives the hour before now, and a reading dated after now (the clock went back since)', () => {
    const store = new SampleStore();
    store.add('a/p1', gpus(T0, 1));
    store.add('a/p1', gpus(T0 + 30 * MINUTE, 1));
    assert.equal(store.history('a/p1', T0 + HISTORY_MS + 1).length, 1);
    assert.deepEqual(
      store.history('a/p1', T0 + 10 * MINUTE).map((s) => s.at),
      [T0, T0 + 30 * MINUTE],
      'the judge must see the reading from "the future", not what is left without it',
    );
    assert.equal(store.averageOver('a/p1', HISTORY_MS, T0 + 10 * MINUTE)?.samples, 1, 'an average is of the past');
  });

  it('averages the busiest GPU over a window, skipping unreadable samples; no reading is no average, not 0', () => {
    const store = new SampleStore();
    store.add('a/p1', gpus(T0, 100, 0));
    store.add('a/p1', gpus(T0 + 5 * MINUTE, 10, 30));
    store.add('a/p1', down(T0 + 6 * MINUTE));
    store.add('a/p1', gpus(T0 + 7 * MINUTE, 50, undefined));
    store.add('a/p1', gpus(T0 + 8 * MINUTE, 20, 0));
    assert.deepEqual(store.averageOver('a/p1', 5 * MINUTE, T0 + 10 * MINUTE), { percent: 25, samples: 2 });
    assert.deepEqual(store.averageOver('a/p1', 10 * MINUTE, T0 + 10 * MINUTE), { percent: 50, samples: 3 });
    assert.equal(store.averageOver('a/p1', MINUTE, T0 + 30 * MINUTE), undefined);
    assert.equal(store.averageOver('nobody', HISTORY_MS, T0), undefined);
  });
});
