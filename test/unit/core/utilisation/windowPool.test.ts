import * as assert from 'node:assert/strict';
import { windowPool, type SamplingPool } from '../../../../src/core/utilisation/windowPool';

function fakePool(open: string[]) {
  const closed: string[] = [];
  let disposed = false;
  const pool: SamplingPool = {
    exec: async () => ({ stdout: '', stderr: '', code: 0, truncated: false }) as never,
    openKeys: () => open.filter((k) => !closed.includes(k)),
    close: (key) => void closed.push(key),
    dispose: () => void (disposed = true),
  };
  return { pool, closed, disposed: () => disposed };
}

describe("sampling's SSH connections never outlive their pod or the window", () => {
  it('no connection until a pod is read over SSH; then one pool for the window', async () => {
    let created = 0;
    const f = fakePool([]);
    const w = windowPool(async () => (created++, f.pool));
    await w.closeAllBut(new Set());
    assert.equal(created, 0, 'nothing loaded for a window that samples nothing over SSH');
    assert.equal(await w.get(), await w.get());
    assert.equal(created, 1);
  });

  it('a pod that stopped or went has its connection closed; running pods keep theirs', async () => {
    const f = fakePool(['gpugeek:a', 'gpugeek:b', 'novita:c']);
    const w = windowPool(async () => f.pool);
    await w.get();
    await w.closeAllBut(new Set(['gpugeek:b']));
    assert.deepEqual(f.closed.sort(), ['gpugeek:a', 'novita:c']);
  });

  it('a pod whose new host key the user accepted is tried afresh (its refusal is forgotten)', async () => {
    const f = fakePool(['gpugeek:a']);
    const w = windowPool(async () => f.pool);
    await w.get();
    await w.close('gpugeek:b');
    assert.deepEqual(f.closed, ['gpugeek:b']);
  });

  it('closing the window closes every connection, and nothing opens after', async () => {
    const f = fakePool(['gpugeek:a']);
    const w = windowPool(async () => f.pool);
    await w.get();
    await w.dispose();
    assert.equal(f.disposed(), true);
    await assert.rejects(w.get(), /closing/);
  });
});
