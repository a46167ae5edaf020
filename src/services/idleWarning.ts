import { formatDuration, formatUsd, usablePrice } from '../core/burnRate';
import { displayText } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { Pod } from '../core/model';
import { minutesText } from '../core/plural';
import type { IdleRuleState } from '../core/utilisation/idleRule';
import { CLOUDS } from '../providers/clouds';

/** The warning's answers. */
export type IdleAnswer = 'stopNow' | 'keep' | 'off';

/**
 * The warning a GPU utilisation rule shows before it stops a pod: what the pod costs while idle, when it will
 * be stopped, and buttons that each say what they do ("Cancel" said nothing about what it cancelled). The
 * first button is the one the warning announces. The cloud's own word: Yotta pauses.
 */
export function idleWarning(
  state: IdleRuleState,
  pod: Pod,
  minutes: number,
  graceMs: number,
): { message: string; buttons: Record<IdleAnswer, string> } {
  const pauses = CLOUDS[state.cloud].palette.stopWord === 'pause';
  const price = usablePrice(pod.pricePerHour);
  const cost = price === undefined ? l10n.t('price unknown') : `${formatUsd(price)}/h`;
  const wait = formatDuration(graceMs) === '0m' ? l10n.t('a moment') : formatDuration(graceMs);
  const message = l10n.t(
    '"{0}" has been idle for {1} (GPUs below {2}%), costing {3}. GPU Pods will {4} it in {5} unless you answer.',
    displayText(pod.name || pod.id),
    minutesText(minutes),
    state.rule.thresholdPercent,
    cost,
    pauses ? l10n.t('pause') : l10n.t('stop'),
    wait,
  );
  return {
    message,
    buttons: {
      stopNow: pauses ? l10n.t('Pause Now') : l10n.t('Stop Now'),
      keep: l10n.t('Keep Running 1 Hour'),
      off: l10n.t('Turn Off Rule'),
    },
  };
}
