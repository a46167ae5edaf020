import * as assert from 'node:assert/strict';
import { UnexpectedResponseError } from '../../../src/core/errors';
import { fetchAllPages, type Page } from '../../../src/core/paging';

/** A server holding `n` items that caps pages at `cap`, whatever size was asked for. */
function server(n: number, cap: number, report: 'total' | 'pages' | 'none') {
  const all = Array.from({ length: n }, (_x, i) => `item-${i}`);
  const calls: number[] = [];
  const fetchPage = async (page: number): Promise<Page<string>> => {
    calls.push(page);
    const items = all.slice((page - 1) * cap, page * cap);
    if (report === 'total') return { items, total: n };
    if (report === 'pages') return { items, pages: Math.ceil(n / cap) };
    return { items };
  };
  return { fetchPage, calls };
}

describe('fetchAllPages', () => {
  const opts = { cloudName: 'Cloud', what: 'pods', pageSize: 50 };

  it('follows total past pages shorter than asked for (a server cap below our page size)', async () => {
    const s = server(45, 10, 'total');
    const items = await fetchAllPages(s.fetchPage, opts);
    assert.equal(items.length, 45);
    assert.deepEqual(s.calls, [1, 2, 3, 4, 5]);
  });

  it('follows pages to the last one', async () => {
    const s = server(25, 10, 'pages');
    assert.equal((await fetchAllPages(s.fetchPage, opts)).length, 25);
    assert.deepEqual(s.calls, [1, 2, 3]);
  });

  it('without total or pages, a short page ends the list', async () => {
    const s = server(120, 50, 'none');
    assert.equal((await fetchAllPages(s.fetchPage, opts)).length, 120);
    assert.deepEqual(s.calls, [1, 2, 3]);
  });

  it('an empty page before the announced total is an error, not a shorter list', async () => {
    const fetchPage = async (page: number): Promise<Page<string>> => ({ items: page === 1 ? ['a'] : [], total: 5 });
    await assert.rejects(fetchAllPages(fetchPage, opts), UnexpectedResponseError);
  });

  it('an empty last page while the stated total is not reached is an error, even when pages says it was the last', async () => {
    const fetchPage = async (page: number): Promise<Page<string>> => ({
      items: page === 1 ? ['a', 'b', 'c', 'd', 'e'] : [],
      total: 10,
      pages: 2,
    });
    await assert.rejects(fetchAllPages(fetchPage, opts), UnexpectedResponseError);
  });

  it('hitting the safety cap is an error, not a shorter list', async () => {
    const fetchPage = async (page: number): Promise<Page<string>> => ({ items: [`x${page}`], total: 1_000_000 });
    await assert.rejects(fetchAllPages(fetchPage, { ...opts, maxPages: 3 }), /over 3/);
  });

  it('keeps an item that moved to the next page once', async () => {
    const pages = [
      ['a', 'b'],
      ['b', 'c'],
    ];
    const items = await fetchAllPages(async (p) => ({ items: pages[p - 1] ?? [], total: 3 }), {
      ...opts,
      key: (x) => x,
    });
    assert.deepEqual(items, ['a', 'b', 'c']);
  });
});
