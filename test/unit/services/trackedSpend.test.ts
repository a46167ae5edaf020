import assert from 'node:assert/strict';
import { trackedSpend } from '../../../src/services/trackedSpend';

describe("the budget's spend so far: the burn-rate tooltip's own figures", () => {
  const tracker = {
    current: () => ({
      today: { novita: { USD: 1.5 }, yotta: { USD: 2 }, gpugeek: { unstated: 9 } },
      month: { novita: { USD: 30 }, yotta: { USD: 40 }, gpugeek: { CNY: 90 } },
    }),
  };

  it('takes a cloud’s bills where they were read instead of the estimate, and adds only dollars', () => {
    const bills = {
      billedOnce: () => new Map([['novita', { today: 1.25, month: 28, at: 0 }]]),
    };
    const spend = trackedSpend(tracker, bills, () => ['novita', 'yotta', 'gpugeek']);
    assert.equal(spend.today(), 3.25, 'Novita billed $1.25 + Yotta about $2; GPUGeek’s unstated quote not added');
    assert.equal(spend.thisMonth(), 68);
    assert.equal(spend.estimated, true, 'Yotta’s share is an estimate');
  });

  it('says the figure is not an estimate when every dollar counted was billed', () => {
    const bills = { billedOnce: () => new Map([['novita', { today: 1.25, month: 28, at: 0 }]]) };
    const onlyNovita = { current: () => ({ today: { novita: { USD: 1.5 } }, month: { novita: { USD: 30 } } }) };
    const spend = trackedSpend(onlyNovita, bills, () => ['novita']);
    assert.equal(spend.today(), 1.25);
    assert.equal(spend.estimated, false);
  });

  it('counts what a disconnected account spent earlier this month (it is still money spent)', () => {
    const spend = trackedSpend(tracker, undefined, () => ['novita']);
    assert.equal(spend.thisMonth(), 70);
  });
});
