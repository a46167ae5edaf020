import * as assert from 'node:assert/strict';
import { formatBalance, isLowBalance, runwayHours, runwayText } from '../../../src/core/balance';

describe('balance arithmetic: what a balance is worth in hours', () => {
  it('a balance reads in dollars with its sign: owed money is below zero, small amounts keep their cents', () => {
    assert.equal(formatBalance(100), '$100.00');
    assert.equal(formatBalance(1.2345), '$1.23');
    assert.equal(formatBalance(0.045), '$0.045');
    assert.equal(formatBalance(0), '$0.00');
    assert.equal(formatBalance(-1.2345), '−$1.23');
  });

  it('lasts balance ÷ burn rate hours; used up is 0 hours, not a negative time', () => {
    assert.equal(runwayHours(14, 0.7), 20);
    assert.equal(runwayHours(0, 0.7), 0);
    assert.equal(runwayHours(-3, 0.7), 0);
    assert.equal(runwayText(runwayHours(16.4, 0.7)), '23h 25m');
  });

  it('with nothing burning (no running pod, or only pods without a price) it lasts forever and never warns', () => {
    assert.equal(runwayHours(5, 0), Infinity);
    assert.equal(runwayHours(5, NaN), Infinity);
    assert.equal(isLowBalance(5, 0, 24), false);
    assert.equal(isLowBalance(-5, 0, 24), false);
  });

  it('is low below the threshold only, and a threshold of 0 turns the warning off', () => {
    assert.equal(isLowBalance(16.8, 0.7, 24), false); // exactly 24 h
    assert.equal(isLowBalance(16.79, 0.7, 24), true);
    assert.equal(isLowBalance(0.01, 0.7, 0), false);
  });
});
