/**
 * What has been spent across every account so far today and this month (the local calendar), in USD. The budget
 * reads it and nothing else, so whoever builds the figures can be swapped: an estimate from the burn rate
 * (core/estimatedSpend.ts), or an accumulator that reads the clouds' bills where they publish them.
 */
export interface SpendSoFar {
  today(): number;
  thisMonth(): number;
  /** The figures are (at least partly) burn rate × time, not the clouds' bills: the UI says "about". */
  estimated: boolean;
}
