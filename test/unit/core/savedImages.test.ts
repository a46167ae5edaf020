import assert from 'node:assert/strict';
import { CancelledError, CloudError, TimeoutError } from '../../../src/core/errors';
import { followSaveJob, type ImageSaveJob, validateSaveTarget } from '../../../src/core/savedImages';
import { SAVED_IMAGES_KEY, SavedImages } from '../../../src/services/savedImages';
import { FakeClock } from './fakeClock';

/** A job that reports these states, one per look (the last one repeats). */
function jobs(...states: Array<ImageSaveJob | undefined>) {
  let n = 0;
  return {
    job: async () => states[Math.min(n++, states.length - 1)],
  };
}
const running: ImageSaveJob = { state: 'running', rawState: 'running' };

describe('saving a pod as an image', () => {
  it('asks for a full reference ending in a name and a tag', () => {
    assert.equal(validateSaveTarget('registry.example.com/team/env:v1'), undefined);
    assert.match(validateSaveTarget('registry.example.com/team/env')!, /name and a tag/);
    assert.match(validateSaveTarget('registry.example.com/Team/Env:v1')!, /lowercase/);
    assert.ok(validateSaveTarget(''));
    assert.ok(validateSaveTarget('a b:1'));
  });

  it('follows the job on the clock until the cloud says it is done, showing each state', async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    const source = jobs(undefined, { state: 'running', rawState: 'pulling' }, running, {
      state: 'done',
      rawState: 'success',
    });
    const done = await clock.run(
      followSaveJob(source, 'job-1', {
        clock,
        intervalMs: 2000,
        timeoutMs: 600_000,
        onUpdate: (j) => seen.push(j?.rawState ?? 'not listed'),
      }),
    );
    assert.equal(done.state, 'done');
    assert.deepEqual(seen, ['not listed', 'pulling', 'running', 'success']);
  });

  it("ends with the cloud's reason when the job fails", async () => {
    const clock = new FakeClock();
    const source = jobs(running, { state: 'failed', rawState: 'fail', message: 'push denied: unauthorized' });
    await assert.rejects(
      clock.run(followSaveJob(source, 'j', { clock, intervalMs: 1000, timeoutMs: 60_000 })),
      (e: unknown) =>
        e instanceof CloudError && e.message === 'The image could not be saved: push denied: unauthorized',
    );
  });

  it('stops following after its time, saying the save carries on', async () => {
    const clock = new FakeClock();
    await assert.rejects(
      clock.run(followSaveJob(jobs(running), 'j', { clock, intervalMs: 60_000, timeoutMs: 5 * 60_000 })),
      (e: unknown) => e instanceof TimeoutError && /still under way after 5 min; it carries on/.test(e.message),
    );
  });

  it('a cancelled progress stops the following, not the save', async () => {
    const clock = new FakeClock();
    const abort = new AbortController();
    const following = followSaveJob(jobs(running), 'j', {
      clock,
      intervalMs: 1000,
      timeoutMs: 60_000,
      signal: abort.signal,
    });
    await clock.advance(2500);
    abort.abort();
    await assert.rejects(clock.run(following), CancelledError);
  });
});

describe('saved images kept per account (global state holds references and ids, never a password)', () => {
  function memento() {
    const data = new Map<string, unknown>();
    return {
      data,
      get: <T>(key: string) => data.get(key) as T,
      update: async (key: string, value: unknown) => void data.set(key, value),
    };
  }

  it('keeps a save, marks it done, forgets a failed one, and shows each account its own', async () => {
    const m = memento();
    const store = new SavedImages(m);
    await store.add('acc-1', { image: 'r.io/a:1', credentialId: 'ra-1', jobId: 'j1', savedAt: 1, done: false });
    await store.add('acc-1', { image: 'r.io/b:1', jobId: 'j2', savedAt: 2, done: false });
    await store.add('acc-2', { image: 'r.io/c:1', jobId: 'j3', savedAt: 3, done: false });
    await store.markDone('acc-1', 'j1');
    await store.forget('acc-1', 'j2');
    assert.deepEqual(store.of('acc-1'), [
      { image: 'r.io/a:1', credentialId: 'ra-1', jobId: 'j1', savedAt: 1, done: true },
    ]);
    assert.equal(store.of('acc-2').length, 1);
    assert.doesNotMatch(JSON.stringify(m.data.get(SAVED_IMAGES_KEY)), /password/i);
  });

  it('the image just saved stays offered when global state hands back an older copy for a moment', async () => {
    const m = memento();
    const store = new SavedImages(m);
    await store.add('a', { image: 'r.io/x:1', jobId: 'j1', savedAt: 1, done: false });
    const echo = m.data.get(SAVED_IMAGES_KEY);
    await store.markDone('a', 'j1');
    m.data.set(SAVED_IMAGES_KEY, echo); // the earlier write echoing back
    assert.deepEqual(
      store.of('a').map((s) => s.done),
      [true],
    );
  });

  it('a newer save to the same reference replaces the older one; unreadable entries are ignored', async () => {
    const m = memento();
    m.data.set(SAVED_IMAGES_KEY, [{ image: 42 }, 'junk']);
    const store = new SavedImages(m);
    await store.add('a', { image: 'r.io/x:1', jobId: 'old', savedAt: 1, done: true });
    await store.add('a', { image: 'r.io/x:1', jobId: 'new', savedAt: 2, done: false });
    assert.deepEqual(
      store.of('a').map((s) => s.jobId),
      ['new'],
    );
  });
});
