import { capabilitiesOf } from '../../core/capabilities';
import { displayText } from '../../core/displayText';
import { CancelledError, CloudError, ConfigError } from '../../core/errors';
import { l10n } from '../../core/l10n';
import type { Pod } from '../../core/model';
import { untilReady } from '../../core/untilReady';
import { waitForPod } from '../../core/waitForPod';
import { CLOUDS } from '../../providers/clouds';
import { statusText } from '../../ui/statusText';
import { podPriceText } from '../../views/format';
import type { PodTarget } from '../pickTarget';
import type { Services } from '../services';

/*
 * "Start and Connect": Connect with Remote-SSH, Open SSH Terminal and Open Jupyter on a stopped (paused) pod.
 * One confirmation that names the pod and its price, then one start request, then progress until the pod runs
 * and answers (SSH logs in, or Jupyter has an address), then the caller opens its window. Nothing is started
 * without that confirmation. No vscode at run time (the progress is handed in): the flow runs in plain Node.
 */

/** What the user asked for on the stopped pod. */
export type ConnectIntent = 'connect' | 'terminal' | 'jupyter';

/** Cancellable notification progress (vscode.window.withProgress in the commands, a recorder in unit tests). */
export type RunWithProgress = <T>(
  title: string,
  task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
) => PromiseLike<T>;

/** The pod answers: `ready` gives a value for the fresh running pod, or undefined while it does not answer yet. */
export type Ready<T> = (pod: Pod, signal: AbortSignal) => Promise<T | undefined>;

/** The longest GPU Pods waits for SSH or Jupyter to answer once the pod runs (images start their servers late). */
const ANSWER_TIMEOUT_MS = 5 * 60_000;

/** The confirmation's button, in the cloud's word: "Start and Connect", "Resume and Connect" (Yotta). */
export function startButton(intent: ConnectIntent, pauses: boolean): string {
  switch (intent) {
    case 'connect':
      return pauses ? l10n.t('Resume and Connect') : l10n.t('Start and Connect');
    case 'terminal':
      return pauses ? l10n.t('Resume and Open Terminal') : l10n.t('Start and Open Terminal');
    case 'jupyter':
      return pauses ? l10n.t('Resume and Open Jupyter') : l10n.t('Start and Open Jupyter');
  }
}

function whatFollows(intent: ConnectIntent): string {
  switch (intent) {
    case 'connect':
      return l10n.t('GPU Pods waits until SSH answers, then opens the remote window.');
    case 'terminal':
      return l10n.t('GPU Pods waits until SSH answers, then opens the terminal.');
    case 'jupyter':
      return l10n.t('GPU Pods waits until Jupyter has an address, then opens it.');
  }
}

/**
 * Why this stopped machine cannot be started to connect to it (a VM, a cloud without start, an operation under
 * way, a state the cloud refuses), or undefined when it can be.
 */
export function whyNotStartable(target: PodTarget): string | undefined {
  const { pod, provider, account } = target;
  const caps = capabilitiesOf(provider);
  const name = displayText(pod.name || pod.id);
  const cloud = CLOUDS[account.cloud].displayName;
  if (pod.kind !== 'pod')
    return l10n.t('"{0}" is {1}; start it in the {2} console, then connect.', name, statusText(pod), cloud);
  if (!caps.podActions.has('start'))
    return l10n.t(
      '"{0}" is {1}, and {2} cannot start pods, so GPU Pods cannot connect to it.',
      name,
      statusText(pod),
      cloud,
    );
  if (pod.pending) return l10n.t('"{0}" has an operation under way; try again when it has finished.', name);
  if (!caps.allows('start', pod))
    return l10n.t('"{0}" is {1}, and {2} does not allow starting it right now.', name, statusText(pod), cloud);
  return undefined;
}

/**
 * Asks once, starts the pod once, waits until it runs and `ready` answers, and resolves with the fresh pod and
 * `ready`'s value. Declined: CancelledError, nothing sent. Cancelled while waiting: the pod carries on starting
 * (the user is told), CancelledError. A pod that cannot be started: ConfigError saying why. For stopped pods.
 */
export async function startBeforeConnect<T>(
  services: Services,
  target: PodTarget,
  intent: ConnectIntent,
  ready: Ready<T>,
  withProgress: RunWithProgress,
): Promise<{ pod: Pod; answer: T }> {
  const why = whyNotStartable(target);
  if (why) throw new ConfigError(why);
  const { account, pod, provider } = target;
  const name = displayText(pod.name || pod.id);
  const pauses = provider.facts.stopWord === 'pause';
  const price = podPriceText(pod, true) ?? l10n.t('price unknown');
  const cloud = CLOUDS[account.cloud].displayName;
  const ok = await services.ui.confirm({
    id: 'startBeforeConnect',
    message: l10n.t('"{0}" is {1}.', name, statusText(pod)),
    detail: `${l10n.t('While it runs it costs {0} on {1}.', price, cloud)} ${whatFollows(intent)}`,
    confirm: startButton(intent, pauses),
  });
  if (!ok) throw new CancelledError();
  services.log.info(`Starting ${account.cloud} pod ${pod.id} to ${intent} (the user confirmed).`);
  const title = pauses ? l10n.t('Resuming "{0}"', name) : l10n.t('Starting "{0}"', name);
  const waitsFor = intent === 'jupyter' ? l10n.t('waiting for Jupyter…') : l10n.t('waiting for SSH to answer…');
  const timing = services.timing;
  try {
    return await withProgress(title, async (report, signal) => {
      await provider.podAction(pod.id, 'start', { signal, onProgress: (m) => report(displayText(m)) });
      report(l10n.t('waiting for the pod…'));
      const options = { signal, clock: services.clock, intervalMs: timing.waitIntervalMs };
      await waitForPod((s) => provider.getPod(pod.id, s), 'running', {
        ...options,
        timeoutMs: timing.waitTimeoutMs,
        onUpdate: (fresh) => {
          if (!fresh) return;
          services.data.upsertPod(account.id, fresh);
          report(displayText(fresh.rawStatus));
        },
      });
      report(waitsFor);
      let last: Pod = pod;
      return untilReady(
        async (s) => {
          // Addresses are given (or change) as the pod comes up: each try reads the pod afresh.
          const fresh = await provider.getPod(pod.id, s);
          if (!fresh) throw new CloudError(l10n.t('The pod no longer exists.'), 'POD_GONE');
          last = fresh;
          const answer = await ready(fresh, s ?? signal);
          return answer === undefined ? undefined : { pod: fresh, answer };
        },
        { ...options, timeoutMs: Math.min(timing.waitTimeoutMs, ANSWER_TIMEOUT_MS) },
        () =>
          intent === 'jupyter'
            ? l10n.t('"{0}" is {1}, but Jupyter has no address yet; try again in a moment.', name, statusText(last))
            : l10n.t('"{0}" is {1}, but SSH does not answer yet; try again in a moment.', name, statusText(last)),
      );
    });
  } catch (e) {
    if (e instanceof CancelledError)
      void services.workbench.showInfo(
        l10n.t('Stopped waiting; "{0}" carries on in the cloud and the tree shows when it is done.', name),
      );
    throw e;
  } finally {
    void services.data.refresh(account.id);
  }
}
