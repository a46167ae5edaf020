import * as assert from 'node:assert/strict';
import { formatRate, parseAmount } from '../../../src/core/price';

describe('prices carry their unit and period', () => {
  it('per hour, per GPU-hour, per day; dollars, yuan, or no currency when none is stated', () => {
    assert.equal(formatRate(1.25, 'hour'), '$1.25/h');
    assert.equal(formatRate(0.35, 'gpuHour'), '$0.35/GPU·h');
    assert.equal(formatRate(0.004, 'hour'), '$0.004/h');
    assert.equal(formatRate(47.52, 'day', 'CNY'), '¥47.52/day');
    assert.equal(formatRate(1.98, 'hour', 'unstated'), '1.98/h');
  });

  it('reads a quoted amount and the currency it names, and nothing else', () => {
    assert.deepEqual(parseAmount('10'), { amount: 10 });
    assert.deepEqual(parseAmount('¥47.52'), { amount: 47.52, currency: 'CNY' });
    assert.deepEqual(parseAmount('1.98 CNY'), { amount: 1.98, currency: 'CNY' });
    assert.deepEqual(parseAmount('$2'), { amount: 2, currency: 'USD' });
    assert.equal(parseAmount('1-2'), undefined);
    assert.equal(parseAmount('$2 USD'), undefined);
    assert.equal(parseAmount('free'), undefined);
  });
});
