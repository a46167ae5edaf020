import { l10n } from './l10n';

/*
 * Counts of minutes and hours in a sentence: "1 minute", "30 minutes", "1.5 hours". Two whole sentences per
 * unit (not "minute(s)", not an English "s" glued on): a translation can word the singular its own way.
 */

export function minutesText(n: number): string {
  return n === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', n);
}

export function hoursText(n: number): string {
  return n === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', n);
}

export function daysText(n: number): string {
  return n === 1 ? l10n.t('1 day') : l10n.t('{0} days', n);
}

/** A rule's length in hours as people say it: "3 days" for whole days, else "36 hours", "1.5 hours". */
export function hoursOrDaysText(hours: number): string {
  return hours >= 24 && hours % 24 === 0 ? daysText(hours / 24) : hoursText(hours);
}
