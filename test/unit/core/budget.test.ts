import * as assert from 'node:assert/strict';
import { type Budget, budgetLevel, type BudgetMark, nextBudgetWarning } from '../../../src/core/budget';

const daily: Budget = { amountUsd: 10, period: 'day', warnPercent: 80 };
const at = (day: number, hour: number) => new Date(2026, 11, day, hour).getTime();

describe('budget arithmetic: levels and once per period', () => {
  it('reaches its share at 80 % and is used up at 100 %, however the sum was added up', () => {
    assert.equal(budgetLevel(7.99, daily), undefined);
    assert.equal(budgetLevel(8, daily), 'share');
    assert.equal(budgetLevel(0.1 + 0.7 + 7.2, daily), 'share'); // 7.999999999999999
    assert.equal(budgetLevel(9.999, daily), 'share');
    assert.equal(budgetLevel(10, daily), 'full');
    assert.equal(budgetLevel(0.1 * 3, { amountUsd: 0.3, period: 'day', warnPercent: 80 }), 'full');
  });

  it('no budget (0) or an unknown spend never warns', () => {
    assert.equal(budgetLevel(1000, { ...daily, amountUsd: 0 }), undefined);
    assert.equal(budgetLevel(NaN, daily), undefined);
  });

  it('says each level once per period, again in the next, and a jump past both says 100 % only', () => {
    let mark: BudgetMark | undefined;
    const said: string[] = [];
    const look = (spent: number, now: number) => {
      const next = nextBudgetWarning(spent, daily, mark, now);
      if (!next) return;
      mark = next.mark;
      said.push(next.level);
    };
    look(8.1, at(7, 10));
    look(8.5, at(7, 11));
    look(10.2, at(7, 14));
    look(11, at(7, 15));
    assert.deepEqual(said, ['share', 'full']);
    look(12, at(8, 9)); // a new day: straight past both levels
    look(12, at(8, 10));
    assert.deepEqual(said, ['share', 'full', 'full']);
  });

  it('a changed budget starts over: a raised amount warns again at its own 80 %', () => {
    const first = nextBudgetWarning(8, daily, undefined, at(7, 10))!;
    assert.equal(nextBudgetWarning(8, daily, first.mark, at(7, 11)), undefined);
    const raised = { ...daily, amountUsd: 20 };
    assert.equal(nextBudgetWarning(8, raised, first.mark, at(7, 11)), undefined);
    assert.equal(nextBudgetWarning(16, raised, first.mark, at(7, 12))?.level, 'share');
  });
});
