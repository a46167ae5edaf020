import * as vscode from 'vscode';
import { displayText } from '../../core/displayText';
import { CancelledError } from '../../core/errors';
import { type IdleKind, parseHours } from '../../core/idleTimers';
import { CLOUDS } from '../../providers/clouds';
import { settings } from '../../services/settings';
import { actionLabel } from '../../ui/actionLabels';
import { inputOne } from '../../ui/pickOne';
import { pickPod } from '../pickTarget';
import type { Services } from '../services';

/** "Stop After…" and "Remind Me After…": a timer on one running pod, kept across reloads. */
async function setIdleTimer(services: Services, arg: unknown, kind: IdleKind): Promise<void> {
  const guard = services.idleGuard;
  const target = await pickPod(
    services,
    arg,
    (pod) => pod.status === 'running',
    vscode.l10n.t('Choose a running pod'),
    vscode.l10n.t('No pod is running.'),
  );
  const { account, pod, provider } = target;
  const canStop = provider.podActions.has('stop');
  const existing = guard.get(account.id, pod.id);
  const title =
    kind === 'stop'
      ? vscode.l10n.t(
          '{0} "{1}" after how many hours?',
          actionLabel(provider.facts, 'stop'),
          displayText(pod.name || pod.id),
        )
      : vscode.l10n.t('Remind me about "{0}" after how many hours?', displayText(pod.name || pod.id));
  const prompt =
    kind === 'stop' && !canStop
      ? vscode.l10n.t(
          '{0} cannot stop pods: when the time comes you are asked whether to delete it; nothing is deleted without your answer.',
          CLOUDS[account.cloud].displayName,
        )
      : kind === 'stop'
        ? vscode.l10n.t('Hours from now (1.5 = 90 minutes). You get a notification first and can keep it running.')
        : vscode.l10n.t('Hours from now (1.5 = 90 minutes).');
  const text = await inputOne(services.ui, {
    id: 'idleHours',
    title,
    prompt,
    value: String(existing?.kind === kind ? existing.hours : settings.idleDefaultHours()),
    validate: (v) => {
      const r = parseHours(v);
      return 'error' in r ? r.error : undefined;
    },
  });
  const parsed = parseHours(text);
  if ('error' in parsed) throw new CancelledError();
  await guard.set(account, pod, kind, parsed.hours);
  const line = guard.describe(account.id, pod.id);
  if (line) void services.workbench.showInfo(vscode.l10n.t('"{0}": {1}.', displayText(pod.name || pod.id), line));
}

export async function clearIdleTimer(services: Services, arg: unknown): Promise<void> {
  const guard = services.idleGuard;
  const target = await pickPod(
    services,
    arg,
    (pod, _c, account) => !!guard.get(account.id, pod.id),
    vscode.l10n.t('Choose a pod'),
    vscode.l10n.t('No pod has a stop timer or reminder.'),
  );
  if (await guard.clear(target.account.id, target.pod.id)) {
    void services.workbench.showInfo(
      vscode.l10n.t('"{0}" has no stop timer or reminder any more.', displayText(target.pod.name || target.pod.id)),
    );
  }
}

export const stopAfter = (services: Services, arg?: unknown) => setIdleTimer(services, arg, 'stop');
export const remindAfter = (services: Services, arg?: unknown) => setIdleTimer(services, arg, 'remind');
