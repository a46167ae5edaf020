import * as assert from 'node:assert/strict';
import { NetworkError } from '../../../src/core/errors';
import {
  type HostEntry,
  parseHostFile,
  PodHostStore,
  renderHostFile,
  unlistedEntries,
} from '../../../src/core/ssh/hostEntries';
import { confirmGone } from '../../../src/core/ssh/prune';
import { MemFs, pod } from './helpers';

const OPTS = { identityFile: '/h/.ssh/gpupods/id', knownHostsFile: '/h/.ssh/gpupods/known_hosts' };
const CFG = '/h/.ssh/gpupods/config';
const entry = (podId: string, account?: string, cloud: HostEntry['cloud'] = 'yotta'): HostEntry => ({
  alias: `gpupods-${cloud}-${podId}`,
  cloud,
  podId,
  host: '203.0.113.7',
  port: 22,
  user: 'root',
  ...(account ? { account } : {}),
});
const logs: string[] = [];
const logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: (m: string) => void logs.push(m),
  warn: (m: string) => void logs.push(m),
  error: () => undefined,
};

describe('SSH entries belong to an account', () => {
  it('the account id is written in our marker and read back; entries from before the marker have none', () => {
    const text = renderHostFile([entry('1', 'mn3k2-ab12cd34'), entry('2')], OPTS);
    assert.match(text, /^ {2}# gpupods: yotta 1 account=mn3k2-ab12cd34$/m);
    assert.match(text, /^ {2}# gpupods: yotta 2$/m);
    assert.deepEqual(
      parseHostFile(text).map((e) => e.account),
      ['mn3k2-ab12cd34', undefined],
    );
    assert.throws(() => renderHostFile([entry('3', 'x y\nProxyCommand z')], OPTS), /account id/);
  });

  it("only an account's own unlisted entries are candidates; another account's and unmarked ones never are", () => {
    const entries = [entry('1', 'a'), entry('2', 'a'), entry('3', 'b'), entry('4'), entry('5', 'a', 'novita')];
    assert.deepEqual(
      unlistedEntries(entries, 'a', 'yotta', new Set(['1'])).map((e) => e.podId),
      ['2'],
    );
    assert.deepEqual(
      unlistedEntries(entries, 'b', 'yotta', new Set()).map((e) => e.podId),
      ['3'],
    );
    assert.deepEqual(unlistedEntries(entries, 'c', 'yotta', new Set()), []);
  });

  it('a connect makes its account the owner; a refresh only adopts unmarked entries, never steals one', async () => {
    const fs = new MemFs();
    const s = new PodHostStore({ fs, configPath: CFG, ...OPTS });
    await s.upsert([pod({ id: '1' }), pod({ id: '2' })]); // an older version wrote these, unmarked
    await s.upsert([pod({ id: '3' })], { account: 'profile-b' });
    assert.deepEqual(
      (await s.adopt('window-a', 'yotta', new Set(['1', '3']))).map((e) => e.podId),
      ['1'],
    );
    await s.upsert([pod({ id: '3', ssh: { host: '198.51.100.1', port: 2222, user: 'root' } })], {
      account: 'window-a',
      adoptOnly: true,
    });
    assert.deepEqual(
      (await s.list()).map((e) => [e.podId, e.account ?? '-']),
      [
        ['1', 'window-a'],
        ['2', '-'],
        ['3', 'profile-b'],
      ],
    );
    await s.upsert([pod({ id: '3' })], { account: 'window-a' });
    assert.equal((await s.list()).find((e) => e.podId === '3')?.account, 'window-a');
  });

  it('removing from a host file that does not exist creates no file and no folder', async () => {
    const fs = new MemFs();
    const s = new PodHostStore({ fs, configPath: CFG, ...OPTS });
    assert.deepEqual(await s.remove([{ cloud: 'yotta', id: '1' }]), []);
    assert.deepEqual(await s.removeOwned('a', [{ cloud: 'yotta', id: '1' }]), []);
    assert.deepEqual(await s.adopt('a', 'yotta', new Set(['1'])), []);
    assert.deepEqual([...fs.files.keys()], []);
  });
});

describe('a pod left out of a list is asked about before its entry goes', () => {
  it('removes only what the cloud says is gone (not found, or terminated); a live pod or an error keeps it', async () => {
    logs.length = 0;
    const answers: Record<string, () => Promise<ReturnType<typeof pod> | undefined>> = {
      gone: async () => undefined,
      ended: async () => pod({ id: 'ended', status: 'terminated' }),
      alive: async () => pod({ id: 'alive', status: 'running' }),
      flaky: async () => {
        throw new NetworkError('connection reset');
      },
    };
    const asked: string[] = [];
    const gone = await confirmGone(
      Object.keys(answers).map((id) => entry(id, 'a')),
      (e) => (asked.push(e.podId), answers[e.podId]()),
      logger,
    );
    assert.deepEqual(asked, ['gone', 'ended', 'alive', 'flaky'], 'one request per candidate');
    assert.deepEqual(
      gone.map((e) => e.podId),
      ['gone', 'ended'],
    );
    assert.ok(logs.some((l) => /Keeping the SSH entry gpupods-yotta-alive/.test(l)));
    assert.ok(logs.some((l) => /Keeping the SSH entry gpupods-yotta-flaky.*connection reset/.test(l)));
  });
});
