import * as assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import type { Provider } from '../../../src/core/provider';
import type { Account } from '../../../src/services/accounts';
import { AccountBills, PodBills } from '../../../src/services/cloudBills';
import { type NovitaHarness, startNovitaHarness } from '../../simulator/novita/harness';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 15, 10);
const account: Account = { id: 'acc-1', cloud: 'novita', label: 'main', options: {} } as Account;

/** What the provider's bills say the pod has cost since `from`, in USD. */
async function billed(p: Provider, id: string, from: number, to: number): Promise<number> {
  const lines = await p.bills!.list({ from, to, podId: id, per: 'day' });
  return Math.round(lines.reduce((t, l) => t + l.amountUsd, 0) * 10_000) / 10_000;
}

describe("Novita's usage-based bills per instance, against the simulator", () => {
  let h: NovitaHarness;
  let now = T0;
  before(async () => (h = await startNovitaHarness(0.02)));
  after(() => h.stop());
  beforeEach(() => {
    h.sim.reset();
    now = T0;
    h.control.bills.setClock(() => now);
  });

  it('an instance bills its price for the hours it runs, read in 1/10,000 USD and shown in dollars', async () => {
    // 2 × RTX 4090 at $0.35/GPU·h, created two hours ago and running since.
    const id = h.control.seedInstance({ gpuNum: 2, createdAt: (T0 - 2 * HOUR) / 1000 });
    assert.equal(Math.round(h.control.bills.billedUnits(id)), 14_000, 'the simulator bills 14,000 × 1/10,000 USD');
    assert.equal(await billed(h.provider(), id, T0 - 2 * HOUR, T0), 1.4);
  });

  it('the bills grow while the instance runs, stand still while it is stopped, and outlive it', async () => {
    const p = h.provider();
    const id = h.control.seedInstance({ gpuNum: 2, createdAt: T0 / 1000 });
    now = T0 + HOUR;
    assert.equal(await billed(p, id, T0, now), 0.7);
    h.control.setStatus(id, 'exited');
    now = T0 + 3 * HOUR;
    assert.equal(await billed(p, id, T0, now), 0.7, 'a stopped instance bills nothing more');
    h.control.setStatus(id, 'running');
    now = T0 + 4 * HOUR;
    assert.equal(await billed(p, id, T0, now), 1.4);
    h.control.state.instances.delete(id);
    assert.equal(await billed(p, id, T0, now), 1.4, 'a deleted instance keeps its bills');
  });

  it("asks for one instance's bills and counts no other's", async () => {
    const mine = h.control.seedInstance({ gpuNum: 1, createdAt: (T0 - HOUR) / 1000 });
    h.control.seedInstance({ gpuNum: 8, createdAt: (T0 - HOUR) / 1000 });
    assert.equal(await billed(h.provider(), mine, T0 - HOUR, T0), 0.35);
    const asked = h.sim.requestsFor('novita', 'GET', '/billing/bill/list').at(-1)!;
    assert.match(asked.query, new RegExp(`ownerId=${mine}`));
    assert.match(asked.query, /cycleType=Day/);
    assert.match(asked.query, /productCategory=gpu/);
  });

  it('a range longer than the 31 days one query may span is cut to its last 31 days (the cloud refuses longer ones)', async () => {
    const id = h.control.seedInstance({ gpuNum: 1, createdAt: (T0 - 40 * 24 * HOUR) / 1000 });
    const usd = await billed(h.provider(), id, T0 - 40 * 24 * HOUR, T0);
    assert.ok(usd > 0 && usd <= 0.35 * 24 * 32, `${usd}`);
  });

  it("a pod's tooltip reads its bills once a minute at most, whatever the hovering", async () => {
    const p = h.provider();
    const id = h.control.seedInstance({ gpuNum: 2, createdAt: (T0 - HOUR) / 1000 });
    const pod = (await p.getPod(id)) as Pod;
    const bills = new PodBills({ get: async () => p }, { now: () => now });
    const requests = () => h.sim.requestsFor('novita', 'GET', '/billing/bill/list').length;
    assert.deepEqual(await bills.read(account, pod), { usd: 0.7, since: pod.createdAt, cut: false });
    await bills.read(account, pod);
    await bills.read(account, pod);
    assert.equal(requests(), 1);
    now += 61_000;
    await bills.read(account, pod);
    assert.equal(requests(), 2);
  });

  it("an account's today and this month come from its hourly bills, read every 15 minutes at most", async () => {
    const p = h.provider();
    const DAY = 24 * HOUR;
    const utc = { dayStart: (t: number) => Math.floor(t / DAY) * DAY, monthStart: () => Date.UTC(2026, 0, 1) };
    // Created yesterday 22:00 UTC, running since: 12 h until 10:00 today, 10 of them today.
    h.control.seedInstance({ gpuNum: 2, createdAt: (T0 - 12 * HOUR) / 1000 });
    const warned: string[] = [];
    const bills = new AccountBills(
      { get: async () => p },
      { now: () => now },
      { warn: (m) => warned.push(m) },
      15 * 60_000,
      utc,
    );
    let changed = 0;
    bills.onDidChange(() => changed++);
    const requests = () => h.sim.requestsFor('novita', 'GET', '/billing/bill/list').length;
    await bills.refresh([account]);
    assert.equal(changed, 1);
    assert.deepEqual(bills.billed(account.id), { today: 7, month: 8.4, at: T0 });
    await bills.refresh([account]);
    now += 10 * 60_000;
    await bills.refresh([account]);
    assert.equal(requests(), 1, 'not again within 15 minutes');
    h.sim.addFault({
      cloud: 'novita',
      path: '/billing/bill/list',
      status: 500,
      body: { code: 500, reason: 'UNKNOWN', message: 'boom' },
    });
    now += 6 * 60_000;
    await bills.refresh([account]);
    assert.equal(bills.billed(account.id), undefined, 'a failed read leaves the estimate to stand in');
    assert.equal(warned.length, 1);
    const failedRequests = requests();
    await bills.refresh([account]);
    assert.equal(requests(), failedRequests, 'and is not tried again before its time');
  });

  it('two accounts with one key see the same bills: a pod is counted once, under the first', async () => {
    const p = h.provider();
    h.control.seedInstance({ gpuNum: 2, createdAt: (T0 - HOUR) / 1000 });
    const twin: Account = { ...account, id: 'acc-2', label: 'copy' };
    const bills = new AccountBills({ get: async () => p }, { now: () => now }, { warn: () => undefined });
    await bills.refresh([account, twin]);
    const once = bills.billedOnce([account.id, twin.id]);
    assert.equal(once.get(account.id)?.month, 0.7);
    assert.equal(once.get(twin.id)?.month, 0);
  });

  it('a cloud without bills per pod has none to read', async () => {
    const bills = new PodBills({ get: async () => ({ ...h.provider(), bills: undefined }) }, { now: () => now });
    assert.equal(await bills.read(account, { id: 'x', cloud: 'yotta' } as Pod), undefined);
  });
});
