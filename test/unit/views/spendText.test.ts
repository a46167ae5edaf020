import assert from 'node:assert/strict';
import type { Pod } from '../../../src/core/model';
import { podSpendRow, setPriceLink, spendLine } from '../../../src/views/spendText';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 0, 15, 12);

function pod(fields: Partial<Pod> = {}): Pod {
  return {
    cloud: 'yotta',
    kind: 'pod',
    id: 'p',
    name: 'p',
    status: 'running',
    rawStatus: 'RUNNING',
    createdAt: NOW - 2 * HOUR,
    ports: [],
    details: [],
    ...fields,
  };
}

describe('spend figures say where they come from', () => {
  it("a pod's spend is billed by its cloud where its bills were read, else an estimate said to be one", () => {
    const billed = podSpendRow(pod({ cloud: 'novita', pricePerHour: 0.7 }), NOW, {
      cloudName: 'Novita AI',
      billed: { usd: 1.4123, since: NOW - 2 * HOUR, cut: false },
    });
    assert.equal(billed?.[0], 'Spent');
    assert.match(billed![1], /^\$1\.41 since .+ \(billed by Novita AI\)$/);
    const estimated = podSpendRow(pod({ gpuName: 'RTX 5090', gpuCount: 2 }), NOW, { prices: { 'RTX 5090': 0.8 } });
    assert.equal(
      estimated?.[1],
      'about $3.20 in 2h 00m since created (estimated: price × time; less if it was stopped in between)',
    );
    const unreadable = podSpendRow(pod({ pricePerHour: 1 }), NOW, { billed: 'unreadable' });
    assert.match(unreadable![1], /^about \$2\.00 .*\(estimated.*; the bills could not be read$/);
  });

  it('a pod with no price, or not running, shows no made-up spend', () => {
    assert.equal(podSpendRow(pod({ gpuName: 'RTX 5090', gpuCount: 2 }), NOW), undefined);
    assert.equal(podSpendRow(pod({ pricePerHour: 1, status: 'stopped' }), NOW), undefined);
  });

  it('bills older than the cloud keeps say so', () => {
    const row = podSpendRow(pod({ cloud: 'novita' }), NOW, {
      cloudName: 'Novita AI',
      billed: { usd: 20, since: NOW - 31 * 24 * HOUR, cut: true },
    });
    assert.match(row![1], /^\$20\.00 since .+ \(billed by Novita AI; its bills reach no further back\)$/);
  });

  it("today's line adds an account's bills to the others' estimate, and never adds yuan or an unstated currency to dollars", () => {
    const names = (id: string) => ({ n: 'Novita AI', y: 'Yotta Labs', g: 'GPUGeek' })[id] ?? id;
    const estimated = { n: { USD: 0.69 }, y: { USD: 1.6 }, g: { CNY: 2, unstated: 3.96 } };
    assert.equal(
      spendLine('Today', estimated, (id) => (id === 'n' ? 0.71 : undefined), names, ['n', 'y', 'g']),
      'Today: $2.31 — $0.71 billed by Novita AI, about $1.60 + ¥2.00 + 3.96 (no currency stated) estimated',
    );
    assert.equal(
      spendLine('This month', estimated, () => undefined, names, ['n', 'y', 'g']),
      'This month: about $2.29 + ¥2.00 + 3.96 (no currency stated) (estimated)',
    );
    assert.equal(
      spendLine('Today', {}, () => undefined, names, []),
      'Today: about $0.00 (estimated)',
    );
  });

  it('the Set Price link carries the GPU type as data: a name with brackets or parentheses cannot end it or form another link', () => {
    const link = setPriceLink('A100 (80GB)](command:workbench.action.quit)');
    const [, text, target] = /^\[(.*)\]\((command:[^)]*)\)$/.exec(link) ?? [];
    assert.ok(target, link);
    assert.match(target, /^command:gpuPods\.setGpuPrice\?/);
    assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1])), [
      'A100 (80GB)](command:workbench.action.quit)',
    ]);
    assert.ok(!/[^\\][[\]()]/.test(text.replace(/\\./g, '')), text);
  });
});
