import assert from 'node:assert/strict';
import { CachedLoad } from '../../../src/core/cachedLoad';

describe('CachedLoad', () => {
  it('loads once for every caller until forgotten', async () => {
    let calls = 0;
    const list = new CachedLoad(async () => ++calls);
    assert.deepEqual(await Promise.all([list.get(), list.get()]), [1, 1]);
    list.forget();
    assert.equal(await list.get(), 2);
  });

  it('does not keep a failure: the next call loads again', async () => {
    let calls = 0;
    const list = new CachedLoad(async () => {
      if (++calls === 1) throw new Error('network');
      return 'ok';
    });
    await assert.rejects(list.get(), /network/);
    assert.equal(await list.get(), 'ok');
  });
});
