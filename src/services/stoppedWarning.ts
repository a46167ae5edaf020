import { formatDuration } from '../core/burnRate';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { hoursOrDaysText } from '../core/plural';
import type { PodRuleState } from '../core/podRule';
import type { CloudFacts } from '../core/provider';
import { storageCostText, stoppedForText } from '../core/storageCost';
import type { StoppedRule } from '../core/stoppedRule';
import type { RuleWarning } from './podRuleKind';

/**
 * The warning a delete-when-stopped rule shows before it deletes a pod: how long it has been stopped, what it
 * still costs, when it will be deleted and that its disk goes with it, and buttons that each say what they do.
 * The cloud's own word: GPUGeek releases.
 */
export function stoppedWarning(
  state: PodRuleState<StoppedRule>,
  pod: Pod,
  stopped: { since: number; exact: boolean },
  now: number,
  graceMs: number,
  word: CloudFacts['terminateWord'] | undefined,
): RuleWarning {
  const wait = formatDuration(graceMs) === '0m' ? l10n.t('a moment') : formatDuration(graceMs);
  const { verb, button } = WORDS[word ?? 'delete']();
  const message = l10n.t(
    '"{0}" has been stopped for {1}; it still costs {2}. GPU Pods will {3} it in {4} unless you answer, and everything on its disk goes with it.',
    displayText(pod.name || pod.id),
    stoppedForText(stopped, now),
    storageCostText(pod.storageCost),
    verb,
    wait,
  );
  return {
    message,
    buttons: {
      now: button,
      keep: l10n.t('Keep It Another {0}', hoursOrDaysText(state.rule.afterHours)),
      off: l10n.t('Turn Off Rule'),
    },
  };
}

/** The cloud's word, as whole sentences' parts (a translation words each its own way). */
const WORDS: Record<CloudFacts['terminateWord'], () => { verb: string; button: string }> = {
  delete: () => ({ verb: l10n.t('delete'), button: l10n.t('Delete Now') }),
  release: () => ({ verb: l10n.t('release'), button: l10n.t('Release Now') }),
  terminate: () => ({ verb: l10n.t('terminate'), button: l10n.t('Terminate Now') }),
};
