import * as assert from 'node:assert/strict';
import { computeBurnRate, type BurnEntry } from '../../../src/core/burnRate';
import type { Pod } from '../../../src/core/model';
import { startGpuGeek, type GpuGeekHarness } from '../../simulator/gpugeek/testing';
import { gpuGeekPod as pod } from './pods';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 1, 12);

const entry = (p: Pod): BurnEntry => ({ accountId: 'a1', cloud: p.cloud, where: 'GPUGeek', pod: p });

describe('a price quoted at create', () => {
  let h: GpuGeekHarness;
  before(async () => (h = await startGpuGeek()));
  after(() => h.sim.stop());
  beforeEach(() => h.sim.reset());

  it('GPUGeek hands the summary’s quote over with the new pod (its pod list carries no price)', async () => {
    const form = h.provider().createForm();
    const answers = {
      gpuName: 'G40-24G',
      gpuNum: '1',
      dcId: 'suqian-b',
      skuName: 'payg',
      imageId: '123abc',
      systemDiskSize: '30',
      dataDiskSize: '20',
      tcpPorts: '',
      httpPorts: '',
      name: 'quoted',
    };
    const lines = await form.summarize(answers, { jupyterPassword: 'x' });
    assert.equal(lines.find((l) => l.label === 'Price')?.value, "1.98/h (GPUGeek's quote; no currency stated)");
    const created = await form.create(answers, { jupyterPassword: 'x' });
    assert.deepEqual(created.quotedPrice, { amount: 1.98, per: 'hour' });
    const [listed] = await h.provider().listPods();
    assert.equal(listed.pricePerHour, undefined, 'the list itself has no price: the quote is what GPU Pods knows');
  });

  it('counts in the burn rate: a dollar quote in the sum, one in another or no currency apart, never as $0', () => {
    const b = computeBurnRate(
      [
        entry(pod('listed', { pricePerHour: 0.7 })),
        entry(pod('usd', { quotedPrice: { amount: 1.2, currency: 'USD', per: 'hour' } })),
        entry(pod('geek', { quotedPrice: { amount: 1.98, per: 'hour' }, createdAt: NOW - 2 * HOUR })),
        entry(pod('daily', { quotedPrice: { amount: 48, currency: 'CNY', per: 'day' } })),
        entry(pod('unknown')),
      ],
      NOW,
    );
    assert.equal(b.knownPerHour, 1.9);
    assert.equal(b.priced, 2);
    assert.deepEqual(
      [...b.other].sort((x, y) => x.perHour - y.perHour),
      [
        { currency: undefined, perHour: 1.98, pods: 1 },
        { currency: 'CNY', perHour: 2, pods: 1 },
      ],
    );
    assert.equal(b.unknown, 1);
    const geek = b.rows.find((r) => r.pod.id === 'geek')!;
    assert.equal(geek.perHour, undefined, 'not added to dollars');
    assert.equal(geek.spent, 3.96);
  });
});

describe('prices carry their unit and period', () => {});
