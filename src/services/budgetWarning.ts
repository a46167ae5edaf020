import type { Budget, BudgetLevel } from '../core/budget';
import { formatUsd } from '../core/burnRate';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import { formatRate } from '../core/price';
import { unpricedNote } from './lowBalanceWarning';

/** A running pod with a price in dollars, as the budget warning lists it. */
export interface BurningPod {
  accountId: string;
  podId: string;
  name: string;
  /** "Novita AI", or "Novita AI (work)". */
  where: string;
  perHour: number;
  /** Its cloud's word when the Stop command can take it now; undefined when it cannot (NeevCloud, a stopping pod). */
  stop?: 'stop' | 'pause';
}

/** How many of the dearest pods the warning names (a notification shows a few buttons, not a list). */
export const LISTED_PODS = 3;

/** A button's pod name: cloud text, cut short so the buttons stay readable. */
function shortName(name: string): string {
  return displayText(name, { maxLength: 30 });
}

/**
 * The budget warning: what was spent in the period (with "about" where it is estimated), against which budget,
 * the pods that burn most, and one Stop (Pause) button per listed pod its cloud lets stop. It never says it will
 * stop anything: it does not.
 */
export function budgetWarning(
  level: BudgetLevel,
  spentUsd: number,
  budget: Budget,
  estimated: boolean,
  dearest: readonly BurningPod[],
  unpriced: number,
): { message: string; stops: Array<{ label: string; pod: BurningPod }> } {
  const spent = estimated ? l10n.t('about {0}', formatUsd(spentUsd)) : formatUsd(spentUsd);
  const period = budget.period === 'day' ? l10n.t('today') : l10n.t('this month');
  const which =
    budget.period === 'day'
      ? l10n.t('daily budget of {0}', formatUsd(budget.amountUsd))
      : l10n.t('monthly budget of {0}', formatUsd(budget.amountUsd));
  const percent = Math.floor((spentUsd / budget.amountUsd) * 100 + 1e-9);
  const listed = dearest.slice(0, LISTED_PODS);
  const message = [
    level === 'full'
      ? l10n.t('GPU Pods: {0} spent {1}; your {2} is used up.', spent, period, which)
      : l10n.t('GPU Pods: {0} spent {1}, {2}% of your {3}.', spent, period, percent, which),
    estimated ? l10n.t('Estimated from the burn rate.') : undefined,
    listed.length
      ? l10n.t(
          'Burning most: {0}.',
          listed
            .map((p) => `${displayText(p.name || p.podId)} ${formatRate(p.perHour, 'hour')} (${p.where})`)
            .join(', '),
        )
      : undefined,
    unpricedNote(unpriced),
    l10n.t('GPU Pods stops nothing by itself.'),
  ]
    .filter(Boolean)
    .join(' ');
  const stops: Array<{ label: string; pod: BurningPod }> = [];
  for (const pod of listed) {
    if (!pod.stop) continue;
    const name = shortName(pod.name || pod.podId);
    let label = pod.stop === 'pause' ? l10n.t('Pause "{0}"', name) : l10n.t('Stop "{0}"', name);
    if (stops.some((s) => s.label === label)) label = `${label} · ${pod.where}`;
    stops.push({ label, pod });
  }
  return { message, stops };
}
