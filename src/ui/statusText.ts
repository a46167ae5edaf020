import { l10n } from '../core/l10n';
import type { CloudId, PodKind, PodStatus } from '../core/model';
import { CLOUDS } from '../providers/clouds';

/*
 * A pod's state in words, the same in the tree's rows and tooltips (src/views) and in the commands' pod pickers.
 * Pure (no vscode at run time: `l10n` is bound to vscode.l10n.t when a bundle loads).
 */

/** The status words of the tree, in the user's language (read each time: the bundle is loaded by then). */
function statusWord(status: PodStatus, pauses: boolean): string {
  switch (status) {
    case 'provisioning':
      return l10n.t('starting');
    case 'running':
      return l10n.t('running');
    case 'stopping':
      return pauses ? l10n.t('pausing') : l10n.t('stopping');
    case 'stopped':
      return pauses ? l10n.t('paused') : l10n.t('stopped');
    case 'terminating':
      return l10n.t('terminating');
    case 'terminated':
      return l10n.t('terminated');
    case 'failed':
      return l10n.t('failed');
    default:
      return l10n.t('unknown');
  }
}

/**
 * "running", or "unknown (weirdState)" so the cloud's own word is never hidden. A pod of a cloud that pauses
 * (Yotta Labs: Pause / Resume) is "paused", as its menu says; its VMs and endpoints stop.
 */
export function statusText(x: { status: PodStatus; rawStatus: string; cloud?: CloudId; kind?: PodKind }): string {
  const pauses = x.kind === 'pod' && !!x.cloud && CLOUDS[x.cloud]?.palette.stopWord === 'pause';
  const word = statusWord(x.status, pauses);
  return x.status === 'unknown' ? l10n.t('{0} ({1})', word, x.rawStatus) : word;
}
