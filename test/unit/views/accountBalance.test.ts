import * as assert from 'node:assert/strict';
import { balanceRow } from '../../../src/views/accountBalance';

const HOUR = 3_600_000;
const T0 = new Date(2026, 11, 7, 14, 5).getTime();
const time = new Date(T0).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const novita = { displayName: 'Novita AI', publishes: true };
const burn = { perHour: 0.7, running: 1, unpriced: 0 };

describe('the account row’s balance', () => {
  it('a cloud without a balance API says so once, in the tooltip, and nothing in the row', () => {
    assert.deepEqual(balanceRow({ displayName: 'Yotta Labs', publishes: false }, undefined, burn, 24, T0), {
      tooltip: ['Balance: not published by Yotta Labs'],
    });
    assert.equal(balanceRow({ displayName: 'Yotta Labs', publishes: undefined }, undefined, burn, 24, T0), undefined);
  });

  it('shows the balance with who published it and when, and how long it lasts at the current rate', () => {
    const row = balanceRow(novita, { balance: { availableUsd: 50 }, readAt: T0, triedAt: T0 }, burn, 24, T0)!;
    assert.equal(row.description, 'balance $50.00');
    assert.deepEqual(row.tooltip, [
      `Balance: $50.00, published by Novita AI at ${time}`,
      'At the current $0.70/h it lasts about 2d 23h (estimated).',
    ]);
  });

  it('low: the row says how long is left, counted from the read less the burn since', () => {
    const reading = { balance: { availableUsd: 17.5, owedUsd: 0 }, readAt: T0, triedAt: T0 };
    const row = balanceRow(novita, reading, { ...burn, unpriced: 2 }, 24, T0 + 2 * HOUR)!;
    assert.equal(row.description, 'balance $17.50 · about 23h 00m left');
    assert.equal(row.low, true);
    assert.deepEqual(row.tooltip.slice(1), [
      'At the current $0.70/h it lasts about 23h 00m (estimated).',
      '2 running pods without a price are not counted.',
    ]);
  });

  it('a failed read keeps the last balance, dated; without any it says it could not be read, not an error row', () => {
    const kept = balanceRow(
      novita,
      { balance: { availableUsd: -1.5, owedUsd: 1.5 }, readAt: T0, triedAt: T0 + HOUR, error: new Error('503') },
      { perHour: 0, running: 0, unpriced: 0 },
      24,
      T0 + HOUR,
    )!;
    assert.deepEqual(kept, {
      description: 'balance −$1.50',
      tooltip: [`Balance: −$1.50 as of ${time} — the last read failed`, 'Owed: $1.50'],
    });
    assert.deepEqual(balanceRow(novita, { triedAt: T0, error: new Error('503') }, burn, 24, T0)!.tooltip, [
      'Balance: could not be read (details in the GPU Pods log)',
    ]);
  });
});
