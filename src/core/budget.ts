import { dayKey, monthKey } from './calendar';

/** An optional spending budget across every account (settings `gpuPods.budget.*`). */
export interface Budget {
  /** USD per period; a budget of 0 (the default) is none. */
  amountUsd: number;
  period: 'day' | 'month';
  /** The share of the budget that brings the first warning, in percent (80 by default). */
  warnPercent: number;
}

/** The warnings a budget gives: at its share, and when it is used up. */
export type BudgetLevel = 'share' | 'full';

/** What was already said in a period, kept in global state so a reload does not say it again. */
export interface BudgetMark {
  /** The period and the budget it was said for: a new day, month, amount or share starts over. */
  key: string;
  said: BudgetLevel[];
}

/** Compared to a millionth of a dollar, so $8 of a $10 budget is 80 % however the sum was added up. */
const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

/** The highest level `spentUsd` has reached; undefined below the share or without a budget. */
export function budgetLevel(spentUsd: number, budget: Budget): BudgetLevel | undefined {
  if (!(budget.amountUsd > 0) || !Number.isFinite(spentUsd)) return undefined;
  if (round(spentUsd) >= round(budget.amountUsd)) return 'full';
  if (round(spentUsd) >= round((budget.amountUsd * budget.warnPercent) / 100)) return 'share';
  return undefined;
}

/** "day:2026-12-07:10:80": the period `now` is in, and the budget's figures. */
export function budgetMarkKey(budget: Budget, now: number): string {
  const period = budget.period === 'day' ? dayKey(now) : monthKey(now);
  return `${budget.period}:${period}:${budget.amountUsd}:${budget.warnPercent}`;
}

/**
 * The warning to give now, if any, and the mark to keep: each level once per period. A jump past both levels
 * at once gives the 100 % warning only (the share's is then moot, and marked said).
 */
export function nextBudgetWarning(
  spentUsd: number,
  budget: Budget,
  mark: BudgetMark | undefined,
  now: number,
): { level: BudgetLevel; mark: BudgetMark } | undefined {
  const level = budgetLevel(spentUsd, budget);
  if (!level) return undefined;
  const key = budgetMarkKey(budget, now);
  const said = mark?.key === key ? mark.said : [];
  if (said.includes(level)) return undefined;
  const saidNow: BudgetLevel[] = level === 'full' ? ['share', 'full'] : ['share'];
  return { level, mark: { key, said: saidNow } };
}

/** A stored mark, or undefined for anything else. */
export function readBudgetMark(stored: unknown): BudgetMark | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const m = stored as Partial<BudgetMark>;
  if (typeof m.key !== 'string' || !Array.isArray(m.said)) return undefined;
  return { key: m.key, said: m.said.filter((l): l is BudgetLevel => l === 'share' || l === 'full') };
}
