import { formatDuration } from '../core/burnRate';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { hoursOrDaysText } from '../core/plural';
import type { PodRuleState } from '../core/podRule';
import { storageCostText, stoppedForText } from '../core/storageCost';
import type { StoppedRule, StoppedVerdict } from '../core/stoppedRule';
import type { StoppedRecord } from '../core/stoppedSince';

/*
 * A stopped pod's words in the tree: how long it has been stopped, what it still costs, and its
 * delete-when-stopped rule with the time left. Pure (no vscode at run time), so the text is unit-tested in
 * plain Node.
 */

/** The tooltip's rows: "Stopped for", "Still costs" (stopped pods), "Delete-when-stopped rule" (pods with one). */
export function stoppedRows(
  pod: Pod,
  record: StoppedRecord | undefined,
  rule: { state: PodRuleState<StoppedRule>; verdict: StoppedVerdict } | undefined,
  now: number,
): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (pod.status === 'stopped') {
    if (record) rows.push([l10n.t('Stopped for'), stoppedForText(record, now)]);
    rows.push([l10n.t('Still costs'), storageCostText(pod.storageCost)]);
  }
  if (rule) rows.push([l10n.t('Delete-when-stopped rule'), deleteRuleText(rule.state, rule.verdict, pod, now)]);
  return rows;
}

/** "delete after 3 days stopped · in 1d 4h"; what the rule waits for when the pod is not stopped. */
export function deleteRuleText(
  state: PodRuleState<StoppedRule>,
  verdict: StoppedVerdict,
  pod: Pod,
  now: number,
): string {
  const rule = l10n.t('delete after {0} stopped', hoursOrDaysText(state.rule.afterHours));
  if (state.snoozedUntil !== undefined && now < state.snoozedUntil)
    return l10n.t('{0} · kept for {1}', rule, formatDuration(state.snoozedUntil - now));
  if (pod.status !== 'stopped') return l10n.t('{0} · counts once the pod is stopped', rule);
  if (verdict.kind === 'waiting') return l10n.t('{0} · in {1}', rule, formatDuration(verdict.dueAt - now));
  if (verdict.kind === 'due') return l10n.t('{0} · due now (after a warning)', rule);
  return l10n.t('{0} · waiting: {1}', rule, verdict.why);
}

/** The row's short form, for a stopped pod whose rule counts down: "deletes in 1d 4h". */
export function deleteRuleShort(
  state: PodRuleState<StoppedRule>,
  verdict: StoppedVerdict,
  pod: Pod,
  now: number,
): string | undefined {
  if (pod.status !== 'stopped' || (state.snoozedUntil !== undefined && now < state.snoozedUntil)) return undefined;
  if (verdict.kind === 'waiting') return l10n.t('deletes in {0}', formatDuration(verdict.dueAt - now));
  return verdict.kind === 'due' ? l10n.t('deletes soon') : undefined;
}
