import { jupyterPossible, startsBeforeConnect, startsBeforeJupyter } from '../../core/capabilities';
import { l10n } from '../../core/l10n';
import { CLOUDS } from '../../providers/clouds';
import { statusText } from '../../ui/statusText';
import { clickedPod, pickAmong, podCandidates, type PodTarget } from '../pickTarget';
import type { Services } from '../services';
import { type ConnectIntent, whyNotStartable } from './startBeforeConnect';

/**
 * The machine to connect to: the clicked row, or from the palette (and the Remote indicator) a pick of the
 * running pods and VMs first, then the stopped pods their clouds can start, marked "stopped — will be started".
 * A cloud that cannot start pods never has its stopped pods offered.
 */
export async function pickConnectTarget(
  services: Services,
  arg: unknown,
  intent: ConnectIntent,
  title: string,
  emptyMessage?: string,
): Promise<PodTarget> {
  const clicked = await clickedPod(services, arg);
  if (clicked) return clicked;
  const jupyter = intent === 'jupyter';
  const candidates = await podCandidates(
    services,
    (pod, caps) =>
      jupyter
        ? jupyterPossible(caps, pod) || startsBeforeJupyter(caps, pod)
        : pod.status === 'running' || startsBeforeConnect(caps, pod),
    jupyter ? 'pods' : 'machines',
  );
  const running = candidates.filter((c) => c.pod.status === 'running');
  const stopped = candidates.filter((c) => c.pod.status !== 'running');
  const empty = candidates.length ? emptyMessage : await withWhyNotStartable(services, emptyMessage);
  return pickAmong(services, [...running, ...stopped], title, empty, (c) =>
    c.pod.status === 'running' ? statusText(c.pod) : willBeStarted(c),
  );
}

/** "stopped — will be started", "paused — will be resumed". */
function willBeStarted(c: PodTarget): string {
  const pauses = CLOUDS[c.account.cloud].palette.stopWord === 'pause';
  return pauses
    ? l10n.t('{0} — will be resumed', statusText(c.pod))
    : l10n.t('{0} — will be started', statusText(c.pod));
}

/** Nothing to connect to: when a stopped pod is the reason, the sentence also says why it cannot be started. */
async function withWhyNotStartable(services: Services, emptyMessage: string | undefined): Promise<string> {
  const base = emptyMessage ?? l10n.t('No pod where this can be done right now.');
  const stopped = services.data.allPods().find(({ pod }) => pod.kind === 'pod' && pod.status === 'stopped');
  if (!stopped) return base;
  const why = whyNotStartable({ ...stopped, provider: await services.providers.get(stopped.account) });
  return why ? `${base} ${why}` : base;
}
