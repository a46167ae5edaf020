import { formatDuration } from '../core/burnRate';
import { displayMarkdown, escapeMarkdown } from '../core/displayText';
import { l10n } from '../core/l10n';
import type { IdleRule, IdleRuleState, IdleVerdict } from '../core/utilisation/idleRule';
import { MAX_GAP_MS } from '../core/utilisation/idleRule';
import type { IdleSummary } from '../core/utilisation/idleSummary';
import { figuresOf, isUnavailable, type UtilisationSample } from '../core/utilisation/model';
import { sparklineDataUri } from '../core/utilisation/sparkline';

/*
 * The words and pictures of GPU utilisation where people look: the pod row's description, its tooltip and the
 * status bar. Pure (no vscode at run time), so the text is unit-tested in plain Node. Only numbers and our own
 * words are shown unescaped; a reason a pod or cloud sent goes through displayMarkdown.
 */

/** "GPU 37%" for the row: the busiest GPU's latest reading; nothing when there is none or it is stale. */
export function gpuPercentText(latest: UtilisationSample | undefined, now: number): string | undefined {
  if (!latest || now - latest.at > MAX_GAP_MS) return undefined;
  const figures = figuresOf(latest);
  return figures ? l10n.t('GPU {0}%', Math.round(figures.maxPercent)) : undefined;
}

/**
 * The tooltip's utilisation block (Markdown): the last hour as a sparkline image, the latest figures with memory,
 * or why there are none. Undefined when the pod was never sampled.
 */
export function utilisationMarkdown(
  history: readonly UtilisationSample[],
  now: number,
  thresholdPercent?: number,
): string | undefined {
  const latest = history.at(-1);
  if (!latest) return undefined;
  const lines: string[] = [];
  const figures = figuresOf(latest);
  if (isUnavailable(latest)) {
    lines.push(
      `${escapeMarkdown(l10n.t('Utilisation unavailable:'))} ${displayMarkdown(latest.unavailable, { maxLength: 300 })}`,
    );
  } else if (!figures) {
    lines.push(escapeMarkdown(l10n.t('Utilisation unavailable: a GPU did not report its utilisation')));
  } else {
    const gpu = l10n.t('GPU {0}%', Math.round(figures.maxPercent));
    const memory =
      figures.memoryUsedMiB !== undefined && figures.memoryTotalMiB
        ? l10n.t('memory {0} / {1} GiB', gib(figures.memoryUsedMiB), gib(figures.memoryTotalMiB))
        : l10n.t('memory unknown');
    const age = now - latest.at > MAX_GAP_MS ? l10n.t('{0} ago', formatDuration(now - latest.at)) : l10n.t('now');
    lines.push(escapeMarkdown(`${gpu} · ${memory} (${age})`));
  }
  if (history.some((s) => figuresOf(s))) {
    const alt = escapeMarkdown(l10n.t('GPU utilisation, last hour'));
    lines.push(`![${alt}](${sparklineDataUri(history, { now, thresholdPercent })})`);
    lines.push(escapeMarkdown(l10n.t('Last hour: busiest GPU (blue), memory in use (green)')));
  }
  return lines.join('  \n');
}

function gib(mib: number): string {
  return (mib / 1024).toFixed(1);
}

/** The tooltip row of a pod's idle rule: "below 5% for 30 minutes · idle for 12 minutes". */
export function idleRuleText(state: IdleRuleState, verdict: IdleVerdict, now: number): string {
  const rule = ruleText(state.rule);
  if (state.snoozedUntil !== undefined && now < state.snoozedUntil) {
    return l10n.t('{0} · kept running for {1}', rule, formatDuration(state.snoozedUntil - now));
  }
  if (verdict.kind === 'idle') return l10n.t('{0} · idle for {1} min', rule, verdict.minutes);
  if (verdict.kind === 'busy') return l10n.t('{0} · busy', rule);
  return l10n.t('{0} · not judged: {1}', rule, verdict.why);
}

export function ruleText(rule: IdleRule): string {
  return l10n.t('stop below {0}% for {1} min', rule.thresholdPercent, rule.forMinutes);
}

/** The status bar's "2 idle · $3.10/h"; undefined when no running pod is idle (the item hides). */
export function idleStatusText(s: IdleSummary): string | undefined {
  if (s.idle === 0) return undefined;
  const idle = l10n.t('{0} idle', s.idle);
  if (s.knownPerHourText === undefined) return l10n.t('{0} · price unknown', idle);
  const cost = `${s.knownPerHourText}/h`;
  return s.unpriced > 0 ? l10n.t('{0} · {1} + {2} price unknown', idle, cost, s.unpriced) : `${idle} · ${cost}`;
}
